import { CrmEnumValueView } from '@crm-hub/schemas';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PicklistUseView {
  @ApiProperty({ example: 'Contact' }) object!: string;
  @ApiProperty({ example: 'LeadSource' }) field!: string;
}

/** A CRM picklist of an account (the SDK's `CrmEnum`), where its schemas use it, and the enumerations it feeds. */
export class AccountPicklistView {
  @ApiProperty({ example: 'Contact.LeadSource', description: '`<object>.<field>`, or `global:<name>` for a global option set' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() global!: boolean;
  @ApiProperty() multiSelect!: boolean;
  @ApiProperty({ description: 'Only the listed values are accepted by the CRM' }) restricted!: boolean;
  @ApiPropertyOptional({ description: 'Dependent picklist: the controlling field' }) controllingField?: string;
  @ApiProperty({ type: [CrmEnumValueView] }) values!: CrmEnumValueView[];
  @ApiProperty({ type: [PicklistUseView] }) usedBy!: PicklistUseView[];
  @ApiProperty({ type: [String], description: 'Hub enumerations bound to it by enum sync' }) boundTo!: string[];
}

export class AccountPicklistsView {
  @ApiProperty({ type: [AccountPicklistView] }) picklists!: AccountPicklistView[];
}
