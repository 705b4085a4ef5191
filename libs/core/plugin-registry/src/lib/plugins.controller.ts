import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginListDto } from './dto/plugin-list.dto';
import type { PluginRefusalDto } from './dto/plugin-refusal.dto';
import { PluginDto } from './dto/plugin.dto';
import { PLUGIN_REGISTRY_OPTIONS, type PluginRegistryOptions, resolvePluginRegistryOptions } from './plugin-registry.options';
import { PluginRegistry } from './plugin-registry.service';
import type { PluginRefusal, PluginSource, RegisteredPlugin } from './plugin-registry.types';

/**
 * The installed CRM plugins, their capabilities and the packages that failed to load. Locations
 * are shown relative to the plugins folder or the installation, never as absolute paths: the API
 * caller needs to find the package, not to learn the server's file system.
 */
@ApiTags('plugins')
@Controller('plugins')
export class PluginsController {
  private readonly folders: PluginFolders;

  constructor(
    private readonly registry: PluginRegistry,
    @Inject(PLUGIN_REGISTRY_OPTIONS) options: PluginRegistryOptions,
  ) {
    this.folders = resolvePluginRegistryOptions(options);
  }

  @Get()
  @ApiOperation({ summary: 'Installed CRM plugins and load failures' })
  @ApiOkResponse({ type: PluginListDto })
  list(): PluginListDto {
    return {
      plugins: this.registry.list().map((p) => this.toDto(p)),
      refused: this.registry.refusals().map((r) => this.toRefusalDto(r)),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One installed CRM plugin' })
  @ApiOkResponse({ type: PluginDto })
  @ApiNotFoundResponse({ description: 'No plugin with this id is loaded' })
  get(@Param('id') id: string): PluginDto {
    const plugin = this.registry.get(id);
    if (plugin) return this.toDto(plugin);
    const reason = this.registry.refusalReason(id);
    throw new NotFoundException(
      reason === undefined
        ? `No CRM plugin "${id}" is installed`
        : `CRM plugin "${id}" is not loaded: it was refused: ${withoutFolders(reason, this.folders)}`,
    );
  }

  private toDto(plugin: RegisteredPlugin): PluginDto {
    return {
      id: plugin.id,
      name: plugin.displayName,
      packageName: plugin.packageName,
      version: plugin.version,
      contract: plugin.contract,
      source: plugin.source,
      location: publicLocation(plugin.location, plugin.source, this.folders, plugin.packageName),
      capabilities: plugin.capabilities,
      connectionSpec: plugin.connectionSpec,
    };
  }

  private toRefusalDto(refusal: PluginRefusal): PluginRefusalDto {
    return {
      ...(refusal.package ? { package: refusal.package } : {}),
      location: publicLocation(refusal.location, refusal.source, this.folders, refusal.package),
      source: refusal.source,
      reason: withoutFolders(refusal.reason, this.folders),
    };
  }
}

/** The folders a location may be shown relative to. */
export interface PluginFolders {
  hostRoot: string;
  pluginsDir: string;
}

/**
 * Where a package is, without the server's file system: relative to PLUGINS_DIR for a drop-in
 * (`acme`, `@acme/crm`), relative to the installation for a dependency
 * (`node_modules/@crm-hub/plugin-salesforce`), else (a folder elsewhere) its package name.
 */
export function publicLocation(location: string, source: PluginSource, folders: PluginFolders, packageName?: string): string {
  const base = source === 'plugins-dir' ? folders.pluginsDir : folders.hostRoot;
  const path = relative(base, location);
  if (path && !path.startsWith('..') && !isAbsolute(path)) return path.split(sep).join('/');
  return packageName?.replace(/@[^@/]+$/, '') || basename(location);
}

/**
 * A reason as the API shows it: the plugins folder written as `PLUGINS_DIR`, the installation as
 * `.`, and any other absolute path cut to its last segment.
 */
export function withoutFolders(text: string, folders: PluginFolders): string {
  const known = [
    [folders.pluginsDir, 'PLUGINS_DIR'],
    [folders.hostRoot, '.'],
  ].sort((a, b) => (b[0] as string).length - (a[0] as string).length) as [string, string][];
  let shown = text;
  for (const [folder, name] of known) if (folder.length > 1) shown = shown.split(folder).join(name); // never '/' itself
  // Absolute paths left (after a space, quote or bracket): keep only the file or folder name.
  return shown.replace(/(^|[\s'"([])\/(?:[^\s'"()[\]/]+\/)+([^\s'"()[\]/]*)/g, '$1…/$2');
}
