/**
 * How the plugin handles an attribute's values, from its `AttributeType` (and, for virtual
 * attributes, `AttributeTypeName`). `other` covers what the Web API cannot read as a plain
 * column (party lists, images, files, calendar rules…): such attributes are left out.
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
 * attributes that are not readable plain columns (`other` kinds, `IsValidForRead: false`).
 * Lookup companions are dropped afterwards by {@link withoutLookupCompanions}.
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
  if (kind === 'other' || raw['IsValidForRead'] === false) return undefined;
  const attributeOf = typeof raw['AttributeOf'] === 'string' && raw['AttributeOf'] !== '' ? raw['AttributeOf'] : undefined;
  const requiredLevel = (raw['RequiredLevel'] as { Value?: unknown } | null)?.Value;
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
  };
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
