import type { SqlDialect } from './sql-dialect';

/**
 * A column type of a generated table, independent of the database. Exactness first: decimals are
 * `numeric` on PostgreSQL and text on SQLite (whose NUMERIC affinity would round them through a
 * double); instants are `timestamptz` / ISO 8601 UTC text; arrays and objects are `jsonb` / JSON text.
 */
export type HubColumnType =
  | { kind: 'text' }
  | { kind: 'varchar'; length: number }
  | { kind: 'integer' }
  | { kind: 'decimal'; precision?: number; scale?: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'time' }
  | { kind: 'json' };

/** The SQL type to declare for a column type on a database. */
export function sqlType(type: HubColumnType, dialect: SqlDialect): string {
  if (dialect === 'sqlite') {
    // SQLite: exact text for everything that is not a whole number or a boolean.
    if (type.kind === 'integer' || type.kind === 'boolean') return 'INTEGER';
    return 'TEXT';
  }
  switch (type.kind) {
    case 'text':
      return 'text';
    case 'varchar':
      return `varchar(${positive(type.length, 'length')})`;
    case 'integer':
      return 'bigint';
    case 'decimal':
      return type.precision ? `numeric(${positive(type.precision, 'precision')},${nonNegative(type.scale ?? 0, 'scale')})` : 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
    case 'time':
      return 'time(3)';
    case 'json':
      return 'jsonb';
  }
}

/**
 * The PostgreSQL type of a parameter that carries a column's values: its SQL type without length,
 * precision or scale (`varchar(80)` → `varchar`), so that storing the value checks them as a plain
 * insert does (an explicit cast to `varchar(80)` would cut a longer text silently).
 */
export function parameterType(type: HubColumnType): string {
  return sqlType(type, 'postgres').replace(/\(.*\)$/, '');
}

/** A short human description ("varchar(80)", "decimal(18,2)") for drift reports. */
export function describeColumnType(type: HubColumnType): string {
  switch (type.kind) {
    case 'varchar':
      return `varchar(${type.length})`;
    case 'decimal':
      return type.precision ? `decimal(${type.precision},${type.scale ?? 0})` : 'decimal';
    default:
      return type.kind;
  }
}

/**
 * Whether a column can change from `from` to `to` without losing or reinterpreting any stored
 * value: longer text, more digits, whole numbers to decimals. Everything else needs a human.
 */
export function isSafeWidening(from: HubColumnType, to: HubColumnType): boolean {
  if (from.kind === 'varchar' && to.kind === 'varchar') return to.length >= from.length;
  if (from.kind === 'varchar' && to.kind === 'text') return true;
  if (from.kind === 'decimal' && to.kind === 'decimal') {
    if (!to.precision) return true;
    if (!from.precision) return false;
    const fromScale = from.scale ?? 0;
    const toScale = to.scale ?? 0;
    return toScale >= fromScale && to.precision - toScale >= from.precision - fromScale;
  }
  if (from.kind === 'integer' && to.kind === 'decimal') return !to.precision || to.precision - (to.scale ?? 0) >= 19;
  return sameType(from, to);
}

export function sameType(a: HubColumnType, b: HubColumnType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Column ${what} must be a positive integer, got ${n}`);
  return n;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Column ${what} must be a non-negative integer, got ${n}`);
  return n;
}
