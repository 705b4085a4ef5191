import type { CanonicalType, CrmEnum, CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import type { AlternateKey, MetadataClient, TableSummary } from './metadata-client';
import { toCrmEnum } from './option-set-mapper';
import { MODIFIED_ON, type AttributeInfo, type AttributeKind, type TableInfo } from './table-info';

interface TypedCast {
  type: string;
  /** Only asked when the table has attributes of these kinds / native types. */
  appliesTo: (a: AttributeInfo) => boolean;
  select: string[];
  expand?: string;
}

/**
 * The typed casts discover asks, each only when the table has such attributes: option sets
 * (local and global) of choice, choices, status and status-reason columns; lookup targets;
 * date-time behaviour (DateOnly → `date`); string formats and lengths; money/decimal scale.
 */
const CASTS: TypedCast[] = [
  { type: 'PicklistAttributeMetadata', appliesTo: (a) => a.nativeType === 'Picklist', select: ['LogicalName', 'DefaultFormValue'], expand: 'OptionSet,GlobalOptionSet' },
  { type: 'MultiSelectPicklistAttributeMetadata', appliesTo: (a) => a.kind === 'multi-enum', select: ['LogicalName'], expand: 'OptionSet,GlobalOptionSet' },
  { type: 'StateAttributeMetadata', appliesTo: (a) => a.nativeType === 'State', select: ['LogicalName'], expand: 'OptionSet' },
  { type: 'StatusAttributeMetadata', appliesTo: (a) => a.nativeType === 'Status', select: ['LogicalName'], expand: 'OptionSet' },
  { type: 'LookupAttributeMetadata', appliesTo: (a) => a.kind === 'lookup', select: ['LogicalName', 'Targets'] },
  { type: 'DateTimeAttributeMetadata', appliesTo: (a) => a.kind === 'datetime', select: ['LogicalName', 'DateTimeBehavior', 'Format'] },
  { type: 'StringAttributeMetadata', appliesTo: (a) => a.kind === 'string', select: ['LogicalName', 'MaxLength', 'FormatName'] },
  { type: 'MoneyAttributeMetadata', appliesTo: (a) => a.kind === 'money', select: ['LogicalName', 'Precision'] },
  { type: 'DecimalAttributeMetadata', appliesTo: (a) => a.kind === 'decimal', select: ['LogicalName', 'Precision'] },
];

const BASE_TYPES: Record<AttributeKind, CanonicalType> = {
  id: 'id',
  string: 'string',
  memo: 'text',
  integer: 'integer',
  // 64-bit integers exceed JS safe integers, so they travel as exact decimal strings.
  bigint: 'decimal',
  decimal: 'decimal',
  money: 'currency',
  double: 'decimal',
  boolean: 'boolean',
  datetime: 'datetime',
  enum: 'enum',
  'multi-enum': 'multi-enum',
  lookup: 'reference',
  entityname: 'string',
  other: 'json',
};

const STRING_FORMATS: Record<string, CanonicalType> = { Email: 'email', Phone: 'phone', Url: 'url', TextArea: 'text' };

/**
 * A summary row of the listing as a {@link CrmObject} without fields. A table without change
 * tracking says `deletes: 'none'` (its reads resume on `modifiedon` and cannot see deletions);
 * change-tracked tables stream their deletes, as the manifest says.
 *
 * @example
 * ```ts
 * (await metadata.listTables()).map(summaryObject);
 * ```
 */
export function summaryObject(table: TableSummary): CrmObject {
  return {
    name: table.logicalName,
    label: table.label,
    custom: table.custom,
    idField: table.primaryId,
    cursorField: MODIFIED_ON,
    incremental: table.changeTracking ? 'delta' : 'cursor',
    ...(table.changeTracking ? {} : { deletes: 'none' as const }),
    fields: [],
  };
}

/**
 * Describes one table: its base definition and attributes (cached), its alternate keys, and the
 * typed casts its attribute kinds need, asked concurrently. Returns the object and the enums
 * (option sets) its fields use.
 *
 * `incremental` is `delta` for change-tracked tables, `cursor` (on `modifiedon`) otherwise, and
 * `none` for tables without `modifiedon`; tables without change tracking also say `deletes: 'none'`
 * (overriding the manifest's `stream`: their deletions cannot be read). Single-column `Active` alternate keys mark their column
 * `externalId` and `unique`: those are the `matchField`s upsert accepts.
 *
 * @example
 * ```ts
 * const { object, enums } = await describeTable(metadata, 'new_subscription');
 * ```
 */
export async function describeTable(
  metadata: MetadataClient,
  logicalName: string,
  signal?: AbortSignal,
): Promise<{ object: CrmObject; enums: CrmEnum[] }> {
  const table = await metadata.table(logicalName);
  const attributes = [...table.attributes.values()];
  const casts = CASTS.filter((cast) => attributes.some(cast.appliesTo));
  const [keys, ...castRows] = await Promise.all([
    metadata.keys(logicalName),
    ...casts.map((cast) => metadata.typedAttributes(logicalName, cast.type, cast.select, cast.expand, signal)),
  ]);
  const details = new Map<string, Record<string, unknown>>();
  const enums = new Map<string, CrmEnum>();
  casts.forEach((cast, i) => {
    for (const row of castRows[i] ?? []) {
      const name = String(row['LogicalName']);
      details.set(name, { ...details.get(name), ...row });
      const kind = enumKind(cast.type);
      const crmEnum = kind && toCrmEnum(table.logicalName, row, kind, table.attributes.get(name)?.label);
      if (crmEnum) {
        enums.set(crmEnum.id, crmEnum);
        details.set(name, { ...details.get(name), enumId: crmEnum.id });
      }
    }
  });
  const fields = attributes.map((a) => toField(a, details.get(a.logicalName) ?? {}, keys));
  return { object: toObject(table, fields), enums: [...enums.values()] };
}

function enumKind(type: string): 'picklist' | 'multi' | 'state' | 'status' | undefined {
  if (type === 'PicklistAttributeMetadata') return 'picklist';
  if (type === 'MultiSelectPicklistAttributeMetadata') return 'multi';
  if (type === 'StateAttributeMetadata') return 'state';
  if (type === 'StatusAttributeMetadata') return 'status';
  return undefined;
}

function toObject(table: TableInfo, fields: CrmField[]): CrmObject {
  const hasModifiedOn = table.attributes.has(MODIFIED_ON);
  return {
    name: table.logicalName,
    label: table.label,
    custom: table.custom,
    idField: table.primaryId,
    ...(hasModifiedOn ? { cursorField: MODIFIED_ON } : {}),
    incremental: table.changeTracking ? 'delta' : hasModifiedOn ? 'cursor' : 'none',
    ...(table.changeTracking ? {} : { deletes: 'none' as const }),
    fields,
  };
}

function toField(a: AttributeInfo, detail: Record<string, unknown>, keys: AlternateKey[]): CrmField {
  const externalId = keys.some((k) => k.active && k.attributes.length === 1 && k.attributes[0] === a.logicalName);
  const targets = Array.isArray(detail['Targets']) ? detail['Targets'].map(String) : undefined;
  const maxLength = detail['MaxLength'];
  const scale = detail['Precision'];
  return {
    name: a.logicalName,
    label: a.label,
    nativeType: a.nativeType,
    type: canonicalType(a, detail),
    ...(typeof maxLength === 'number' ? { length: maxLength } : {}),
    // Dataverse's "Precision" of money and decimal columns is the number of decimal places.
    ...(typeof scale === 'number' ? { scale } : {}),
    nullable: !a.required && !a.primaryId,
    createable: a.creatable,
    updateable: a.updatable,
    externalId,
    unique: externalId || a.primaryId,
    ...(a.kind === 'lookup' && targets ? { referenceTo: targets } : {}),
    ...(typeof detail['enumId'] === 'string' ? { enumId: detail['enumId'] } : {}),
  };
}

function canonicalType(a: AttributeInfo, detail: Record<string, unknown>): CanonicalType {
  if (a.kind === 'datetime') {
    const behavior = (detail['DateTimeBehavior'] as { Value?: unknown } | undefined)?.Value;
    return behavior === 'DateOnly' ? 'date' : 'datetime';
  }
  if (a.kind === 'string') {
    const format = (detail['FormatName'] as { Value?: unknown } | undefined)?.Value;
    return (typeof format === 'string' && STRING_FORMATS[format]) || 'string';
  }
  return BASE_TYPES[a.kind];
}
