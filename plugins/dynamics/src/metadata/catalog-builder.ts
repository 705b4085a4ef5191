import type { CrmEnum, CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import { toField } from './field-mapper';
import type { MetadataClient, TableSummary } from './metadata-client';
import { stateDefaults, toBooleanEnum, toCrmEnum, type StateDefaults } from './option-set-mapper';
import { isPolymorphic, MODIFIED_ON, type AttributeInfo, type TableInfo } from './table-info';

interface TypedCast {
  type: string;
  /** Only asked when the table has attributes of these kinds / native types. */
  appliesTo: (a: AttributeInfo) => boolean;
  select: string[];
  expand?: string;
}

/**
 * The typed casts discover asks, each only when the table has such attributes: option sets
 * (local and global) of choice, choices, status and status-reason columns (states with their
 * `DefaultStatus`, status reasons with their `State`), Yes/No labels; date-time behaviour
 * (DateOnly → `date`; `Format` is only how forms show it); text formats and lengths (memos
 * included); number scale and money's `PrecisionSource`. (Lookup targets come with the table
 * definition: reads need them too.)
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#retrieving-attributes
 */
const CASTS: TypedCast[] = [
  { type: 'PicklistAttributeMetadata', appliesTo: (a) => a.nativeType === 'Picklist', select: ['LogicalName', 'DefaultFormValue'], expand: 'OptionSet,GlobalOptionSet' },
  { type: 'MultiSelectPicklistAttributeMetadata', appliesTo: (a) => a.kind === 'multi-enum', select: ['LogicalName'], expand: 'OptionSet,GlobalOptionSet' },
  { type: 'StateAttributeMetadata', appliesTo: (a) => a.nativeType === 'State', select: ['LogicalName', 'DefaultFormValue'], expand: 'OptionSet' },
  { type: 'StatusAttributeMetadata', appliesTo: (a) => a.nativeType === 'Status', select: ['LogicalName'], expand: 'OptionSet' },
  { type: 'BooleanAttributeMetadata', appliesTo: (a) => a.kind === 'boolean', select: ['LogicalName', 'DefaultValue'], expand: 'OptionSet' },
  { type: 'DateTimeAttributeMetadata', appliesTo: (a) => a.kind === 'datetime', select: ['LogicalName', 'DateTimeBehavior', 'Format'] },
  { type: 'StringAttributeMetadata', appliesTo: (a) => a.kind === 'string', select: ['LogicalName', 'MaxLength', 'FormatName'] },
  { type: 'MemoAttributeMetadata', appliesTo: (a) => a.kind === 'memo', select: ['LogicalName', 'MaxLength', 'FormatName'] },
  { type: 'MoneyAttributeMetadata', appliesTo: (a) => a.kind === 'money', select: ['LogicalName', 'Precision', 'PrecisionSource'] },
  { type: 'DecimalAttributeMetadata', appliesTo: (a) => a.kind === 'decimal', select: ['LogicalName', 'Precision'] },
  { type: 'DoubleAttributeMetadata', appliesTo: (a) => a.kind === 'double', select: ['LogicalName', 'Precision'] },
];

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
 * Describes one table: its base definition and attributes (cached), its alternate keys, the
 * navigation properties of its lookups, and the typed casts its attribute kinds need, asked
 * concurrently. Returns the object and the enums (option sets) its fields use; fields are mapped
 * by `toField` (formats, required, computed, auto-number, name field, references).
 *
 * `incremental` is `delta` for change-tracked tables, `cursor` (on `modifiedon`) otherwise, and
 * `none` for tables without `modifiedon`; tables without change tracking also say `deletes: 'none'`
 * (overriding the manifest's `stream`: their deletions cannot be read). Columns reads cannot carry
 * (files, party lists, managed properties…) are listed in `unsupportedFields` with the reason.
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
  // Navigation properties name the relationship of lookups with one (single-target ones, ownerid).
  const singleLookups = attributes.some((a) => a.kind === 'lookup' && (!isPolymorphic(a) || a.nativeType === 'Owner'));
  const [keys, navigation, ...castRows] = await Promise.all([
    metadata.keys(logicalName),
    singleLookups ? metadata.navigation(logicalName) : Promise.resolve([]),
    ...casts.map((cast) => metadata.typedAttributes(logicalName, cast.type, cast.select, cast.expand, signal)),
  ]);
  const details = new Map<string, Record<string, unknown>>();
  const enums = new Map<string, CrmEnum>();
  const states = stateDefaults(castRows[casts.findIndex((c) => c.type === 'StateAttributeMetadata')]?.[0]);
  casts.forEach((cast, i) => {
    for (const row of castRows[i] ?? []) {
      const name = String(row['LogicalName']);
      details.set(name, { ...details.get(name), ...row });
      const crmEnum = enumOf(table, cast.type, row, states);
      if (crmEnum) {
        enums.set(crmEnum.id, crmEnum);
        details.set(name, { ...details.get(name), enumId: crmEnum.id });
      }
    }
  });
  // One organization setting, asked only when a money column takes its scale from it.
  const byPricing = [...details.values()].some((d) => d['PrecisionSource'] === 1);
  const pricingPrecision = byPricing ? await metadata.pricingDecimalPrecision() : undefined;
  const fields = attributes.map((a) => toField(table, a, { keys, navigation, details, ...(pricingPrecision !== undefined ? { pricingPrecision } : {}) }));
  return { object: toObject(table, fields), enums: [...enums.values()] };
}

function enumOf(table: TableInfo, type: string, row: Record<string, unknown>, states: StateDefaults): CrmEnum | undefined {
  const label = table.attributes.get(String(row['LogicalName']))?.label;
  if (type === 'PicklistAttributeMetadata') return toCrmEnum(table.logicalName, row, 'picklist', label);
  if (type === 'MultiSelectPicklistAttributeMetadata') return toCrmEnum(table.logicalName, row, 'multi', label);
  if (type === 'StateAttributeMetadata') return toCrmEnum(table.logicalName, row, 'state', label);
  if (type === 'StatusAttributeMetadata') return toCrmEnum(table.logicalName, row, 'status', label, states);
  if (type === 'BooleanAttributeMetadata') return toBooleanEnum(table.logicalName, row, label);
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
    ...(table.unsupported?.length ? { unsupportedFields: table.unsupported.map((u) => ({ ...u })) } : {}),
  };
}
