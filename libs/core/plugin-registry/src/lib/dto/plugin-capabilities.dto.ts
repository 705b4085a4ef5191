import { FILTER_OPERATORS, type FilterOperator } from '@crm-hub/plugin-sdk';
import { ApiProperty } from '@nestjs/swagger';

/** Which write operations a plugin's connector performs, and its batch size. */
export class PluginWriteCapabilitiesDto {
  @ApiProperty() insert!: boolean;
  @ApiProperty() update!: boolean;
  @ApiProperty() upsert!: boolean;
  @ApiProperty() delete!: boolean;
  @ApiProperty({ description: 'Most records per write call', example: 200 }) maxBatch!: number;
}

/** What a plugin's connector can do (the manifest's `capabilities`). */
export class PluginCapabilitiesDto {
  @ApiProperty({ enum: ['push', 'delta', 'poll'], description: 'How changes() gets changes' })
  changeStream!: 'push' | 'delta' | 'poll';

  @ApiProperty({ enum: ['stream', 'window', 'none'], description: 'Deletes inline in read(), by date window, or not at all' })
  deletes!: 'stream' | 'window' | 'none';

  @ApiProperty({ type: PluginWriteCapabilitiesDto })
  write!: PluginWriteCapabilitiesDto;

  @ApiProperty({ description: 'Whether the plugin has a bulk path for large reads and writes' })
  bulk!: boolean;

  @ApiProperty({ enum: FILTER_OPERATORS, isArray: true, description: 'Filter operators read() pushes down to the CRM' })
  filterOperators!: FilterOperator[];
}
