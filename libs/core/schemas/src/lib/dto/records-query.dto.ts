import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Query of `GET /api/schemas/:id/records`. */
export class RecordsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  // Decimal digits only: Number() would also read "0x10", "1e2" or " 16 " as numbers.
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number written in decimal digits' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be the next cursor of a previous page' })
  after?: string;

  @ApiPropertyOptional({
    description: 'A canonical filter as JSON, on CRM field names',
    example: '{"and":[{"field":"LastName","op":"startsWith","value":"Ad"},{"field":"Email","op":"isNull","value":false}]}',
  })
  @IsOptional()
  @IsString()
  filter?: string;

  @ApiPropertyOptional({ description: 'Also rows deleted in the CRM (soft-deleted in the hub)', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeleted?: boolean;
}
