import type { JsonSchema } from '@crm-hub/plugin-sdk';
import { ApiProperty } from '@nestjs/swagger';
import type { PluginSource } from '../plugin-registry.types';
import { PluginCapabilitiesDto } from './plugin-capabilities.dto';

/** A loaded CRM plugin. */
export class PluginDto {
  @ApiProperty({ description: 'Plugin id (kebab-case), used by accounts', example: 'salesforce' })
  id!: string;

  @ApiProperty({ description: "The manifest's display name", example: 'Salesforce' })
  name!: string;

  @ApiProperty({ example: '@crm-hub/plugin-salesforce' })
  packageName!: string;

  @ApiProperty({ example: '1.2.0' })
  version!: string;

  @ApiProperty({ description: 'Plugin contract version it was built for', example: 1 })
  contract!: number;

  @ApiProperty({ enum: ['dependency', 'plugins-dir'], description: "Found among the hub's dependencies or in the plugins folder" })
  source!: PluginSource;

  @ApiProperty({
    description: 'Folder of the package: relative to PLUGINS_DIR for a drop-in, to the installation for a dependency (never an absolute path)',
    example: 'acme-crm',
  })
  location!: string;

  @ApiProperty({ type: PluginCapabilitiesDto })
  capabilities!: PluginCapabilitiesDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the account settings; secret properties carry "x-secret": true',
  })
  connectionSpec!: JsonSchema;
}
