import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIsoDateTime } from '../../iso-date-time.validator';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Query of `GET /api/audit`: filters and paging, newest first. */
export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional()
  @IsIsoDateTime('since', '2026-12-01T00:00:00Z')
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional()
  @IsIsoDateTime('until', '2026-12-02T00:00:00Z')
  until?: string;

  @ApiPropertyOptional({ description: 'Changes made with this key (its id, as GET /api/keys lists it)' }) @IsOptional() @IsString() @Length(1, 40) keyId?: string;

  @ApiPropertyOptional({ example: 'account.update', description: 'An action, or a resource type followed by a dot for all its actions (`account.`)' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  @Matches(/^[a-z][a-z-]*(\.[a-z-]*)?$/, { message: 'action must be an action such as account.update, or a resource type and a dot (account.)' })
  action?: string;

  @ApiPropertyOptional({ example: 'job' }) @IsOptional() @IsString() @Length(1, 20) resourceType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 255) resourceId?: string;

  @ApiPropertyOptional({ description: 'Changes to this account and what hangs off it' }) @IsOptional() @IsString() @Length(1, 36) accountId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed'], { message: 'outcome must be pending, succeeded or failed' })
  outcome?: 'pending' | 'succeeded' | 'failed';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,15}$/, { message: 'before must be the next cursor of a previous page (a number)' })
  before?: string;
}

/** The key a change was made with. */
export class AuditKeyView {
  @ApiProperty() id!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() name!: string;
}

/** One change made through the API. */
export class AuditEntryView {
  @ApiProperty({ description: 'Increasing with time' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditKeyView }) key!: AuditKeyView;
  @ApiProperty({ example: 'account.update' }) action!: string;
  @ApiProperty({ example: 'PATCH' }) method!: string;
  @ApiProperty({ example: '/api/accounts/8f0c…' }) path!: string;
  @ApiProperty({ nullable: true, type: String, example: 'account' }) resourceType!: string | null;
  @ApiProperty({ nullable: true, type: String }) resourceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Per field: { from, to }; a secret only as "changed" or "removed"',
  })
  changes!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'], description: 'pending: no outcome was recorded — the change is under way, or its hub process stopped before answering' })
  outcome!: 'pending' | 'succeeded' | 'failed';
  @ApiProperty({ nullable: true, type: Number, description: 'The HTTP status of the answer (null while pending)' }) status!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed' }) error!: string | null;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) entries!: AuditEntryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page' }) next!: string | null;
}
