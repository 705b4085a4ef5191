/**
 * How the plugin handles an attribute's values, from its `AttributeType` (and, for virtual
 * attributes, `AttributeTypeName`). `image` columns carry their (thumbnail) bytes as base64;
 * `file` columns the id of the file Dataverse stores apart. `other` covers what the Web API cannot
 * read as a plain column (party lists, managed properties, calendar rules…): such attributes are
 * listed as unsupported, with the reason.
 */
export type AttributeKind =
  | 'id'
  | 'string'
  | 'memo'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'money'
  | 'double'
  | 'boolean'
  | 'datetime'
  | 'enum'
  | 'multi-enum'
  | 'lookup'
  | 'entityname'
  | 'image'
  | 'file'
  | 'other';

/**
 * What reads, filters and writes need to know of one attribute (the base `AttributeMetadata`
 * properties; the typed casts add the rest in discover).
 *
 * @example
 * ```ts
 * const parent: AttributeInfo = { logicalName: 'parentcustomerid', kind: 'lookup', property: '_parentcustomerid_value', … };
 * ```
 */
export interface AttributeInfo {
  logicalName: string;
  /** `AttributeType` (e.g. `Picklist`), or `AttributeTypeName.Value` for virtual attributes. */
  nativeType: string;
  kind: AttributeKind;
  /** The Web API property: the logical name, or `_<name>_value` for lookups. */
  property: string;
  label: string;
  readable: boolean;
  creatable: boolean;
  updatable: boolean;
  required: boolean;
  primaryId: boolean;
  /** The column this one is computed from or accompanies (`revenue` for `revenue_base`). */
  attributeOf?: string;
  /** `RequiredLevel.Value`: `SystemRequired`, `ApplicationRequired`, `Recommended` or `None`. */
  requiredLevel?: string;
  /** `SourceType`: 0 plain, 1 calculated, 2 roll-up. */
  sourceType?: number;
  /** `AutoNumberFormat` of an auto-number column (Dataverse fills it in on create). */
  autoNumberFormat?: string;
  /** Lookups: the tables it can point to (`LookupAttributeMetadata.Targets`), when loaded. */
  targets?: string[];
}

/**
 * A column of the table that reads do not carry, and why (the catalog's `unsupportedFields`).
 */
export interface UnsupportedAttribute {
  name: string;
  nativeType: string;
  reason: string;
}

/**
 * A table's definition as reads and writes need it.
 *
 * @example
 * ```ts
 * const contact = await metadata.table('contact');
 * contact.entitySetName; // 'contacts'
 * ```
 */
export interface TableInfo {
  logicalName: string;
  entitySetName: string;
  primaryId: string;
  label: string;
  custom: boolean;
  changeTracking: boolean;
  /** Readable, plain attributes by logical name. */
  attributes: Map<string, AttributeInfo>;
  /** `PrimaryNameAttribute`: the column holding the record's name. */
  primaryName?: string;
  /** Columns reads cannot carry (files, party lists, managed properties…), with the reason. */
  unsupported?: UnsupportedAttribute[];
}

/** The `modifiedon` attribute every watermark read pivots on. */
export const MODIFIED_ON = 'modifiedon';

const KINDS: Record<string, AttributeKind> = {
  Uniqueidentifier: 'id',
  String: 'string',
  Memo: 'memo',
  Integer: 'integer',
  BigInt: 'bigint',
  Decimal: 'decimal',
  Money: 'money',
  Double: 'double',
  Boolean: 'boolean',
  DateTime: 'datetime',
  Picklist: 'enum',
  State: 'enum',
  Status: 'enum',
  Lookup: 'lookup',
  Customer: 'lookup',
  Owner: 'lookup',
  EntityName: 'entityname',
};

/** Why each kind of column the Web API cannot read as a plain value is left out of reads. */
const UNSUPPORTED_REASONS: Record<string, string> = {
  ManagedProperty: 'a managed property is solution metadata (whether a component may be customized), not record data',
  PartyList:
    'a party list (to, from, cc… of an activity) is not a column of the row in the Web API: its parties are activityparty rows, read through the activity_parties relationship',
  CalendarRules: 'calendar rules are rows of their own (calendarrule), not a column of the row in the Web API',
};

/**
 * The kind of an attribute from `AttributeType` and `AttributeTypeName.Value`.
 *
 * @example
 * ```ts
 * attributeKind('Virtual', 'MultiSelectPicklistType'); // 'multi-enum'
 * ```
 */
export function attributeKind(attributeType: string, typeName: string | undefined): AttributeKind {
  if (typeName === 'MultiSelectPicklistType') return 'multi-enum';
  if (typeName === 'ImageType') return 'image';
  if (typeName === 'FileType') return 'file';
  return KINDS[attributeType] ?? 'other';
}

/** The localized label of a `Label` complex value, or undefined. */
export function labelOf(label: unknown): string | undefined {
  const text = (label as { UserLocalizedLabel?: { Label?: unknown } } | null)?.UserLocalizedLabel?.Label;
  if (typeof text === 'string' && text !== '') return text;
  const first = (label as { LocalizedLabels?: { Label?: unknown }[] } | null)?.LocalizedLabels?.[0]?.Label;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/**
 * Turns one base `AttributeMetadata` JSON object into {@link AttributeInfo}; `undefined` for
 * attributes that are not readable plain columns (`other` kinds, `IsValidForRead: false`, and
 * `IsValidODataAttribute: false`: no property of the Web API entity type, such as a lookup's name
 * companions). Lookup companions a service does not flag so are dropped afterwards by
 * {@link withoutLookupCompanions}.
 *
 * @example
 * ```ts
 * toAttributeInfo({ LogicalName: 'emailaddress1', AttributeType: 'String', IsValidForRead: true, … });
 * ```
 */
export function toAttributeInfo(raw: Record<string, unknown>): AttributeInfo | undefined {
  const logicalName = raw['LogicalName'];
  const attributeType = raw['AttributeType'];
  if (typeof logicalName !== 'string' || typeof attributeType !== 'string') return undefined;
  const typeName = (raw['AttributeTypeName'] as { Value?: unknown } | null)?.Value;
  const kind = attributeKind(attributeType, typeof typeName === 'string' ? typeName : undefined);
  if (kind === 'other' || raw['IsValidForRead'] === false || raw['IsValidODataAttribute'] === false) return undefined;
  const attributeOf = typeof raw['AttributeOf'] === 'string' && raw['AttributeOf'] !== '' ? raw['AttributeOf'] : undefined;
  const requiredLevel = (raw['RequiredLevel'] as { Value?: unknown } | null)?.Value;
  const sourceType = raw['SourceType'];
  const autoNumberFormat = raw['AutoNumberFormat'];
  return {
    logicalName,
    nativeType: attributeType === 'Virtual' && typeof typeName === 'string' ? typeName : attributeType,
    kind,
    property: kind === 'lookup' ? `_${logicalName}_value` : logicalName,
    label: labelOf(raw['DisplayName']) ?? logicalName,
    readable: true,
    creatable: raw['IsValidForCreate'] !== false,
    updatable: raw['IsValidForUpdate'] !== false,
    required: requiredLevel === 'SystemRequired' || requiredLevel === 'ApplicationRequired',
    primaryId: raw['IsPrimaryId'] === true,
    ...(attributeOf ? { attributeOf } : {}),
    ...(typeof requiredLevel === 'string' ? { requiredLevel } : {}),
    ...(typeof sourceType === 'number' ? { sourceType } : {}),
    ...(typeof autoNumberFormat === 'string' && autoNumberFormat !== '' ? { autoNumberFormat } : {}),
  };
}

/**
 * Why an attribute that {@link toAttributeInfo} leaves out cannot be read, or `undefined` when it
 * is not a column of its own (lookup companions and other helpers, logical or non-OData columns).
 *
 * @example
 * ```ts
 * unsupportedReason({ LogicalName: 'to', AttributeType: 'PartyList', IsValidForRead: true }); // 'a party list …'
 * ```
 */
export function unsupportedReason(raw: Record<string, unknown>): string | undefined {
  // Not readable at all (isprivate, a choice's `<choice>name` virtual label): not a column of the data.
  if (raw['IsValidForRead'] === false) return undefined;
  const attributeOf = typeof raw['AttributeOf'] === 'string' && raw['AttributeOf'] !== '' ? raw['AttributeOf'] : undefined;
  const attributeType = String(raw['AttributeType'] ?? '');
  const typeName = (raw['AttributeTypeName'] as { Value?: unknown } | null)?.Value;
  if (attributeOf && (raw['IsValidODataAttribute'] === false || attributeType === 'EntityName')) return companionReason(attributeOf, attributeType);
  if (attributeOf) return undefined;
  if (raw['IsValidODataAttribute'] === false && !UNSUPPORTED_REASONS[attributeType]) {
    return 'the Web API has no property for it (IsValidODataAttribute is false), so read() cannot carry it';
  }
  if (attributeKind(attributeType, typeof typeName === 'string' ? typeName : undefined) !== 'other') return undefined;
  return (
    UNSUPPORTED_REASONS[typeof typeName === 'string' ? typeName : ''] ??
    UNSUPPORTED_REASONS[attributeType] ??
    `the Web API has no plain value for a ${attributeType} column that read() could carry`
  );
}

/**
 * Why a column that accompanies another is not read on its own: the Web API sends a lookup's name
 * as the lookup's FormattedValue annotation, and the table of its value as the
 * `lookuplogicalname` annotation (which reads carry in the lookup's `<table>:<guid>` values).
 *
 * @example
 * ```ts
 * companionReason('ownerid', 'EntityName'); // "accompanies 'ownerid': …"
 * ```
 */
export function companionReason(attributeOf: string, attributeType: string): string {
  return attributeType === 'EntityName'
    ? `accompanies '${attributeOf}': it names the table of its value, which read() carries in '${attributeOf}' as '<table>:<guid>'`
    : `accompanies '${attributeOf}': the Web API has no such property; the name of the record '${attributeOf}' points to comes as its FormattedValue annotation`;
}

/** The native type an unsupported attribute is reported with (`AttributeTypeName` of virtual ones). */
export function nativeTypeOf(raw: Record<string, unknown>): string {
  const attributeType = String(raw['AttributeType'] ?? '');
  const typeName = (raw['AttributeTypeName'] as { Value?: unknown } | null)?.Value;
  return attributeType === 'Virtual' && typeof typeName === 'string' ? typeName : attributeType;
}

/**
 * Whether a lookup can point to several tables (Customer, Owner, a Regarding with several
 * targets): its values then cross the contract as `"<table>:<guid>"`.
 *
 * @example
 * ```ts
 * isPolymorphic(parentcustomerid); // true
 * ```
 */
export function isPolymorphic(a: AttributeInfo): boolean {
  return a.kind === 'lookup' && (a.nativeType === 'Customer' || a.nativeType === 'Owner' || (a.targets?.length ?? 0) > 1);
}

/**
 * Drops the companions of lookups (`owneridname`, `owneridtype`, `parentcustomeridyominame`…):
 * the Web API has no such properties (they come as annotations of `_x_value`). Other computed
 * columns (`revenue_base` of `revenue`) are real properties and stay.
 *
 * @example
 * ```ts
 * withoutLookupCompanions(attributes).has('owneridname'); // false
 * ```
 */
export function withoutLookupCompanions(attributes: Map<string, AttributeInfo>): Map<string, AttributeInfo> {
  return new Map(
    [...attributes].filter(([, a]) => !a.attributeOf || (attributes.get(a.attributeOf)?.kind !== 'lookup' && a.kind !== 'entityname')),
  );
}

/**
 * Whether a logical name is safe to put in a URL or `$filter` as is (Dataverse logical names are
 * lower-case letters, digits and underscores).
 *
 * @example
 * ```ts
 * isLogicalName("contact') or ('1'='1"); // false
 * ```
 */
export function isLogicalName(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,127}$/.test(name);
}
