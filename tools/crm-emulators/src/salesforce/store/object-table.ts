import type { ObjectDefinition } from '../schema/object-definition';
import { makeId, seqOfId } from '../util/record-ids';
import type { Row } from './row-types';
import type { SeedSegment } from './seed-segment';
import { StampIndex } from './stamp-index';

/** A reference to a record version: a stored row, or the sequence number of a generated (seeded) one. */
export type RowRef = Row | number;

export interface ScannedRow {
  ref: RowRef;
  /** The record; with `keysOnly` scans, a seeded record's key fields only (see SeedSegment.keyRow). */
  row: Row;
}

/**
 * The records of one object: seeded segments (generated on read), stored versions (created or
 * changed records), an index in (SystemModstamp, Id) order, unique-value indexes, the recycle bin
 * and the delete log that getDeleted reads.
 */
export class ObjectTable {
  private nextSeq = 1;
  private readonly segments: SeedSegment[] = [];
  /** Creation order (= Id order): seeded segments and the ids of created records. */
  private readonly slots: (SeedSegment | string)[] = [];
  private readonly stored = new Map<string, Row>();
  private readonly stamps = new StampIndex();
  private readonly uniqueIndexes = new Map<string, Map<string, Set<string>>>();
  /** Soft-deleted ids → deletion time, oldest first. */
  readonly recycleBin = new Map<string, number>();
  /** What getDeleted reads: deletions in time order. */
  deleteLog: { id: string; deletedMs: number }[] = [];
  /** Deletions before this instant were purged from the delete log early. */
  deleteLogPurgedBefore = 0;

  constructor(readonly def: ObjectDefinition) {}

  newId(): string {
    return makeId(this.def.keyPrefix, this.nextSeq++);
  }

  reserveSeqs(count: number): number {
    const first = this.nextSeq;
    this.nextSeq += count;
    return first;
  }

  addSegment(segment: SeedSegment): void {
    this.segments.push(segment);
    this.slots.push(segment);
  }

  /** Seeded segments in creation order (seeders of child objects pick parents from them). */
  seedSegments(): readonly SeedSegment[] {
    return this.segments;
  }

  /** The current version of a record (soft-deleted ones included), by canonical 18-character id. */
  get(id: string): Row | undefined {
    const row = this.stored.get(id);
    if (row) return row;
    const found = this.segmentOf(id);
    if (!found || found.segment.state[found.k] !== 0) return undefined;
    return found.segment.generate(found.k);
  }

  resolve(ref: RowRef): Row {
    if (typeof ref !== 'number') return ref;
    const segment = this.segmentOfSeq(ref);
    if (!segment) throw new Error(`No seeded record ${ref}`);
    return segment.generate(ref - segment.firstSeq);
  }

  /** Stores a new version of a record (created, changed, or soft-deleted). */
  put(row: Row): void {
    const id = row['Id'] as string;
    const previous = this.get(id);
    const found = this.segmentOf(id);
    if (found) found.segment.state[found.k] = 1;
    else if (!this.stored.has(id)) this.slots.push(id);
    this.stored.set(id, row);
    this.stamps.set(id, row['SystemModstamp'] as number);
    this.reindexUnique(id, previous, row);
  }

  /** Removes a record for good (recycle bin emptied): gone from queryAll; the delete log keeps it. */
  hardDelete(id: string): void {
    const previous = this.get(id);
    this.stored.delete(id);
    this.stamps.remove(id);
    this.recycleBin.delete(id);
    const found = this.segmentOf(id);
    if (found) found.segment.state[found.k] = 2;
    if (previous) this.reindexUnique(id, previous, undefined);
  }

  /** Records in Id (creation) order, from `fromId` on when given. `keysOnly`: see {@link ScannedRow.row}. */
  *scanById(fromId?: string, keysOnly = false): Generator<ScannedRow> {
    const fromSeq = fromId === undefined ? undefined : seqOfId(fromId, this.def.keyPrefix);
    for (const slot of this.slots) {
      if (typeof slot === 'string') {
        if (fromId !== undefined && slot < fromId) continue;
        const row = this.stored.get(slot);
        if (row) yield { ref: row, row };
        continue;
      }
      if (fromId !== undefined && makeId(this.def.keyPrefix, slot.lastSeq) < fromId) continue;
      const start = fromSeq === undefined ? 0 : Math.max(0, fromSeq - slot.firstSeq);
      yield* this.segmentRows(slot, start, keysOnly);
    }
  }

  /** Records in (SystemModstamp, Id) order, from stamp `fromMs` on. `keysOnly`: see {@link ScannedRow.row}. */
  *scanByStamp(fromMs = -Infinity, keysOnly = false): Generator<ScannedRow> {
    const heads = this.segments.map((segment) => ({ segment, k: this.nextLive(segment, segment.firstAtOrAfter(fromMs)) }));
    const stored = this.stamps.from(fromMs);
    let next = stored.next();
    for (;;) {
      let best: (typeof heads)[number] | undefined;
      let bestKey: [number, string] | undefined;
      for (const head of heads) {
        if (head.k >= head.segment.count) continue;
        const key: [number, string] = [head.segment.stampOf(head.k), makeId(this.def.keyPrefix, head.segment.firstSeq + head.k)];
        if (!bestKey || before(key, bestKey)) [best, bestKey] = [head, key];
      }
      if (!next.done && (!bestKey || before([next.value.ms, next.value.id], bestKey))) {
        const row = this.stored.get(next.value.id) as Row;
        yield { ref: row, row };
        next = stored.next();
        continue;
      }
      if (!best) return;
      yield { ref: best.segment.firstSeq + best.k, row: this.seeded(best.segment, best.k, keysOnly) };
      best.k = this.nextLive(best.segment, best.k + 1);
    }
  }

  /** Ids of live or soft-deleted records whose `field` equals `value` (case-insensitively). */
  lookupUnique(field: string, value: string): string[] {
    const ids = new Set(this.uniqueIndex(field).get(value.toLowerCase()) ?? []);
    for (const segment of this.segments) {
      const k = segment.lookup(field, value);
      if (k !== undefined) ids.add(makeId(this.def.keyPrefix, segment.firstSeq + k));
    }
    return [...ids];
  }

  /** Forgets every record, deleted ones and the delete log included. */
  truncate(): void {
    for (const segment of this.segments) segment.state.fill(2);
    this.stored.clear();
    this.stamps.clear();
    this.slots.length = 0;
    this.segments.length = 0;
    this.uniqueIndexes.clear();
    this.recycleBin.clear();
    this.deleteLog = [];
  }

  private seeded(segment: SeedSegment, k: number, keysOnly: boolean): Row {
    return (keysOnly && segment.keyRow(k, makeId(this.def.keyPrefix, segment.firstSeq + k))) || segment.generate(k);
  }

  private *segmentRows(segment: SeedSegment, start: number, keysOnly: boolean): Generator<ScannedRow> {
    for (let k = start; k < segment.count; k++) {
      const state = segment.state[k];
      if (state === 0) yield { ref: segment.firstSeq + k, row: this.seeded(segment, k, keysOnly) };
      else if (state === 1) {
        const row = this.stored.get(makeId(this.def.keyPrefix, segment.firstSeq + k));
        if (row) yield { ref: row, row };
      }
    }
  }

  private nextLive(segment: SeedSegment, k: number): number {
    while (k < segment.count && segment.state[k] !== 0) k++;
    return k;
  }

  private segmentOfSeq(seq: number): SeedSegment | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const segment = this.segments[mid] as SeedSegment;
      if (seq < segment.firstSeq) hi = mid - 1;
      else if (seq > segment.lastSeq) lo = mid + 1;
      else return segment;
    }
    return undefined;
  }

  private segmentOf(id: string): { segment: SeedSegment; k: number } | undefined {
    const seq = seqOfId(id, this.def.keyPrefix);
    const segment = seq === undefined ? undefined : this.segmentOfSeq(seq);
    return segment && makeId(this.def.keyPrefix, seq as number) === id ? { segment, k: (seq as number) - segment.firstSeq } : undefined;
  }

  private uniqueIndex(field: string): Map<string, Set<string>> {
    let index = this.uniqueIndexes.get(field);
    if (!index) {
      index = new Map();
      this.uniqueIndexes.set(field, index);
      for (const [id, row] of this.stored) addTo(index, row[field], id);
    }
    return index;
  }

  private reindexUnique(id: string, previous: Row | undefined, next: Row | undefined): void {
    for (const [field, index] of this.uniqueIndexes) {
      if (previous) removeFrom(index, previous[field], id);
      if (next) addTo(index, next[field], id);
    }
  }

}

function before(a: [number, string], b: [number, string]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function addTo(index: Map<string, Set<string>>, value: unknown, id: string): void {
  if (typeof value !== 'string' || value === '') return;
  const key = value.toLowerCase();
  const ids = index.get(key) ?? new Set<string>();
  ids.add(id);
  index.set(key, ids);
}

function removeFrom(index: Map<string, Set<string>>, value: unknown, id: string): void {
  if (typeof value === 'string') index.get(value.toLowerCase())?.delete(id);
}
