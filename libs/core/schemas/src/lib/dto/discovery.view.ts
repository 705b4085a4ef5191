import { CANONICAL_TYPES } from '@crm-hub/plugin-sdk';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The discovery wizard's answers, as OpenAPI describes them (the console and the CLI are typed
 * from that document). They mirror the SDK's `CrmObject`, `CrmField` and `CrmEnum`.
 */
export class ObjectSummaryView {
  @ApiProperty({ example: 'Contact' }) name!: string;
  @ApiProperty() label!: string;
  @ApiProperty() custom!: boolean;
  @ApiProperty({ enum: ['delta', 'cursor', 'none'], description: 'How incremental reads resume' }) incremental!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The schema already made for this object, if any' }) schemaId!: string | null;
}

export class ObjectListView {
  @ApiProperty({ type: [ObjectSummaryView] }) objects!: ObjectSummaryView[];
}

export class CrmFieldView {
  @ApiProperty() name!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'The type as the CRM reports it', example: 'picklist' }) nativeType!: string;
  @ApiProperty({ enum: CANONICAL_TYPES, description: 'Canonical type' }) type!: string;
  @ApiPropertyOptional() length?: number;
  @ApiPropertyOptional() precision?: number;
  @ApiPropertyOptional() scale?: number;
  @ApiProperty() nullable!: boolean;
  @ApiPropertyOptional({ description: 'A create must give it (absent: unknown, for older plugins)' }) required?: boolean;
  @ApiProperty() createable!: boolean;
  @ApiProperty() updateable!: boolean;
  @ApiProperty() externalId!: boolean;
  @ApiProperty() unique!: boolean;
  @ApiPropertyOptional({ description: 'Computed by the CRM (formula, roll-up)' }) computed?: boolean;
  @ApiPropertyOptional() autoNumber?: boolean;
  @ApiPropertyOptional() nameField?: boolean;
  @ApiPropertyOptional({ example: 'email' }) format?: string;
  @ApiPropertyOptional({ type: [String] }) referenceTo?: string[];
  @ApiPropertyOptional() relationshipName?: string;
  @ApiPropertyOptional({ description: 'The picklist of its values (see `picklists`)' }) enumId?: string;
  @ApiPropertyOptional({ type: [String] }) components?: string[];
}

export class UnsupportedFieldView {
  @ApiProperty() name!: string;
  @ApiProperty() nativeType!: string;
  @ApiProperty({ description: 'Why the plugin cannot read it' }) reason!: string;
}

export class CrmObjectView {
  @ApiProperty() name!: string;
  @ApiProperty() label!: string;
  @ApiProperty() custom!: boolean;
  @ApiProperty() idField!: string;
  @ApiPropertyOptional() cursorField?: string;
  @ApiProperty({ enum: ['delta', 'cursor', 'none'] }) incremental!: string;
  @ApiPropertyOptional({ enum: ['stream', 'window', 'none'] }) deletes?: string;
  @ApiProperty({ type: [CrmFieldView] }) fields!: CrmFieldView[];
  @ApiPropertyOptional({ type: [UnsupportedFieldView] }) unsupportedFields?: UnsupportedFieldView[];
}

export class CrmEnumValueView {
  @ApiProperty() value!: string;
  @ApiProperty() label!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty() order!: number;
  @ApiPropertyOptional({ type: [String] }) validFor?: string[];
}

export class CrmEnumView {
  @ApiProperty({ example: 'Contact.LeadSource' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() global!: boolean;
  @ApiProperty() multiSelect!: boolean;
  @ApiProperty() restricted!: boolean;
  @ApiPropertyOptional() controllingField?: string;
  @ApiProperty({ type: [CrmEnumValueView] }) values!: CrmEnumValueView[];
}

export class ObjectDescribeView {
  @ApiProperty({ type: CrmObjectView }) object!: CrmObjectView;
  @ApiProperty({ type: [CrmEnumView] }) picklists!: CrmEnumView[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schemaId!: string | null;
}
