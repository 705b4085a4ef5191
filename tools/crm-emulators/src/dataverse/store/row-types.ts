/**
 * How rows are held in memory (never sent as is: `row-serializer.ts` renders the Web API shape).
 *
 * By column kind: ids are lowercase GUID strings; text is a string; numbers, money and choices are
 * numbers; Yes/No is a boolean; date-and-time columns hold epoch milliseconds in whole seconds (the Web
 * API shows seconds); date-only columns hold `YYYY-MM-DD`; lookups hold `{ id, table }`; multi-select
 * choices hold the sorted selected values. An absent key means null.
 */
export interface LookupValue {
  id: string;
  table: string;
}

export type StoredValue = string | number | boolean | null | LookupValue | number[];

export type StoredRow = Record<string, StoredValue>;

export function isLookupValue(value: unknown): value is LookupValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value && 'table' in value;
}

/** `2026-01-01T10:00:00Z`: the Web API's DateTimeOffset rendering (no milliseconds). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** Normalizes a GUID (braces, case) or returns undefined. */
export function normalizeGuid(value: string): string | undefined {
  const match = GUID.exec(value.trim());
  return match?.[1]?.toLowerCase();
}
