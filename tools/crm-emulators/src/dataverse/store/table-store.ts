import type { TableDef } from '../metadata/metadata-types';
import { mergeSorted } from './merge-sorted';
import type { StoredRow } from './row-types';
import { seedNumberOfKey } from './seed-rows';
import type { SeedSegment } from './seed-segment';
import { SortedIndex } from './sorted-index';

export interface Tombstone {
  id: string;
  version: number;
  deletedOn: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const version = (row: StoredRow) => row['versionnumber'] as number;

/**
 * One table's rows with the indexes the Web API needs: by primary key (default order and paging), by
 * (modifiedon, id) (watermark queries), by row version (change tracking), the tombstones of deleted
 * rows (`$deletedEntity`) and each alternate key's unique index.
 *
 * Rows come from two places: seed segments, generated on demand, and stored rows (created, or seeded
 * and then changed — a changed or deleted seeded row is hidden in its segment). Stored rows are
 * replaced, never mutated, so an index entry always matches its row.
 */
export class TableStore {
  private readonly stored = new Map<string, StoredRow>();
  private readonly ids = new SortedIndex<string>(compareText);
  private readonly modified: SortedIndex<StoredRow>;
  private readonly versions = new SortedIndex<StoredRow>((a, b) => version(a) - version(b));
  private segments: SeedSegment[] = [];
  private readonly hidden = new Set<string>();
  private readonly keyIndexes = new Map<string, Map<string, string>>();
  tombstones: Tombstone[] = [];
  /** Versions below this are gone from the change history (after truncate): older tokens expire. */
  historyFloor = 0;
  /**
   * Per row changed since it was created: the version that created it and the version of each
   * column's last change, so a delta answer shows only the columns changed since its token (rows
   * never changed — seeded or created — were created at their own version).
   */
  private readonly changes = new Map<string, { created: number; columns: Map<string, number> }>();

  constructor(readonly def: TableDef) {
    this.modified = new SortedIndex<StoredRow>((a, b) => this.compareModified(a, b));
  }

  get pk(): string {
    return this.def.primaryIdAttribute;
  }

  get size(): number {
    return this.stored.size + this.segments.reduce((n, s) => n + s.count, 0) - this.hidden.size;
  }

  get(id: string): StoredRow | undefined {
    const row = this.stored.get(id);
    if (row || this.hidden.has(id)) return row;
    for (const segment of this.segments) {
      const i = segment.indexOf(id);
      if (i !== undefined) return segment.row(i);
    }
    return undefined;
  }

  /** Every row, in no particular order. */
  *all(): Generator<StoredRow> {
    yield* this.stored.values();
    for (const segment of this.segments) yield* this.segmentRows(segment, 0);
  }

  /** Rows in primary-key order, after `afterId` if given. */
  byIdFrom(afterId?: string): Generator<StoredRow> {
    const start = afterId === undefined ? 0 : this.ids.upperBoundBy((id) => compareText(id, afterId));
    const stored = (function* (self: TableStore) {
      for (const id of self.ids.from(start)) yield self.stored.get(id) as StoredRow;
    })(this);
    const seeded = this.segments.map((s) => this.segmentRows(s, afterId === undefined ? 0 : s.firstIdAfter(afterId)));
    return mergeSorted([stored, ...seeded], (a, b) => compareText(a[this.pk] as string, b[this.pk] as string));
  }

  /** Rows in (modifiedon, id) order, after the cursor `after(row)` describes (> 0 once past it). */
  byModifiedFrom(after?: (row: StoredRow) => number): Generator<StoredRow> {
    const stored = this.modified.from(after ? this.modified.upperBoundBy(after) : 0);
    const seeded = this.segments.map((s) => this.segmentRows(s, after ? s.firstAfter(after) : 0));
    return mergeSorted([stored, ...seeded], (a, b) => this.compareModified(a, b));
  }

  /** Rows with a version above `after`, in version order. */
  byVersionAfter(after: number): Generator<StoredRow> {
    const stored = this.versions.from(this.versions.upperBoundBy((row) => version(row) - after));
    const seeded = this.segments.map((s) => this.segmentRows(s, s.firstVersionAfter(after)));
    return mergeSorted([stored, ...seeded], (a, b) => version(a) - version(b));
  }

  /** Rows held as objects (not generated): the ones a schema change must edit. */
  storedRows(): IterableIterator<StoredRow> {
    return this.stored.values();
  }

  /** Records that `columns` of row `id` changed at `version` (the row was created at `created`). */
  noteChange(id: string, created: number, columns: readonly string[], version: number): void {
    let entry = this.changes.get(id);
    if (!entry) this.changes.set(id, (entry = { created, columns: new Map() }));
    for (const column of columns) entry.columns.set(column, version);
  }

  /** Forgets a row's column history (it was created anew). */
  forgetChanges(id: string): void {
    this.changes.delete(id);
  }

  /**
   * Which columns of `row` a delta from `afterVersion` shows: `all` when the row was created after
   * it, else the columns changed after it.
   */
  changedSince(row: StoredRow, afterVersion: number): 'all' | Set<string> {
    const entry = this.changes.get(row[this.pk] as string);
    const created = entry?.created ?? version(row);
    if (created > afterVersion) return 'all';
    const columns = new Set<string>();
    for (const [column, at] of entry?.columns ?? []) if (at > afterVersion) columns.add(column);
    return columns;
  }

  addSegment(segment: SeedSegment): void {
    this.segments.push(segment);
  }

  insert(row: StoredRow): void {
    const id = row[this.pk] as string;
    this.stored.set(id, row);
    this.ids.insert(id);
    this.modified.insert(row);
    this.versions.insert(row);
    this.indexKeys(row, id);
  }

  replace(previous: StoredRow, next: StoredRow): void {
    const id = previous[this.pk] as string;
    if (this.stored.get(id) === previous) {
      this.modified.remove(previous);
      this.versions.remove(previous);
      this.unindexKeys(previous);
      this.stored.set(id, next);
      this.modified.insert(next);
      this.versions.insert(next);
      this.indexKeys(next, id);
      return;
    }
    this.hidden.add(id);
    this.insert(next);
  }

  remove(row: StoredRow, tombstone?: Tombstone): void {
    const id = row[this.pk] as string;
    if (this.stored.get(id) === row) {
      this.stored.delete(id);
      this.ids.remove(id);
      this.modified.remove(row);
      this.versions.remove(row);
      this.unindexKeys(row);
    } else {
      this.hidden.add(id);
    }
    if (tombstone) this.tombstones.push(tombstone);
  }

  /** Undo of a removal inside a failed change set. */
  dropTombstone(tombstone: Tombstone): void {
    const index = this.tombstones.lastIndexOf(tombstone);
    if (index >= 0) this.tombstones.splice(index, 1);
  }

  clear(floorVersion: number): void {
    this.stored.clear();
    this.ids.clear();
    this.modified.clear();
    this.versions.clear();
    this.segments = [];
    this.hidden.clear();
    this.keyIndexes.clear();
    this.changes.clear();
    this.tombstones = [];
    this.historyFloor = floorVersion;
  }

  /** The id holding these alternate-key values (compared without case, like the database's collation). */
  findByKey(keyName: string, values: Record<string, unknown>): string | undefined {
    const stored = this.keyIndex(keyName).get(this.keyValue(keyName, values));
    if (stored !== undefined) return stored;
    const n = seedNumberOfKey(this.def, keyName, values);
    for (const segment of n === undefined ? [] : this.segments) {
      const i = segment.indexOfSeedNumber(n as number);
      const id = i === undefined ? undefined : segment.id(i);
      if (id !== undefined && !this.hidden.has(id)) return id;
    }
    return undefined;
  }

  /** Index value of a row, or undefined when a key column is null (nulls are not unique-checked). */
  keyValueOf(keyName: string, row: StoredRow): string | undefined {
    const key = this.def.keys.find((k) => k.logicalName === keyName);
    if (!key || key.attributes.some((a) => row[a] === undefined || row[a] === null)) return undefined;
    return this.keyValue(keyName, row);
  }

  private *segmentRows(segment: SeedSegment, start: number): Generator<StoredRow> {
    const checkHidden = this.hidden.size > 0;
    for (let i = start; i < segment.count; i++) {
      const row = segment.row(i);
      if (!checkHidden || !this.hidden.has(row[this.pk] as string)) yield row;
    }
  }

  private compareModified(a: StoredRow, b: StoredRow): number {
    return (a['modifiedon'] as number) - (b['modifiedon'] as number) || compareText(a[this.pk] as string, b[this.pk] as string);
  }

  private keyIndex(keyName: string): Map<string, string> {
    let index = this.keyIndexes.get(keyName);
    if (!index) {
      index = new Map();
      this.keyIndexes.set(keyName, index);
      for (const [id, row] of this.stored) {
        const value = this.keyValueOf(keyName, row);
        if (value !== undefined) index.set(value, id);
      }
    }
    return index;
  }

  private keyValue(keyName: string, values: Record<string, unknown>): string {
    const key = this.def.keys.find((k) => k.logicalName === keyName);
    if (!key) throw new Error(`No alternate key ${keyName} on ${this.def.logicalName}`);
    return key.attributes.map((a) => String(values[a] ?? '').toLowerCase()).join('\u0000');
  }

  private indexKeys(row: StoredRow, id: string): void {
    for (const key of this.def.keys) {
      const value = this.keyValueOf(key.logicalName, row);
      if (value !== undefined && this.keyIndexes.has(key.logicalName)) this.keyIndex(key.logicalName).set(value, id);
    }
  }

  private unindexKeys(row: StoredRow): void {
    for (const key of this.def.keys) {
      const value = this.keyValueOf(key.logicalName, row);
      const index = this.keyIndexes.get(key.logicalName);
      if (value !== undefined && index?.get(value) === row[this.pk]) index.delete(value);
    }
  }
}
