import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { TableDef } from '../metadata/metadata-types';
import type { StoredRow } from './row-types';
import { hex, rowFactory, SEED_BASE_MS, tablePrefix, type RowFactory } from './seed-rows';

export interface SeedPlan {
  count: number;
  /** Rows seeded into this table before (keeps ids and alternate keys unique across seed calls). */
  offset: number;
  /** Seed call number for this table. */
  batch: number;
  firstVersion: number;
  modifiedOn?: number;
  sameModifiedOnEvery?: number;
}

const ZEROS = '000000000000';

/**
 * One seed call's rows, generated on demand rather than stored: row `i` is a pure function of the plan,
 * so a million seeded rows cost a few numbers until something reads or changes them. Ids are
 * GUID-shaped and ascending with `i` (and across seed calls), as are modifiedon and versionnumber, so
 * every index over a segment is a binary search.
 */
export class SeedSegment {
  private readonly prefix: string;
  private readonly make: RowFactory;
  private readonly every: number;

  constructor(
    registry: MetadataRegistry,
    def: TableDef,
    readonly plan: SeedPlan,
  ) {
    this.prefix = `${tablePrefix(def.logicalName)}-${hex(plan.batch, 4)}-4`;
    this.make = rowFactory(registry, def);
    this.every = Math.max(1, plan.sameModifiedOnEvery ?? 1);
  }

  get count(): number {
    return this.plan.count;
  }

  get firstVersion(): number {
    return this.plan.firstVersion;
  }

  /** The seed number of row `i` (1-based across the table's seed calls). */
  seedNumber(i: number): number {
    return this.plan.offset + i + 1;
  }

  id(i: number): string {
    // 12 hex digits of the seed number; the 3rd and 4th GUID groups repeat its leading digits.
    const digits = this.seedNumber(i).toString(16);
    const h = ZEROS.slice(digits.length) + digits;
    return `${this.prefix}${h.slice(0, 3)}-8${h.slice(3, 6)}-${h}`;
  }

  row(i: number): StoredRow {
    const stamp = this.plan.modifiedOn ?? SEED_BASE_MS + Math.floor(i / this.every) * 1000;
    return this.make(this.seedNumber(i), this.id(i), stamp, this.plan.firstVersion + i);
  }

  /** Position of an id in this segment, or undefined. */
  indexOf(id: string): number | undefined {
    if (!id.startsWith(this.prefix) || id.length !== 36) return undefined;
    const i = parseInt(id.slice(24), 16) - this.plan.offset - 1;
    return i >= 0 && i < this.plan.count && this.id(i) === id ? i : undefined;
  }

  /** Position of the seed number `n`, or undefined. */
  indexOfSeedNumber(n: number): number | undefined {
    const i = n - this.plan.offset - 1;
    return i >= 0 && i < this.plan.count ? i : undefined;
  }

  /** First position whose row is after a cursor (`after(row)` > 0 once past it; monotonic in `i`). */
  firstAfter(after: (row: StoredRow) => number): number {
    let lo = 0;
    let hi = this.plan.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after(this.row(mid)) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  firstIdAfter(id: string): number {
    let lo = 0;
    let hi = this.plan.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.id(mid) <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  firstVersionAfter(version: number): number {
    return Math.min(this.plan.count, Math.max(0, version - this.plan.firstVersion + 1));
  }
}
