import { toDecimalString } from '@crm-hub/plugin-sdk';
import type { DataSource } from 'typeorm';

/** `crm_hub_decimal_cmp(a, b)`: -1, 0 or 1 comparing two decimals exactly; NULL when either is NULL or not a decimal. */
export const SQLITE_DECIMAL_CMP = 'crm_hub_decimal_cmp';

interface BetterSqlite3Database {
  function(name: string, options: { deterministic: boolean; varargs: boolean }, fn: (...args: unknown[]) => unknown): void;
}

const registered = new WeakSet<object>();

/**
 * Teaches the SQLite connection the functions filters use. SQLite keeps decimals as exact text
 * (its NUMERIC affinity would round them through a double), so neither text comparison (`"10.5"`
 * vs `"10.50"`) nor `CAST(… AS REAL)` (17 significant digits at most) compares them as PostgreSQL's
 * `numeric` does. Registered once per connection; a no-op on PostgreSQL.
 */
export function ensureSqliteFunctions(dataSource: DataSource): void {
  const db = (dataSource.driver as unknown as { databaseConnection?: BetterSqlite3Database }).databaseConnection;
  if (!db || typeof db.function !== 'function' || registered.has(db)) return;
  db.function(SQLITE_DECIMAL_CMP, { deterministic: true, varargs: false }, (a: unknown, b: unknown) => compareDecimals(a, b));
  registered.add(db);
}

/** Compares two decimals (numbers or decimal strings) exactly, or null when one is missing or not a decimal. */
export function compareDecimals(a: unknown, b: unknown): number | null {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A decimal's text of sane size: at most 80 digits on each side, an exponent of at most 3 digits. */
export const DECIMAL_TEXT = /^\s*[+-]?(\d{1,80}(\.\d{0,80})?|\.\d{1,80})([eE][+-]?\d{1,3})?\s*$/;

/** A decimal as an integer number of units of 10^-scale: "-10.50" → { units: -1050n, scale: 2 }. */
function parse(value: unknown): { units: bigint; scale: number } | undefined {
  if (value === null || value === undefined || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint')) return undefined;
  // A huge exponent would make toDecimalString build a string of that many digits.
  if (typeof value === 'string' && !DECIMAL_TEXT.test(value)) return undefined;
  let text: string;
  try {
    text = toDecimalString(value as string | number | bigint);
  } catch {
    return undefined;
  }
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const units = BigInt(whole + fraction);
  return { units: text.startsWith('-') ? -units : units, scale: fraction.length };
}
