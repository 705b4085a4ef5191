import { querySyntaxError, unknownProperty } from '../errors';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import { isoSeconds, normalizeGuid, type StoredRow } from '../store/row-types';
import type { TableStore } from '../store/table-store';
import type { CookieColumn } from './paging-cookie';
import { comparableGetter } from './row-filter';
import { edmTypeOf, type Comparable } from './literal-coercion';

export interface OrderKey {
  attribute: AttributeDef;
  descending: boolean;
  get: (row: StoredRow) => Comparable;
}

/**
 * The ordering of a query: the `$orderby` columns, then the primary key as tie-breaker. Without
 * `$orderby` the service orders by primary key (cc-ordering-paging.md), which makes paging
 * deterministic.
 */
export function resolveOrder(registry: MetadataRegistry, table: TableDef, orderby: { property: string; descending: boolean }[] | undefined): OrderKey[] {
  const keys: OrderKey[] = (orderby ?? []).map(({ property, descending }) => {
    const attribute = registry.byProperty(table, property);
    if (!attribute) throw unknownProperty(property, table.logicalName);
    if (attribute.kind === 'MultiSelectPicklist') throw querySyntaxError(`The $orderby expression '${property}' is not supported for multi-select choice columns.`);
    return { attribute, descending, get: comparableGetter(attribute) };
  });
  if (!keys.some((k) => k.attribute.isPrimaryId)) {
    const pk = registry.attribute(table, table.primaryIdAttribute) as AttributeDef;
    keys.push({ attribute: pk, descending: false, get: comparableGetter(pk) });
  }
  return keys;
}

/** SQL Server order: nulls first ascending, last descending. */
function compareValues(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

export function compareRows(keys: OrderKey[], a: StoredRow, b: StoredRow): number {
  for (const key of keys) {
    const c = compareValues(key.get(a), key.get(b));
    if (c !== 0) return key.descending ? -c : c;
  }
  return 0;
}

function compareToCursor(keys: OrderKey[], row: StoredRow, cursor: Comparable[]): number {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as OrderKey;
    const c = compareValues(key.get(row), cursor[i] ?? null);
    if (c !== 0) return key.descending ? -c : c;
  }
  return 0;
}

export interface PageQuery {
  order: OrderKey[];
  filter?: (row: StoredRow) => boolean;
  pageSize: number;
  /** Values of the order keys of the last row already returned. */
  after?: Comparable[];
}

/**
 * Reads one page by keyset: rows strictly after the cursor in query order. Primary-key order and
 * (modifiedon, id) order walk their index from the cursor; other orders sort the matching rows.
 */
export function readPage(store: TableStore, query: PageQuery): { rows: StoredRow[]; more: boolean } {
  const { order, filter, pageSize, after } = query;
  const wanted = pageSize + 1;
  const rows: StoredRow[] = [];
  const pkOnly = order.length === 1 && !order[0]?.descending;
  const byModified = order.length === 2 && order[0]?.attribute.logicalName === 'modifiedon' && !order[0].descending && !order[1]?.descending;
  if (pkOnly || byModified) {
    const source = pkOnly
      ? store.byIdFrom(after ? String(after[0]) : undefined)
      : store.byModifiedFrom(after ? (row) => compareToCursor(order, row, after) : undefined);
    for (const row of source) {
      if (!filter || filter(row)) rows.push(row);
      if (rows.length === wanted) break;
    }
  } else {
    const matching: StoredRow[] = [];
    for (const row of store.all()) if (!filter || filter(row)) matching.push(row);
    matching.sort((a, b) => compareRows(order, a, b));
    const start = after ? matching.findIndex((row) => compareToCursor(order, row, after) > 0) : 0;
    if (start >= 0) rows.push(...matching.slice(start, start + wanted));
  }
  const more = rows.length > pageSize;
  if (more) rows.length = pageSize;
  return { rows, more };
}

/** `$count=true`: matching rows, counted up to 5,000 (count-rows.md). */
export function countMatching(store: TableStore, filter: ((row: StoredRow) => boolean) | undefined, cap = 5000): number {
  if (!filter) return Math.min(store.size, cap);
  let count = 0;
  for (const row of store.all()) {
    if (filter(row) && ++count >= cap) break;
  }
  return count;
}

function encode(key: OrderKey, value: Comparable): string | undefined {
  if (value === null) return undefined;
  const edm = edmTypeOf(key.attribute);
  if (edm === 'Edm.Guid') return `{${String(value).toUpperCase()}}`;
  if (edm === 'Edm.DateTimeOffset') return isoSeconds(value as number);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

function decode(key: OrderKey, text: string | undefined): Comparable {
  if (text === undefined) return null;
  switch (edmTypeOf(key.attribute)) {
    case 'Edm.Guid':
      return normalizeGuid(text) ?? text;
    case 'Edm.DateTimeOffset':
      return Date.parse(text);
    case 'Edm.Boolean':
      return text === '1';
    case 'Edm.String':
    case 'Edm.Date':
      return text;
    default:
      return Number(text);
  }
}

export function cursorColumns(order: OrderKey[], first: StoredRow, last: StoredRow): CookieColumn[] {
  return order.map((key) => ({ name: key.attribute.logicalName, last: encode(key, key.get(last)), first: encode(key, key.get(first)) }));
}

export function cursorValues(order: OrderKey[], columns: CookieColumn[]): Comparable[] {
  if (columns.length !== order.length || columns.some((c, i) => c.name !== order[i]?.attribute.logicalName)) {
    throw querySyntaxError('The $skiptoken value is not a valid paging cookie for this query.');
  }
  return order.map((key, i) => decode(key, columns[i]?.last));
}
