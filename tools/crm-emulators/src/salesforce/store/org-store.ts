import type { EmulatorClock } from '../../common/clock';
import type { ObjectDefinition } from '../schema/object-definition';
import type { OrgSchema } from '../schema/org-schema';
import { hash32 } from '../util/deterministic-hash';
import { makeId } from '../util/record-ids';
import { DAY_MS, floorToSecond, parseDateTime } from '../util/sf-dates';
import { ObjectTable } from './object-table';
import { seedGenerator } from './seed-generators';
import { SeedSegment } from './seed-segment';
import type { Row } from './row-types';

/** Deleted records stay in the recycle bin (and the delete log) for 15 days. */
export const RECYCLE_BIN_MS = 15 * DAY_MS;

export interface SeedOptions {
  modstamp?: string;
  sameModstampEvery?: number;
}

/** The org's data: one table per object, the org and its API user. */
export class OrgStore {
  readonly orgId = makeId('00D', 1);
  readonly userId = makeId('005', 1);
  private readonly tables = new Map<string, ObjectTable>();

  constructor(
    private readonly schema: OrgSchema,
    private readonly clock: EmulatorClock,
  ) {}

  table(def: ObjectDefinition): ObjectTable {
    let table = this.tables.get(def.name);
    if (!table) {
      table = new ObjectTable(def);
      this.tables.set(def.name, table);
    }
    this.purgeExpired(table);
    return table;
  }

  keyPrefixOf(objectName: string): string | undefined {
    return this.schema.find(objectName)?.keyPrefix;
  }

  /** The object and current version of any record, found by its key prefix. */
  findRecord(id: string): { def: ObjectDefinition; table: ObjectTable; row: Row } | undefined {
    const def = this.schema.byKeyPrefix(id.slice(0, 3));
    if (!def) return undefined;
    const table = this.table(def);
    const row = table.get(id);
    return row ? { def, table, row } : undefined;
  }

  /**
   * Seeds `count` records as one segment: generated on read, so a million rows are cheap.
   * Stamps: `modstamp` (floored to the second; Salesforce keeps no milliseconds) or, by default, ending
   * at the clock's current second; groups of `sameModstampEvery` records share one stamp.
   */
  seed(def: ObjectDefinition, count: number, options: SeedOptions = {}): SeedSegment {
    if (!Number.isInteger(count) || count < 0 || count > 5_000_000) throw new Error(`Cannot seed ${count} records`);
    const table = this.table(def);
    const fixed = options.modstamp === undefined ? undefined : parseDateTime(options.modstamp);
    if (options.modstamp !== undefined && fixed === undefined) throw new Error(`Not a datetime: ${options.modstamp}`);
    const groupSize = Math.max(1, Math.floor(options.sameModstampEvery ?? (fixed === undefined ? 1 : Math.max(count, 1))));
    const groups = Math.max(1, Math.ceil(count / groupSize));
    const baseMs = fixed === undefined ? floorToSecond(this.clock.nowMs()) - (groups - 1) * 1000 : floorToSecond(fixed);
    const generator = seedGenerator(def.name, { keyPrefix: def.keyPrefix, userId: this.userId, accountFor: this.accountPicker() });
    const segment = new SeedSegment(table.reserveSeqs(count), count, baseMs, groupSize, generator.row, generator.reverse);
    table.addSegment(segment);
    return segment;
  }

  /** Seeded children point at the Accounts seeded before them (none: null). */
  private accountPicker(): (n: number) => string | null {
    const def = this.schema.find('Account');
    const segments = def ? [...this.table(def).seedSegments()] : [];
    const total = segments.reduce((sum, s) => sum + s.count, 0);
    if (!def || total === 0) return () => null;
    return (n) => {
      let index = hash32(n, 99) % total;
      for (const segment of segments) {
        if (index < segment.count) return makeId(def.keyPrefix, segment.firstSeq + index);
        index -= segment.count;
      }
      return null;
    };
  }

  /** Salesforce empties recycle-bin records older than 15 days; the delete log keeps 15 days too. */
  private purgeExpired(table: ObjectTable): void {
    const horizon = this.clock.nowMs() - RECYCLE_BIN_MS;
    for (const [id, deletedMs] of table.recycleBin) {
      if (deletedMs >= horizon) break;
      table.hardDelete(id);
    }
    if (table.deleteLog.length && (table.deleteLog[0] as { deletedMs: number }).deletedMs < horizon) {
      table.deleteLog = table.deleteLog.filter((e) => e.deletedMs >= horizon);
    }
  }
}
