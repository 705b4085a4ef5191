import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginListDto } from './dto/plugin-list.dto';
import { PluginDto } from './dto/plugin.dto';
import { PluginRegistry } from './plugin-registry.service';
import type { RegisteredPlugin } from './plugin-registry.types';

/** The installed CRM plugins, their capabilities and the packages that failed to load. */
@ApiTags('plugins')
@Controller('plugins')
export class PluginsController {
  constructor(private readonly registry: PluginRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Installed CRM plugins and load failures' })
  @ApiOkResponse({ type: PluginListDto })
  list(): PluginListDto {
    return { plugins: this.registry.list().map(toDto), refused: this.registry.refusals() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One installed CRM plugin' })
  @ApiOkResponse({ type: PluginDto })
  @ApiNotFoundResponse({ description: 'No plugin with this id is loaded' })
  get(@Param('id') id: string): PluginDto {
    const plugin = this.registry.get(id);
    if (plugin) return toDto(plugin);
    const reason = this.registry.refusalReason(id);
    throw new NotFoundException(
      reason === undefined ? `No CRM plugin "${id}" is installed` : `CRM plugin "${id}" is not loaded: it was refused: ${reason}`,
    );
  }
}

function toDto(plugin: RegisteredPlugin): PluginDto {
  return {
    id: plugin.id,
    name: plugin.displayName,
    packageName: plugin.packageName,
    version: plugin.version,
    contract: plugin.contract,
    source: plugin.source,
    location: plugin.location,
    capabilities: plugin.capabilities,
    connectionSpec: plugin.connectionSpec,
  };
}
