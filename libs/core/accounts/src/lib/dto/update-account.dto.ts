import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches, ValidateIf } from 'class-validator';

/**
 * Only an absent property is "not changed": `@IsOptional()` would also let `null` through, and
 * `{"name": null}` or `{"config": null}` would then reach the service as if they were values.
 */
const whenPresent = ValidateIf((_dto: object, value: unknown) => value !== undefined);

/**
 * `PATCH /api/accounts/:id`: rename, or change some settings (the others, secrets included, are
 * kept). A PATCH that changes nothing (`{}`, or the current values) answers the account unchanged
 * and writes nothing, `updatedAt` included.
 */
export class UpdateAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'A new unique name; cannot be null' })
  @whenPresent
  @IsString({ message: 'name must be a string (omit it to keep the current name)' })
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Settings to change; a null value removes an optional setting. Omitted settings (and secrets) are kept. The object itself cannot be null.',
    example: { apiVersion: '62.0' },
  })
  @whenPresent
  @IsObject({ message: 'config must be an object of settings to change (omit it to keep the current settings)' })
  config?: Record<string, unknown>;
}
