import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EnumerationValueView {
  @ApiProperty() value!: string;
  @ApiProperty() label!: string;
  @ApiProperty() order!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: '`crm:<account id>:<picklist id>`, or `hub`' }) origin!: string;
}

export class EnumerationSourceView {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() picklist!: string;
  @ApiProperty() replace!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) lastSyncedAt?: string;
}

/** A hub enumeration, its values and the CRM picklists bound to it. */
export class EnumerationView {
  @ApiProperty() name!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [EnumerationValueView] }) values!: EnumerationValueView[];
  @ApiProperty({ type: [EnumerationSourceView] }) sources!: EnumerationSourceView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** What one binding changed. */
export class EnumSyncResultView {
  @ApiProperty() picklist!: string;
  @ApiProperty() enumeration!: string;
  @ApiProperty() replace!: boolean;
  @ApiProperty({ description: 'The enumeration did not exist and was created' }) created!: boolean;
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ description: 'Values whose label or active flag changed', type: [Object] })
  changed!: { value: string; label?: { from: string; to: string }; active?: { from: boolean; to: boolean } }[];
  @ApiProperty({ type: [String], description: 'Values removed (replace: true only)' }) removed!: string[];
}

/** The answer of `POST /api/accounts/:id/enum-sync`. */
export class EnumSyncAnswerView {
  @ApiProperty({ type: [EnumSyncResultView], description: 'Per binding: values added, changed and removed' }) results!: EnumSyncResultView[];
}
