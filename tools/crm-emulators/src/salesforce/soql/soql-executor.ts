import type { OrgSchema } from '../schema/org-schema';
import type { RowRef, ScannedRow } from '../store/object-table';
import type { OrgStore } from '../store/org-store';
import { csvValue, recordAttributes, restValue } from '../store/rest-record-format';
import type { Row } from '../store/row-types';
import { SoqlBinder, type BoundCondition, type BoundQuery } from './soql-binder';
import { parseSoql } from './soql-parser';
import { compilePredicate, lowerBound, orderComparator } from './soql-predicate';

export interface QueryRun {
  query: BoundQuery;
  /** The result set, fixed when the query ran: a cursor pages through these exact record versions. */
  refs: RowRef[];
  /** Matches of `SELECT COUNT()` (refs is empty then). */
  count: number;
  /** queryAll semantics: soft-deleted rows are part of the result. */
  includeDeleted: boolean;
}

/** Parses, binds and runs SOQL. `includeDeleted`: queryAll semantics (soft-deleted rows, IsDeleted = true). */
export function runSoql(soql: string, schema: OrgSchema, store: OrgStore, nowMs: number, includeDeleted: boolean): QueryRun {
  const query = new SoqlBinder(soql, schema, store, nowMs).bind(parseSoql(soql));
  const refs = execute(query, store, includeDeleted);
  return { query, refs: query.countOnly ? [] : refs, count: refs.length, includeDeleted };
}

/** Fields a seeded record's key row holds (SeedSegment.keyRow): a WHERE on these alone needs no whole record. */
const KEY_FIELDS = new Set(['Id', 'SystemModstamp', 'IsDeleted']);

function readsOnlyKeys(cond: BoundCondition, query: BoundQuery): boolean {
  if (cond.kind === 'cmp') return !cond.path.via && KEY_FIELDS.has(cond.path.field.name) && !query.def.formulas?.[cond.path.field.name];
  return cond.kind === 'not' ? readsOnlyKeys(cond.item, query) : cond.items.every((item) => readsOnlyKeys(item, query));
}

/**
 * Picks the cheapest walk that gives the requested order: the (SystemModstamp, Id) index from the
 * WHERE clause's lower bound, Id order from an Id bound, or a full scan and sort. With a LIMIT and
 * an index order it stops as soon as the page is full. When nothing but the key fields is
 * filtered on and no sort is needed, seeded records are matched on their key fields alone: the
 * result holds references, and records are built when a page is written.
 */
function execute(query: BoundQuery, store: OrgStore, includeDeleted: boolean): RowRef[] {
  const table = store.table(query.def);
  const matches = query.where ? compilePredicate(query.where) : () => true;
  const keep = (row: Row) => (includeDeleted || row['IsDeleted'] !== true) && matches(row);
  const order = query.orderBy.map((o) => `${o.path.key.join('.')}${o.desc ? ' desc' : ''}`).join(',');
  const stampBound = lowerBound(query.where, 'SystemModstamp');
  const idBound = lowerBound(query.where, 'Id');
  const keys = !query.where || readsOnlyKeys(query.where, query);
  let source: Iterable<ScannedRow>;
  let sorted = true;
  if (order === '') source = stampBound !== undefined ? table.scanByStamp(stampBound as number, keys) : table.scanById(idBound as string | undefined, keys);
  else if (order === 'SystemModstamp' || order === 'SystemModstamp,Id') source = table.scanByStamp((stampBound as number | undefined) ?? -Infinity, keys);
  else if (order === 'Id') source = table.scanById(idBound as string | undefined, keys);
  else {
    source = table.scanById();
    sorted = false;
  }
  const skip = query.offset ?? 0;
  const wanted = sorted && query.limit !== undefined && !query.countOnly ? skip + query.limit : Infinity;
  const found: ScannedRow[] = [];
  for (const scanned of source) {
    if (!keep(scanned.row)) continue;
    found.push(scanned);
    if (found.length >= wanted) break;
  }
  if (!sorted) found.sort((a, b) => orderComparator(query.orderBy)(a.row, b.row));
  const end = query.limit === undefined ? undefined : skip + query.limit;
  return found.slice(skip, end).map((s) => (typeof s.ref === 'number' ? s.ref : s.row));
}

/** A result row as REST returns it: attributes, then the selected fields, parents nested. */
export function restQueryRecord(query: BoundQuery, row: Row, version: string, wire = false): Record<string, unknown> {
  const record: Record<string, unknown> = { attributes: recordAttributes(query.def, row, version) };
  for (const path of query.fields) {
    if (!path.via) {
      record[path.field.name] = restValue(query.def, row, path.field, wire);
      continue;
    }
    const relationship = path.key[0] as string;
    const parent = path.parentOf(row);
    if (!parent) {
      record[relationship] = null;
      continue;
    }
    const nested = (record[relationship] ??= { attributes: recordAttributes(path.via.target, parent, version) }) as Record<string, unknown>;
    nested[path.field.name] = restValue(path.via.target, parent, path.field, wire);
  }
  return record;
}

/** Header of a Bulk API result CSV: field names as the describe spells them, parents dotted. */
export function csvHeader(query: BoundQuery): string[] {
  return query.fields.map((p) => p.key.join('.'));
}

export function csvRow(query: BoundQuery, row: Row): string[] {
  return query.fields.map((path) => {
    if (!path.via) return csvValue(query.def, row, path.field);
    const parent = path.parentOf(row);
    return parent ? csvValue(path.via.target, parent, path.field) : '';
  });
}
