import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A field of a hub schema and the column that holds it. */
export class SchemaFieldView {
  @ApiProperty({ description: 'The CRM field name' })
  name!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Column in the hub table; null for an address stored as its components' })
  column!: string | null;

  @ApiProperty({ description: 'Canonical type' })
  type!: string;

  @ApiProperty({ description: 'Type as the CRM reports it' })
  nativeType!: string;

  @ApiProperty({ nullable: true, type: String, example: 'decimal(18,2)' })
  columnType!: string | null;

  @ApiPropertyOptional() length?: number;
  @ApiPropertyOptional() precision?: number;
  @ApiPropertyOptional() scale?: number;
  @ApiProperty() nullable!: boolean;
  @ApiProperty() createable!: boolean;
  @ApiProperty() updateable!: boolean;
  @ApiProperty() externalId!: boolean;
  @ApiProperty() unique!: boolean;
  @ApiProperty({ description: 'Computed by the CRM (formula, roll-up): changes without the modification stamp moving' }) computed!: boolean;
  @ApiPropertyOptional({ type: [String] }) referenceTo?: string[];
  @ApiPropertyOptional({ description: 'The CRM picklist (see GET /api/accounts/:id/picklists)' }) picklist?: string;
  @ApiPropertyOptional({ description: 'The hub enumeration bound by enum sync' }) enumeration?: string;
  @ApiPropertyOptional() compoundOf?: string;
  @ApiPropertyOptional({ type: [String] }) components?: string[];
  @ApiProperty({ description: 'False once the field disappeared from the CRM (its column and data stay)' }) active!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) removedAt?: string;
}

/** A hub data schema: a CRM object of an account and its generated table. */
export class SchemaView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() object!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: 'crm_salesforce_prod_contact' }) table!: string;
  @ApiProperty() idField!: string;
  @ApiProperty({ nullable: true, type: String }) cursorField!: string | null;
  @ApiProperty({ enum: ['delta', 'cursor', 'none'] }) incremental!: string;
  @ApiProperty({ enum: ['all', 'explicit'] }) selection!: string;
  @ApiProperty() fingerprint!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [SchemaFieldView] }) fields!: SchemaFieldView[];
}

/** The answer of `POST /api/accounts/:id/schemas`: one schema per selected object, in order. */
export class GeneratedSchemasView {
  @ApiProperty({ type: [SchemaView] }) schemas!: SchemaView[];
}
