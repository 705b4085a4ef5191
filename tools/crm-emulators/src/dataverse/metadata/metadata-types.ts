/**
 * The emulator's own model of table definitions, from which EntityDefinitions JSON, attribute casts,
 * option sets and the CSDL document are rendered, and against which rows are validated.
 */

/**
 * Attribute kinds, named after AttributeTypeCode except the virtual ones (AttributeType `Virtual`):
 * `MultiSelectPicklist`, `Image`, `File` and `Virtual` (the `<choice>name` companions of choice
 * columns, AttributeTypeName `VirtualType`). `Owner` is the lookup to a user or team (`ownerid`),
 * `EntityName` the logical name of a lookup's target (`owneridtype`). `ManagedProperty` and
 * `PartyList` columns exist only on platform tables (solution components, activities); the
 * emulator models them for their metadata.
 */
export type AttributeKind =
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
  | 'Customer'
  | 'Owner'
  | 'EntityName'
  | 'Virtual'
  | 'Picklist'
  | 'MultiSelectPicklist'
  | 'State'
  | 'Status'
  | 'Image'
  | 'File'
  | 'ManagedProperty'
  | 'PartyList';

/** Kinds whose Web API property is `_<name>_value` (lookups of one or several targets, owners). */
export function isLookupKind(kind: AttributeKind): boolean {
  return kind === 'Lookup' || kind === 'Customer' || kind === 'Owner';
}

/** `FormatName` values of String and Memo columns (StringFormatName / MemoFormatName). */
export type TextFormat = 'Email' | 'Phone' | 'Url' | 'Text' | 'TextArea' | 'TickerSymbol' | 'RichText' | 'Json' | 'PhoneticGuide' | 'VersionNumber';

export type RequiredLevel = 'None' | 'SystemRequired' | 'ApplicationRequired' | 'Recommended';

export type DateTimeBehavior = 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';

/** `Format` of DateTime columns: how forms show it, independent of `DateTimeBehavior`. */
export type DateTimeFormat = 'DateOnly' | 'DateAndTime';

/** `Format` of Integer columns (IntegerFormat). BigInt columns have no `Format`. */
export type IntegerFormat = 'None' | 'Duration' | 'TimeZone' | 'Language' | 'Locale';

export interface OptionDef {
  value: number;
  label: string;
  /** Status options: the state they belong to. */
  state?: number;
  /** State options: their default status and invariant name. */
  defaultStatus?: number;
  invariantName?: string;
}

export interface OptionSetDef {
  /** Global sets: their name; local sets: `<table>_<attribute>`. */
  name: string;
  global: boolean;
  type: 'Picklist' | 'State' | 'Status' | 'Boolean';
  displayName: string;
  options: OptionDef[];
  metadataId: string;
}

export interface AttributeDef {
  logicalName: string;
  schemaName: string;
  displayName: string;
  kind: AttributeKind;
  requiredLevel: RequiredLevel;
  validForCreate: boolean;
  validForUpdate: boolean;
  isCustom: boolean;
  isPrimaryId?: boolean;
  isPrimaryName?: boolean;
  /** String/Memo. */
  maxLength?: number;
  format?: TextFormat;
  /** `SourceType`: 0 plain, 1 calculated, 2 roll-up (default 0). */
  sourceType?: 0 | 1 | 2;
  /** `AutoNumberFormat` (String columns): the platform fills the column in on create. */
  autoNumberFormat?: string;
  /** PartyList and Owner: the tables a value can be (`LookupAttributeMetadata.Targets`). */
  targets?: string[];
  /** Numbers and money. */
  minValue?: number;
  maxValue?: number;
  precision?: number;
  /** Money: where its scale comes from (0 `Precision`, 1 the organization's pricing precision, 2 the currency's; default 2). */
  precisionSource?: 0 | 1 | 2;
  /** DateTime. */
  dateBehavior?: DateTimeBehavior;
  /** DateTime `Format` (default: DateOnly for DateOnly behaviour, else DateAndTime). */
  dateFormat?: DateTimeFormat;
  /** Integer `Format` (default None). */
  integerFormat?: IntegerFormat;
  /** `IsValidForRead` (default true): `isprivate`, the `<choice>name` virtual companions. */
  validForRead?: boolean;
  /**
   * `IsValidODataAttribute` (default: true except party lists): false for columns that are no
   * property of the Web API entity type — the name companions of lookups, `owneridtype`, virtual
   * companions (their values come as annotations of the column they accompany).
   */
  validForOData?: boolean;
  /** Boolean: `DefaultValue`, what a create that leaves the column out stores (default false). */
  booleanDefault?: boolean;
  /** Image: `IsPrimaryImage` (the table's `entityimage`). */
  isPrimaryImage?: boolean;
  /**
   * Lookup/Customer: target table → single-valued navigation property name. Owner: `{ owner: 'ownerid' }`,
   * one navigation property to the abstract `owner` table that binds users and teams alike.
   */
  navigation?: Record<string, string>;
  /** Lookup/Customer: target table → relationship schema name (also the collection navigation property on the target). */
  relationships?: Record<string, string>;
  /** Choice columns: key of the option set (`<table>.<attribute>` or `global:<name>`). */
  optionSet?: string;
  /** Computed columns (e.g. `revenue_base`) name their source. */
  attributeOf?: string;
  metadataId: string;
}

export interface KeyDef {
  logicalName: string;
  schemaName: string;
  displayName: string;
  attributes: string[];
  metadataId: string;
}

export interface TableDef {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  displayName: string;
  displayCollectionName: string;
  primaryIdAttribute: string;
  /** '' for tables without one (intersect tables). */
  primaryNameAttribute: string;
  /** The intersect table of a many-to-many relationship: its two ids and no audit columns. */
  isIntersect?: boolean;
  /** The CSDL entity type, when it is not the logical name (`owner` is `principal`). */
  entityTypeName?: string;
  /** `OwnershipType` (default UserOwned; intersect tables None). */
  ownershipType?: 'UserOwned' | 'OrganizationOwned' | 'BusinessOwned' | 'None';
  changeTracking: boolean;
  isCustom: boolean;
  objectTypeCode: number;
  metadataId: string;
  attributes: AttributeDef[];
  keys: KeyDef[];
}

/** Deterministic GUID from a name, so MetadataIds stay stable across runs. */
export function stableGuid(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let h3 = 0x9e3779b9;
  let h4 = 0x85ebca6b;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0xcc9e2d51);
    h4 = Math.imul(h4 ^ c, 0x1b873593);
  }
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
