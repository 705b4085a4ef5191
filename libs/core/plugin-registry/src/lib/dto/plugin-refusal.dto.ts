import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PluginSource } from '../plugin-registry.types';

/** A package the hub found but did not load. */
export class PluginRefusalDto {
  @ApiPropertyOptional({ description: 'name@version, when its package.json could be read', example: '@acme/crm-hub-plugin-acme@2.0.0' })
  package?: string;

  @ApiProperty({ description: 'Folder of the package, relative to PLUGINS_DIR or to the installation (never an absolute path)' })
  location!: string;

  @ApiProperty({ enum: ['dependency', 'plugins-dir'] })
  source!: PluginSource;

  @ApiProperty({
    description: 'What is wrong and what to do about it',
    example: 'built for plugin contract 2, this hub supports contract 1: install a version of the plugin built for contract 1 or upgrade the hub',
  })
  reason!: string;
}
