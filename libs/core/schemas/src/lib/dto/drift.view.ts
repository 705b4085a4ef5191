import { ApiProperty } from '@nestjs/swagger';
import { SchemaView } from './schema.view';

/** Drift reports and their application, as OpenAPI describes them (see drift/drift-report.ts). */
export class AddedFieldView {
  @ApiProperty() field!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ nullable: true, type: String }) columnType!: string | null;
  @ApiProperty({ description: 'The field was in the schema before, removed, and is back' }) returning!: boolean;
}

export class RemovedFieldView {
  @ApiProperty() field!: string;
  @ApiProperty({ nullable: true, type: String }) column!: string | null;
}

export class RetypedFieldView {
  @ApiProperty() field!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'The column can follow without losing or reinterpreting data' }) safe!: boolean;
  @ApiProperty({ description: 'Why (and, when unsafe, what to do)' }) reason!: string;
}

export class ChangedPicklistView {
  @ApiProperty() field!: string;
  @ApiProperty() picklist!: string;
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
  @ApiProperty({ type: [String] }) relabeled!: string[];
}

export class DriftReportView {
  @ApiProperty({ format: 'uuid' }) schemaId!: string;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty() upToDate!: boolean;
  @ApiProperty({ type: [AddedFieldView] }) added!: AddedFieldView[];
  @ApiProperty({ type: [RemovedFieldView] }) removed!: RemovedFieldView[];
  @ApiProperty({ type: [RetypedFieldView] }) retyped!: RetypedFieldView[];
  @ApiProperty({ type: [ChangedPicklistView] }) picklists!: ChangedPicklistView[];
}

export class ApplyDriftResultView {
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) widened!: string[];
  @ApiProperty({ type: [String] }) deactivated!: string[];
  @ApiProperty({ type: [String] }) picklistsUpdated!: string[];
  @ApiProperty({ type: [RetypedFieldView], description: 'Unsafe type changes left as they are (skipUnsafe)' }) skipped!: RetypedFieldView[];
  @ApiProperty({ type: SchemaView }) schema!: SchemaView;
}
