import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

/** `PATCH /api/accounts/:id`: rename, or change some settings (the others, secrets included, are kept). */
export class UpdateAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Settings to change; a null value removes an optional setting. Omitted settings (and secrets) are kept.',
    example: { apiVersion: '62.0' },
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}
