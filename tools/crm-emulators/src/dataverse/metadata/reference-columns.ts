import type { DateTimeBehavior, DateTimeFormat, IntegerFormat, RequiredLevel, TextFormat } from './metadata-types';

/**
 * The shape of the data files that transcribe Microsoft's table references (one line per column,
 * as the reference lists it), and the type names those references use.
 */

/** The reference's `Type` (AttributeTypeCode, or the virtual type for images, files and multi-selects). */
export type ReferenceType =
  | 'Uniqueidentifier'
  | 'String'
  | 'Memo'
  | 'Integer'
  | 'BigInt'
  | 'Decimal'
  | 'Double'
  | 'Money'
  | 'Boolean'
  | 'DateTime'
  | 'Lookup'
  | 'Owner'
  | 'EntityName'
  | 'Picklist'
  | 'MultiSelectPicklist'
  | 'State'
  | 'Status'
  | 'Image'
  | 'File';

/** What a column's entry in the reference says beyond its type and display name. */
export interface ColumnDetails {
  /** `MaxLength` (String, Memo). */
  max?: number;
  /** `FormatName` (String) or `Format` (Memo). */
  format?: TextFormat;
  /** `RequiredLevel` (default None). */
  required?: RequiredLevel;
  /** `IsValidForCreate` / `IsValidForUpdate` / `IsValidForRead` when false. */
  create?: false;
  update?: false;
  read?: false;
  /** Lookups: `Targets` with, per target, the relationship's schema name (the navigation property is the column's logical name). */
  targets?: Record<string, string>;
  /** `MinValue`, `MaxValue`, `Precision`, `PrecisionSource` (numbers and money). */
  min?: number;
  maxValue?: number;
  precision?: number;
  precisionSource?: 0 | 1 | 2;
  /** DateTime `DateTimeBehavior` and `Format` (independent of each other). */
  behavior?: DateTimeBehavior;
  dateFormat?: DateTimeFormat;
  /** Integer `Format`. */
  integerFormat?: IntegerFormat;
  /** Boolean `DefaultValue`. */
  defaultValue?: boolean;
  /** Choices: the option set (`global:<name>`), when not the column's own local set. */
  optionSet?: string;
  /** The column this one accompanies (`AttributeOf`): a lookup's name, an image's URL… */
  of?: string;
  /** `SourceType`: 1 calculated, 2 roll-up (the platform computes the value). */
  sourceType?: 1 | 2;
  /** Not a property of the Web API entity type (`IsValidODataAttribute` false). */
  notOData?: true;
  /** `IsPrimaryName`, `IsPrimaryId`, `IsPrimaryImage`. */
  primaryName?: true;
  primaryId?: true;
  primaryImage?: true;
  /** Added by a solution or the organization, not by the platform (`IsCustomAttribute`). */
  custom?: true;
}

/** One column: SchemaName, Type, DisplayName and details, in the reference's words. */
export type ReferenceColumn = readonly [schemaName: string, type: ReferenceType, displayName: string, details?: ColumnDetails];

/** Options of a choice column: `[value, label]` (Picklist), `[true label, false label]` (Boolean). */
export type ReferenceChoices = Record<string, readonly (readonly [number, string])[] | readonly [string, string]>;
