import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The outcome of the last "test connection". */
export class LastCheckView {
  @ApiProperty({ enum: ['ok', 'failed'] })
  status!: 'ok' | 'failed';

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional({ description: 'Why the check failed' })
  reason?: string;

  @ApiProperty()
  durationMs!: number;
}

/** Whether a secret setting holds a value (its value is never returned). */
export class SecretStateView {
  @ApiProperty()
  set!: boolean;
}

/** An external account as the API shows it: settings without secrets. */
export class AccountView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  pluginId!: string;

  @ApiProperty({ description: 'False when the plugin is not installed or was refused (see GET /api/plugins)' })
  pluginAvailable!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Settings, without secrets' })
  config!: Record<string, unknown>;

  // The shape of SecretStateView inline: a bare $ref to it dangled (nothing else registers that
  // model), which made the OpenAPI document invalid for generators (openapi-typescript).
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { set: { type: 'boolean' } }, required: ['set'] },
    example: { clientSecret: { set: true } },
  })
  secrets!: Record<string, SecretStateView>;

  @ApiProperty({ type: LastCheckView, nullable: true })
  lastCheck!: LastCheckView | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** The answer of `POST /api/accounts/:id/check`. */
export class CheckResultView {
  @ApiProperty()
  ok!: boolean;

  @ApiPropertyOptional({ description: 'Why the CRM could not be used, and what to do' })
  reason?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What the plugin reports (API usage, org…)' })
  details?: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  checkedAt!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ description: 'CRM API calls the check used' })
  apiCalls!: number;
}
