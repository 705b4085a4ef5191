import { parseMultiEnum, toBoolean, toDecimalString, toInteger, toIsoDate, toIsoDateTime } from '@crm-hub/plugin-sdk';
import type { AttributeInfo } from '../metadata/table-info';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One Web API value in canonical form (the contract's value table): option values as strings,
 * multi-select `"1,9"` → `['1', '9']`, money/decimal/double/bigint as exact decimal strings (the
 * JSON was parsed losslessly, so the server's digits are kept), date-only columns (`Edm.Date`,
 * sent as `YYYY-MM-DD`) as dates, other date-times as ISO UTC with milliseconds, lookups as the
 * GUID of `_x_value`, booleans. Empty values are `null`.
 *
 * @example
 * ```ts
 * canonicalValue({ kind: 'multi-enum', … }, '1,9'); // ['1', '9']
 * canonicalValue({ kind: 'money', … }, '12345678901234.5678'); // '12345678901234.5678'
 * ```
 */
export function canonicalValue(a: AttributeInfo, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (a.kind) {
    case 'multi-enum':
      return parseMultiEnum(String(raw), ',');
    case 'enum':
    case 'id':
    case 'lookup':
    case 'string':
    case 'memo':
    case 'entityname':
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
 * The canonical record of one Web API row: the requested fields (a field read as empty is
 * `null`, never absent), keyed by logical name.
 *
 * @example
 * ```ts
 * canonicalRecord(row, [fullname, parentcustomerid]); // { fullname: 'Ada', parentcustomerid: '…guid…' }
 * ```
 */
export function canonicalRecord(row: Record<string, unknown>, attributes: readonly AttributeInfo[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const a of attributes) data[a.logicalName] = canonicalValue(a, row[a.property]);
  return data;
}
