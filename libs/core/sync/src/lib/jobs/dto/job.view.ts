import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A mapped field. */
export class FieldMappingView {
  @ApiProperty() field!: string;
  @ApiProperty() column!: string;
  @ApiProperty({ enum: ['default', 'date-only', 'no-tz-shift', 'raw'] }) conversion!: string;
}

/** A schedule. */
export class ScheduleView {
  @ApiProperty() cron!: string;
  @ApiProperty() timeZone!: string;
}

/** A short view of a job's latest run. */
export class LastRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) queuedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
}

/** A sync job. */
export class JobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'uuid' }) schemaId!: string;
  @ApiProperty({ description: 'The CRM object' }) object!: string;
  @ApiProperty({ description: "The schema's table" }) table!: string;
  @ApiProperty({ enum: ['import', 'import-deleted', 'export', 'delete'] }) operation!: string;
  @ApiProperty({ type: [FieldMappingView] }) mapping!: FieldMappingView[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) filter!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true }) options!: Record<string, unknown>;
  @ApiProperty({ enum: ['manual', 'scheduled', 'continuous'] }) mode!: string;
  @ApiPropertyOptional({ type: ScheduleView }) schedule?: ScheduleView;
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) nextRunAt?: string;
  @ApiProperty({
    type: [String],
    description: 'Mapped fields the CRM computes (formulas, roll-ups): they change without the modification stamp, so incremental runs miss those changes',
  })
  computedFields!: string[];
  @ApiPropertyOptional({ description: 'What the operator should know about this job' }) warning?: string;
  @ApiPropertyOptional({ type: LastRunView }) lastRun?: LastRunView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
