import { isDeepStrictEqual } from 'node:util';
import {
  parseReference,
  toDecimalString,
  toIsoDate,
  toIsoDateTime,
  toIsoTime,
  type CanonicalType,
  type CrmField,
} from '@crm-hub/plugin-sdk';

/** `convert(value)`, or `undefined` when the value cannot be converted. */
function attempt<T>(convert: () => T): T | undefined {
  try {
    return convert();
  } catch {
    return undefined;
  }
}

/** An exact decimal without insignificant zeros: '012.50' → '12.5', '-0.0' → '0'. */
function normalDecimal(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return undefined;
  const text = attempt(() => toDecimalString(value));
  if (text === undefined) return undefined;
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return undefined;
  const iso = attempt(() => toIsoDateTime(value));
  return iso === undefined ? undefined : Date.parse(iso);
}

function sameVia(expected: unknown, actual: unknown, normalise: (v: unknown) => unknown): boolean {
  const a = normalise(expected);
  const b = normalise(actual);
  return a !== undefined && a === b;
}

function asStringSet(value: unknown): Set<string> | undefined {
  if (value === null) return new Set(); // an empty multi-select may be stored as null or []
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  return new Set(value);
}

function sameReference(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'string' || typeof actual !== 'string') return false;
  const a = attempt(() => parseReference(expected));
  const b = attempt(() => parseReference(actual));
  if (!a || !b || a.id !== b.id) return false;
  return a.target === undefined || b.target === undefined || a.target.toLowerCase() === b.target.toLowerCase();
}

/**
 * Whether two canonical values of one field mean the same thing, as the CRM would store them:
 * decimals (`decimal`, `currency`, `percent`) as exact decimals (`'12.50'` equals `'12.5'`, never
 * through floats), datetimes by instant, dates and times by their canonical form, multi-enums as
 * sets (`null` and `[]` both empty), references by id (and by target when both name one),
 * addresses component by component (those of `expected`), json deeply; strings, booleans,
 * integers and every other type strictly. `null` equals only `null` (and an empty multi-enum).
 * Without a field or type, values are compared deeply and strictly.
 *
 * @example
 * ```ts
 * sameCanonicalValue('currency', '12.50', '12.5');                                       // true
 * sameCanonicalValue('datetime', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00+01:00'); // true
 * sameCanonicalValue(field, ['Gold', 'Silver'], ['Silver', 'Gold']);                     // true for a multi-enum field
 * sameCanonicalValue('string', 'Ada', null);                                             // false
 * ```
 */
export function sameCanonicalValue(field: CrmField | CanonicalType | undefined, expected: unknown, actual: unknown): boolean {
  const type = typeof field === 'string' ? field : field?.type;
  if (type === 'multi-enum') {
    const a = asStringSet(expected);
    const b = asStringSet(actual);
    return a !== undefined && b !== undefined && a.size === b.size && [...a].every((v) => b.has(v));
  }
  if (expected === null || actual === null || expected === undefined || actual === undefined) return expected === actual;
  switch (type) {
    case 'decimal':
    case 'currency':
    case 'percent':
      return sameVia(expected, actual, normalDecimal);
    case 'datetime':
      return sameVia(expected, actual, instant);
    case 'date':
      return sameVia(expected, actual, (v) => (typeof v === 'string' ? attempt(() => toIsoDate(v)) : undefined));
    case 'time':
      return sameVia(expected, actual, (v) => (typeof v === 'string' ? attempt(() => toIsoTime(v)) : undefined));
    case 'reference':
      return sameReference(expected, actual);
    case 'address':
      return (
        typeof expected === 'object' &&
        typeof actual === 'object' &&
        Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
          isDeepStrictEqual(v ?? null, (actual as Record<string, unknown>)[k] ?? null),
        )
      );
    default:
      return isDeepStrictEqual(expected, actual);
  }
}

/**
 * A value for messages: JSON (strings quoted), `<absent>` for a missing key, shortened when long.
 *
 * @example
 * ```ts
 * showValue('12.50');    // '"12.50"'
 * showValue(undefined);  // '<absent>'
 * ```
 */
export function showValue(value: unknown): string {
  if (value === undefined) return '<absent>';
  const text = attempt(() => JSON.stringify(value)) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * The fields of `expected` whose values `actual` does not hold (compared with
 * {@link sameCanonicalValue}, typed by `fields`), described as `Name: expected X, got Y`.
 *
 * @example
 * ```ts
 * valueDifferences({ LastName: 'Ada' }, { LastName: 'Bob' }, byName, 'wrote', 'the CRM holds');
 * // ['LastName: wrote "Ada", the CRM holds "Bob"']
 * ```
 */
export function valueDifferences(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  fields: ReadonlyMap<string, CrmField>,
  expectedLabel: string,
  actualLabel: string,
): string[] {
  return Object.entries(expected)
    .filter(([name, value]) => !sameCanonicalValue(fields.get(name), value, actual[name]))
    .map(([name, value]) => `${name}: ${expectedLabel} ${showValue(value)}, ${actualLabel} ${showValue(actual[name])}`);
}
