/**
 * The emulator's own model of table definitions, from which EntityDefinitions JSON, attribute casts,
 * option sets and the CSDL document are rendered, and against which rows are validated.
 */

/** Attribute kinds, named after AttributeTypeCode except `MultiSelectPicklist` (AttributeType `Virtual`). */
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
  | 'Picklist'
  | 'MultiSelectPicklist'
  | 'State'
  | 'Status';

export type RequiredLevel = 'None' | 'SystemRequired' | 'ApplicationRequired' | 'Recommended';

export type DateTimeBehavior = 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';

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
  format?: 'Email' | 'Phone' | 'Url' | 'Text' | 'TextArea';
  /** Numbers and money. */
  minValue?: number;
  maxValue?: number;
  precision?: number;
  /** DateTime. */
  dateBehavior?: DateTimeBehavior;
  /** Lookup/Customer: target table → single-valued navigation property name. */
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
  primaryNameAttribute: string;
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
