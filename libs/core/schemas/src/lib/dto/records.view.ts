import { ApiProperty } from '@nestjs/swagger';

/** A row of a schema's table (see records/schema-records.service.ts), as OpenAPI describes it. */
export class RecordView {
  @ApiProperty({ description: 'The hub row id' }) hubId!: string;
  @ApiProperty({ nullable: true, type: String }) crmId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) crmModifiedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) hubUpdatedAt!: string;
  @ApiProperty({ enum: ['crm', 'hub'], description: 'Who wrote the row last' }) hubOrigin!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Deleted in the CRM (kept, soft-deleted)' }) hubDeletedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Canonical values keyed by CRM field names' }) values!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Enumeration labels of enum fields (an array for multi-selects; null for a value the enumeration lacks)',
  })
  labels!: Record<string, string | (string | null)[] | null>;
}

export class RecordsPageView {
  @ApiProperty({ type: [RecordView] }) records!: RecordView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last one' }) next!: string | null;
}
