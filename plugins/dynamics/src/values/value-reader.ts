import { formatReference, parseMultiEnum, toBoolean, toDecimalString, toInteger, toIsoDate, toIsoDateTime } from '@crm-hub/plugin-sdk';
import { isPolymorphic, type AttributeInfo } from '../metadata/table-info';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The annotation naming the table a lookup value points to (`_x_value@…lookuplogicalname`). */
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

/**
 * One Web API value in canonical form (the contract's value table): option values as strings,
 * multi-select `"1,9"` → `['1', '9']`, money/decimal/double/bigint as exact decimal strings (the
 * JSON was parsed losslessly, so the server's digits are kept), date-only columns (`Edm.Date`,
 * sent as `YYYY-MM-DD`) as dates, other date-times as ISO UTC with milliseconds, lookups as the
 * GUID of `_x_value` (`"<table>:<guid>"` for polymorphic ones, the table taken from the
 * `lookuplogicalname` annotation), image bytes as the base64 text Dataverse sends, a file column's
 * file id, booleans.
 * Empty values are `null`.
 *
 * @example
 * ```ts
 * canonicalValue({ kind: 'multi-enum', … }, '1,9'); // ['1', '9']
 * canonicalValue({ kind: 'money', … }, '12345678901234.5678'); // '12345678901234.5678'
 * canonicalValue(parentcustomerid, 'b1…', 'account'); // 'account:b1…'
 * ```
 */
export function canonicalValue(a: AttributeInfo, raw: unknown, lookupTable?: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (a.kind) {
    case 'multi-enum':
      return parseMultiEnum(String(raw), ',');
    case 'lookup':
      // Without the annotation (a proxy that strips them) the bare GUID is all there is.
      return isPolymorphic(a) && typeof lookupTable === 'string' && lookupTable !== '' ? formatReference(lookupTable, String(raw)) : String(raw);
    case 'enum':
    case 'id':
    case 'string':
    case 'memo':
    case 'entityname':
    case 'image':
    case 'file':
      return String(raw);
    case 'integer':
      return toInteger(raw as string | number);
    case 'bigint':
    case 'decimal':
    case 'money':
    case 'double':
      return toDecimalString(raw as string | number);
    case 'boolean':
      return toBoolean(raw as boolean | string);
    case 'datetime':
      return typeof raw === 'string' && DATE_ONLY.test(raw) ? toIsoDate(raw) : toIsoDateTime(raw as string);
    default:
      return raw;
  }
}

/**
 * The canonical record of one Web API row, keyed by logical name. Absent is not null: a column
 * the row carries as `null` is `null`, a column the row does not carry at all (Dataverse delta
 * rows bring only the changed columns) is left out, and `partial` says so.
 *
 * @example
 * ```ts
 * canonicalRecord(row, [fullname, parentcustomerid]); // { data: { fullname: 'Ada', parentcustomerid: 'account:…guid…' }, partial: false }
 * ```
 */
export function canonicalRecord(row: Record<string, unknown>, attributes: readonly AttributeInfo[]): { data: Record<string, unknown>; partial: boolean } {
  const data: Record<string, unknown> = {};
  let partial = false;
  for (const a of attributes) {
    if (!(a.property in row)) {
      partial = true;
      continue;
    }
    // The annotation only matters to lookups: building its key for every column cost more than the value itself.
    const lookupTable = a.kind === 'lookup' ? row[`${a.property}@${LOOKUP_LOGICAL_NAME}`] : undefined;
    data[a.logicalName] = canonicalValue(a, row[a.property], lookupTable);
  }
  return { data, partial };
}
