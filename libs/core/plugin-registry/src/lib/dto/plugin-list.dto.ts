import { ApiProperty } from '@nestjs/swagger';
import { PluginRefusalDto } from './plugin-refusal.dto';
import { PluginDto } from './plugin.dto';

/** `GET /api/plugins`: the loaded plugins and the packages that were refused. */
export class PluginListDto {
  @ApiProperty({ type: PluginDto, isArray: true })
  plugins!: PluginDto[];

  @ApiProperty({ type: PluginRefusalDto, isArray: true })
  refused!: PluginRefusalDto[];
}
