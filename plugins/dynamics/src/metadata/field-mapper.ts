import type { CanonicalType, CrmField, FieldFormat } from '@crm-hub/plugin-sdk';
import type { AlternateKey, LookupNavigation } from './metadata-client';
import type { AttributeInfo, AttributeKind, TableInfo } from './table-info';

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
  // The Web API sends an image column's (thumbnail) bytes in the column itself, base64.
  image: 'binary',
  // A file column's value is the id of the file (file-column-data.md: "Retrieval behavior").
  file: 'string',
  other: 'json',
};

/** `FormatName` of text columns → canonical type and format (StringFormatName / MemoFormatName). */
const TEXT_FORMATS: Record<string, { type: CanonicalType; format: FieldFormat }> = {
  Email: { type: 'email', format: 'email' },
  Phone: { type: 'phone', format: 'phone' },
  Url: { type: 'url', format: 'url' },
  TickerSymbol: { type: 'string', format: 'ticker-symbol' },
  TextArea: { type: 'text', format: 'multiline' },
  RichText: { type: 'text', format: 'html' },
};

/**
 * Columns Dataverse fills in itself when a create leaves them out (state and status defaults,
 * the calling user as owner, audit and currency columns): never `required`, whatever their
 * `RequiredLevel` says.
 */
const FILLED_BY_DATAVERSE = new Set([
  'statecode',
  'statuscode',
  'ownerid',
  'owninguser',
  'owningteam',
  'owningbusinessunit',
  'createdby',
  'createdon',
  'createdonbehalfby',
  'modifiedby',
  'modifiedon',
  'modifiedonbehalfby',
  'transactioncurrencyid',
  'exchangerate',
  'versionnumber',
]);

/** What discover learned about a table beyond its attributes. */
export interface TableExtras {
  keys: AlternateKey[];
  navigation: LookupNavigation[];
  /** Per attribute, the rows of the typed casts (MaxLength, FormatName, Precision, enumId…). */
  details: Map<string, Record<string, unknown>>;
  /** `Organization.PricingDecimalPrecision`, when a money column takes its scale from it. */
  pricingPrecision?: number;
}

/**
 * The most decimal places a money value can have: a currency's precision is at most 4
 * (`TransactionCurrency.CurrencyPrecision`), and money is stored with 4.
 */
const MAX_MONEY_SCALE = 4;

/**
 * The number of decimal places of a number or money column. Dataverse's `Precision` is the number
 * of decimal places; for money `PrecisionSource` says where it comes from: 0 the column's
 * `Precision`, 1 the organization's `PricingDecimalPrecision`, 2 the precision of each record's
 * currency, which varies by record, so the column holds the most a currency can have.
 * https://learn.microsoft.com/power-apps/developer/data-platform/entity-attribute-metadata#column-types
 */
function scaleOf(a: AttributeInfo, detail: Record<string, unknown>, pricingPrecision: number | undefined): number | undefined {
  const precision = typeof detail['Precision'] === 'number' ? detail['Precision'] : undefined;
  if (a.kind !== 'money') return precision;
  const source = detail['PrecisionSource'];
  if (source === 1) return pricingPrecision ?? precision;
  if (source === 2) return MAX_MONEY_SCALE;
  return precision;
}

/**
 * One attribute as a {@link CrmField}: canonical type and format (`FormatName` Email, Phone, Url,
 * TickerSymbol, TextArea, RichText; memos are `multiline`, or `html` when rich text; image columns
 * `binary`/`image` and their `_url` companion `image-url`), `required` (only `SystemRequired`
 * columns Dataverse does not fill in itself: `RequiredLevel` is advisory otherwise), `computed`
 * (calculated and roll-up columns, `SourceType` 1 and 2), `autoNumber` (`AutoNumberFormat`),
 * `nameField` (the table's `PrimaryNameAttribute`), lookup targets and, for lookups with one
 * navigation property (single-target lookups, and `ownerid`), that property as
 * `relationshipName`. File columns are `string`/`file` (the file's id), read-only; GUID columns
 * other than the key are `string`; money scale follows `PrecisionSource`. Single-column `Active`
 * alternate keys mark their column `externalId` and `unique`.
 *
 * @example
 * ```ts
 * const field = toField(table, table.attributes.get('emailaddress1')!, extras);
 * field.format; // 'email'
 * ```
 */
export function toField(table: TableInfo, a: AttributeInfo, extras: TableExtras): CrmField {
  const detail = extras.details.get(a.logicalName) ?? {};
  const externalId = extras.keys.some((k) => k.active && k.attributes.length === 1 && k.attributes[0] === a.logicalName);
  const maxLength = detail['MaxLength'];
  const scale = scaleOf(a, detail, extras.pricingPrecision);
  const { type, format } = typeAndFormat(table, a, detail);
  const navigation = extras.navigation.filter((n) => n.attribute === a.logicalName);
  // One navigation property: a single-target lookup's, or ownerid's (it binds users and teams alike).
  const relationshipName = a.kind === 'lookup' && navigation.length === 1 ? navigation[0]?.navigationProperty : undefined;
  // A file's content is uploaded with calls of its own, never set in a create or update.
  const writable = a.kind !== 'file';
  return {
    name: a.logicalName,
    label: a.label,
    nativeType: a.nativeType,
    type,
    ...(typeof maxLength === 'number' ? { length: maxLength } : {}),
    ...(typeof scale === 'number' ? { scale } : {}),
    nullable: !a.required && !a.primaryId,
    required: isRequired(a, detail),
    createable: writable && a.creatable,
    updateable: writable && a.updatable,
    externalId,
    unique: externalId || a.primaryId,
    ...(a.sourceType === 1 || a.sourceType === 2 ? { computed: true } : {}),
    ...(a.autoNumberFormat ? { autoNumber: true } : {}),
    ...(table.primaryName === a.logicalName ? { nameField: true } : {}),
    ...(format ? { format } : {}),
    ...(a.kind === 'lookup' && a.targets ? { referenceTo: a.targets } : {}),
    ...(relationshipName ? { relationshipName } : {}),
    ...(typeof detail['enumId'] === 'string' ? { enumId: detail['enumId'] } : {}),
  };
}

function typeAndFormat(table: TableInfo, a: AttributeInfo, detail: Record<string, unknown>): { type: CanonicalType; format?: FieldFormat } {
  if (a.kind === 'datetime') {
    const behavior = (detail['DateTimeBehavior'] as { Value?: unknown } | undefined)?.Value;
    return { type: behavior === 'DateOnly' ? 'date' : 'datetime' };
  }
  if (a.kind === 'image') return { type: 'binary', format: 'image' };
  if (a.kind === 'file') return { type: 'string', format: 'file' };
  // Only the table's key is an id; other GUID columns (processid, entityimageid…) are plain values.
  if (a.kind === 'id') return { type: a.primaryId ? 'id' : 'string' };
  if (a.kind === 'string' || a.kind === 'memo') {
    const name = (detail['FormatName'] as { Value?: unknown } | undefined)?.Value;
    const known = typeof name === 'string' ? TEXT_FORMATS[name] : undefined;
    if (a.kind === 'memo') return { type: 'text', format: known?.format === 'html' ? 'html' : 'multiline' };
    // An image's `_url` companion is a link to the image, whatever its FormatName (Url) says.
    const owner = a.attributeOf ? table.attributes.get(a.attributeOf) : undefined;
    if (owner?.kind === 'image' && a.logicalName === `${owner.logicalName}_url`) return { type: 'string', format: 'image-url' };
    if (known) return known;
    return { type: 'string' };
  }
  return { type: BASE_TYPES[a.kind] };
}

function isRequired(a: AttributeInfo, detail: Record<string, unknown>): boolean {
  if (a.requiredLevel !== 'SystemRequired' || !a.creatable || a.primaryId || a.autoNumberFormat) return false;
  if (FILLED_BY_DATAVERSE.has(a.logicalName) || a.kind === 'boolean') return false;
  if (a.nativeType === 'State' || a.nativeType === 'Status' || a.nativeType === 'Owner') return false;
  // A choice with a default value is filled in with it.
  const defaultValue = detail['DefaultFormValue'];
  return !(typeof defaultValue === 'number' && defaultValue !== -1);
}
