import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Query of `GET /api/sync/runs`. */
export class RunsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString() @Length(1, 36) jobId?: string;

  @ApiPropertyOptional({ enum: ['queued', 'running', 'succeeded', 'failed', 'paused', 'cancelled'] })
  @IsOptional()
  @IsIn(['queued', 'running', 'succeeded', 'failed', 'paused', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' }) @IsOptional() @IsString() @Length(1, 36) before?: string;
}

/** Query of the reject lists. */
export class RejectsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;

  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' }) @IsOptional() @IsString() @Length(1, 36) after?: string;
}
