import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** `POST /api/schemas/:id/records` and `PATCH …/records/:hubId`: values by CRM field name. */
export class RecordWriteDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "Canonical values keyed by the schema's CRM field names (decimals as strings, datetimes ISO 8601, multi-selects as arrays); null empties a field",
    example: { LastName: 'Lovelace', Email: 'ada@example.com' },
  })
  @IsObject()
  values!: Record<string, unknown>;
}
