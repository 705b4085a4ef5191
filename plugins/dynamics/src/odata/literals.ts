import { EdmV4 } from '@odata/client';
import { parseReference, toDecimalString, toIsoDate, toIsoDateTime } from '@crm-hub/plugin-sdk';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A value that cannot be written as a literal of the column's type (the caller names the node). */
export class LiteralError extends Error {}

/**
 * An OData string literal: single quotes, with embedded quotes doubled (`O'Neil` → `'O''Neil'`).
 *
 * @example
 * ```ts
 * stringLiteral("O'Neil"); // "'O''Neil'"
 * ```
 */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Escapes the T-SQL `LIKE` wildcards Dataverse honours inside `contains`/`startswith` values
 * (`%`, `_`, `[`), by bracketing them, so they match literally.
 * https://learn.microsoft.com/power-apps/developer/data-platform/wildcard-characters
 *
 * @example
 * ```ts
 * likeLiteral('100%_sure'); // "'100[%][_]sure'"
 * ```
 */
export function likeLiteral(value: string): string {
  return stringLiteral(value.replace(/[%_[]/g, (c) => `[${c}]`));
}

/**
 * A GUID literal: bare, as the Web API expects for `Edm.Guid` (and lookup `_x_value`) columns.
 *
 * @example
 * ```ts
 * guidLiteral('00000000-0000-0000-0000-000000000001'); // '00000000-0000-0000-0000-000000000001'
 * ```
 */
export function guidLiteral(value: unknown): string {
  if (typeof value !== 'string' || !GUID.test(value)) throw new LiteralError(`${JSON.stringify(value)} is not a GUID`);
  return value.toLowerCase();
}

/** Whether a string is a GUID. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/**
 * An integer literal (whole numbers, including option values given as strings).
 *
 * @example
 * ```ts
 * integerLiteral('727000000'); // '727000000'
 * ```
 */
export function integerLiteral(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^-?\d+$/.test(text)) throw new LiteralError(`${JSON.stringify(value)} is not a whole number`);
  return text.replace(/^(-?)0+(?=\d)/, '$1');
}

/**
 * A decimal literal written from the exact digits (no float rounding).
 *
 * @example
 * ```ts
 * decimalLiteral('12345678901234.5678'); // '12345678901234.5678'
 * ```
 */
export function decimalLiteral(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new LiteralError(`${JSON.stringify(value)} is not a number`);
  try {
    return toDecimalString(value);
  } catch {
    throw new LiteralError(`${JSON.stringify(value)} is not a decimal number`);
  }
}

/**
 * A boolean literal from a boolean or `"true"`/`"false"`.
 *
 * @example
 * ```ts
 * booleanLiteral('TRUE'); // 'true'
 * ```
 */
export function booleanLiteral(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase();
  throw new LiteralError(`${JSON.stringify(value)} is not a boolean`);
}

/**
 * A date or date-time literal in OData v4 form, unquoted: `YYYY-MM-DD` stays an `Edm.Date`
 * literal (date-only columns, or whole days on date-time columns); anything with a time becomes
 * an ISO 8601 UTC `Edm.DateTimeOffset`. Uses `@odata/client`'s `EdmV4` types (its top-level
 * `ODataDateTimeOffset` would emit a v2 `datetimeoffset'…'` literal that v4 services refuse).
 *
 * @example
 * ```ts
 * dateTimeLiteral('2026-03-01T12:00:00+02:00'); // '2026-03-01T10:00:00.000Z'
 * dateTimeLiteral('2026-03-01'); // '2026-03-01'
 * ```
 */
export function dateTimeLiteral(value: unknown): string {
  if (typeof value !== 'string') throw new LiteralError(`${JSON.stringify(value)} is not a date`);
  try {
    if (DATE_ONLY.test(value.trim())) return EdmV4.Date.from(new Date(`${toIsoDate(value)}T00:00:00.000Z`)).toString();
    return EdmV4.DateTimeOffset.from(new Date(toIsoDateTime(value))).toString();
  } catch {
    throw new LiteralError(`${JSON.stringify(value)} is not an ISO 8601 date or date-time with an offset`);
  }
}

/**
 * The OData literal of a value for a column kind, shared by `$filter` and key predicates;
 * undefined for kinds without a scalar literal (multi-select, party lists…).
 */
export function scalarLiteral(kind: string, value: unknown): string | undefined {
  switch (kind) {
    case 'string':
    case 'memo':
    case 'entityname':
      if (typeof value !== 'string' && typeof value !== 'number') throw new LiteralError(`${JSON.stringify(value)} is not a string`);
      return stringLiteral(String(value));
    case 'id':
    case 'file':
      return guidLiteral(value);
    case 'lookup':
      // Reads give polymorphic lookups as '<table>:<guid>'; the Web API compares `_x_value` with the GUID.
      return guidLiteral(typeof value === 'string' && value !== '' ? parseReference(value).id : value);
    case 'integer':
    case 'enum':
      return integerLiteral(value);
    case 'bigint':
    case 'decimal':
    case 'money':
    case 'double':
      return decimalLiteral(value);
    case 'boolean':
      return booleanLiteral(value);
    case 'datetime':
      return dateTimeLiteral(value);
    default:
      return undefined;
  }
}
