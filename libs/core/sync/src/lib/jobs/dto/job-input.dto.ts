import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from '@crm-hub/access';

const CONVERSIONS = ['default', 'date-only', 'no-tz-shift', 'raw'] as const;

/** One CRM field copied into one column. */
export class FieldMappingDto {
  @ApiProperty({ description: 'The CRM field (as the schema names it)', example: 'LastName' })
  @IsString()
  @Length(1, 255)
  field!: string;

  @ApiPropertyOptional({ description: "The column of the schema's table (default: the field's own column)", example: 'last_name' })
  @IsOptional()
  @IsString()
  @Length(1, 63)
  column?: string;

  @ApiPropertyOptional({
    enum: CONVERSIONS,
    default: 'default',
    description:
      "`default`: canonical value (instants in UTC); `date-only`: an instant's calendar date in the job's time zone; `no-tz-shift`: an instant's wall-clock time in the job's time zone, stored as if UTC; `raw`: the value as text (text and JSON columns)",
  })
  @IsOptional()
  @IsIn(CONVERSIONS)
  conversion?: (typeof CONVERSIONS)[number];
}

/** A cron schedule in a time zone. */
export class ScheduleDto {
  @ApiProperty({ description: 'Cron expression (5 or 6 fields: seconds optional)', example: '0 */15 * * * *' })
  @IsString()
  @Length(1, 120)
  cron!: string;

  @ApiPropertyOptional({ description: 'IANA time zone the cron expression is read in', default: 'UTC', example: 'Europe/Rome' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;
}

/** A date window (ISO 8601, both bounds included). */
export class WindowDto {
  @ApiProperty({ format: 'date-time' }) @IsIsoDateTime('from', '2026-12-01T00:00:00Z') from!: string;
  @ApiProperty({ format: 'date-time' }) @IsIsoDateTime('to', '2026-12-02T00:00:00Z') to!: string;
}

/** A bidirectional pair: the import job on the same schema, and who wins a field changed on both sides. */
export class PairDto {
  @ApiProperty({ format: 'uuid', description: 'An import job on the same schema' }) @IsString() @Length(1, 36) importJobId!: string;

  @ApiProperty({ enum: ['crm-wins', 'hub-wins', 'latest-wins'] })
  @IsIn(['crm-wins', 'hub-wins', 'latest-wins'])
  conflictPolicy!: 'crm-wins' | 'hub-wins' | 'latest-wins';
}

/** How a job treats what it reads or writes. */
export class JobOptionsDto {
  @ApiPropertyOptional({ default: true, description: 'Read only what changed since the last run' })
  @IsOptional()
  @IsBoolean()
  incremental?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: "Records per CRM call, a hint each plugin clamps to what its CRM allows (default 10,000: REST pages at the CRM's maximum, bulk result pages held to it)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  pageSize?: number;

  @ApiPropertyOptional({ enum: ['soft', 'hard', 'ignore'], default: 'soft', description: 'What a CRM deletion does to the row' })
  @IsOptional()
  @IsIn(['soft', 'hard', 'ignore'])
  deletes?: 'soft' | 'hard' | 'ignore';

  @ApiPropertyOptional({ type: WindowDto, description: 'import-deleted: read deletions of this window instead of incrementally' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowDto)
  window?: WindowDto;

  @ApiPropertyOptional({ description: "Time zone of date-only / no-tz-shift conversions (default: the schedule's, else UTC)" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({ type: ScheduleDto, description: 'Full reads that refresh computed (formula) fields, which change without the modification stamp' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  computedRefresh?: ScheduleDto;

  @ApiPropertyOptional({ enum: ['insert', 'update', 'upsert'], default: 'upsert', description: 'Export: create, change (by crm_id) or upsert (by matchField)' })
  @IsOptional()
  @IsIn(['insert', 'update', 'upsert'])
  writeMode?: 'insert' | 'update' | 'upsert';

  @ApiPropertyOptional({ description: "Export with upsert: the CRM's external-id field", example: 'External_Id__c' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  matchField?: string;

  @ApiPropertyOptional({ default: false, description: 'Export and delete: send rejected rows again, even when unchanged' })
  @IsOptional()
  @IsBoolean()
  retryRejects?: boolean;

  @ApiPropertyOptional({ enum: ['soft-deleted', 'filter'], default: 'soft-deleted', description: 'Delete: the rows soft-deleted in the hub, or the rows matching the filter' })
  @IsOptional()
  @IsIn(['soft-deleted', 'filter'])
  deleteSource?: 'soft-deleted' | 'filter';

  @ApiPropertyOptional({ type: PairDto, description: 'Export: forms a bidirectional pair with an import job on the same schema' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PairDto)
  pair?: PairDto;
}

/** Fields shared by creating and changing a job. */
export class JobChangesDto {
  @ApiPropertyOptional({ type: [FieldMappingDto], description: 'Default: every active field of the schema into its own column' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => FieldMappingDto)
  mapping?: FieldMappingDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'A canonical filter (SDK FilterExpr) pushed down to the CRM; AND/OR may mix, strings compare',
    example: { and: [{ field: 'LeadSource', op: 'eq', value: 'Web' }, { or: [{ field: 'Rating', op: 'eq', value: 'Hot' }, { field: 'Rating', op: 'isNull', value: true }] }] },
  })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: JobOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => JobOptionsDto)
  options?: JobOptionsDto;

  @ApiPropertyOptional({ type: ScheduleDto, nullable: true, description: 'Run on a cron schedule (not with mode continuous)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto | null;

  @ApiPropertyOptional({ enum: ['manual', 'scheduled', 'continuous'], description: "`continuous`: follow the plugin's change stream; default from `schedule`" })
  @IsOptional()
  @IsIn(['manual', 'scheduled', 'continuous'])
  mode?: 'manual' | 'scheduled' | 'continuous';

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** `POST /api/sync/jobs`. */
export class CreateJobDto extends JobChangesDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Contacts from Salesforce' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The external account' })
  @IsString()
  @Length(1, 36)
  accountId!: string;

  @ApiProperty({ format: 'uuid', description: "A schema of that account (one CRM object and its table)" })
  @IsString()
  @Length(1, 36)
  schemaId!: string;

  @ApiProperty({ enum: ['import', 'import-deleted', 'export', 'delete'] })
  @IsIn(['import', 'import-deleted', 'export', 'delete'])
  operation!: 'import' | 'import-deleted' | 'export' | 'delete';
}

/** `PATCH /api/sync/jobs/:id`: only what is sent changes (`null` clears the filter or the schedule). */
export class UpdateJobDto extends JobChangesDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;
}

/** `POST /api/sync/jobs/:id/runs`. */
export class StartRunDto {
  @ApiPropertyOptional({ default: false, description: 'Read everything, not only what changed since the last run' })
  @IsOptional()
  @IsBoolean()
  full?: boolean;
}
