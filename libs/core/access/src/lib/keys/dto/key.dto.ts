import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIsoDateTime } from '../../iso-date-time.validator';
import { SCOPES, type Scope } from '../../scopes';

/** `POST /api/keys`. */
export class CreateKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'dashboard (read-only)', description: 'Who or what uses the key' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters: say who or what uses the key' })
  @Matches(/\S/, { message: 'name must not be blank: say who or what uses the key' })
  name!: string;

  @ApiProperty({ enum: SCOPES, description: 'read: everything readable, no secrets; operate: also run, cancel and schedule jobs, retry rejects, test connections; admin: everything, keys included' })
  @IsIn(SCOPES, { message: `scope must be one of ${SCOPES.join(', ')}` })
  scope!: Scope;

  @ApiPropertyOptional({ type: [String], description: 'Limit the key to these accounts (ids): it sees and touches only them and what hangs off them. Omit for every account' })
  @IsOptional()
  @IsArray({ message: 'accounts must be a list of account ids (omit it for every account)' })
  @ArrayMinSize(1, { message: 'accounts must name at least one account (omit it for every account)' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'accounts must be a list of account ids' })
  @Length(1, 36, { each: true, message: 'each of accounts must be an account id' })
  accounts?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working (default: never)' })
  @IsOptional()
  @IsIsoDateTime('expiresAt', '2027-01-31T00:00:00Z')
  expiresAt?: string;
}

/** An API key as lists show it: never the key itself. */
export class KeyView {
  @ApiProperty({ description: 'The key id (`env:<n>` for the n-th key of HUB_API_KEYS)' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The first characters of the key' }) prefix!: string;
  @ApiProperty({ enum: SCOPES }) scope!: Scope;
  @ApiProperty({ type: [String], nullable: true, description: 'The accounts the key is limited to; null: every account' }) accounts!: string[] | null;
  @ApiProperty({ enum: ['stored', 'environment'], description: 'environment: a HUB_API_KEYS key (admin, cannot be revoked through the API)' })
  source!: 'stored' | 'environment';
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'To the minute; not tracked for HUB_API_KEYS keys' }) lastUsedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: 'active' | 'expired' | 'revoked';
}

/** The answer to `POST /api/keys`: the only time the key is shown. */
export class CreatedKeyView extends KeyView {
  @ApiProperty({ description: 'The key: shown only in this answer, stored only as a hash. Send it as Authorization: Bearer <key>' })
  key!: string;
}
