import type { EmulatorClock } from '../../common/clock';
import type { ObjectDefinition } from '../schema/object-definition';

/** One record as stored: property values as HubSpot's API text, stamps in epoch ms. */
export interface StoredRecord {
  id: string;
  values: Record<string, string>;
  createdMs: number;
  updatedMs: number;
  /** Set once the record is archived (deleted: listed with `archived=true` for 90 days). */
  archivedMs?: number;
}

/** Record ids start here, so ids cross a power of ten early: clients must compare them as numbers. */
const FIRST_ID = 9_001;

/**
 * The records of every object type, keyed by id. Ids are numeric strings shared by all objects
 * of the portal (as HubSpot's are), handed out in creation order.
 */
export class ObjectStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private nextId = FIRST_ID;

  constructor(private readonly clock: EmulatorClock) {}

  table(def: ObjectDefinition): Map<string, StoredRecord> {
    let table = this.tables.get(def.name);
    if (!table) this.tables.set(def.name, (table = new Map()));
    return table;
  }

  /** A new record stamped `stampMs` (default: the clock's now). */
  create(def: ObjectDefinition, values: Record<string, string | null>, stampMs = this.clock.nowMs()): StoredRecord {
    const record: StoredRecord = { id: String(this.nextId++), values: {}, createdMs: stampMs, updatedMs: stampMs };
    apply(record, values);
    this.table(def).set(record.id, record);
    return record;
  }

  /** Changes values and moves the modification stamp (even when nothing changed, as an API write does). */
  update(record: StoredRecord, values: Record<string, string | null>, stampMs = this.clock.nowMs()): void {
    apply(record, values);
    record.updatedMs = stampMs;
  }

  archive(record: StoredRecord, atMs = this.clock.nowMs()): void {
    record.archivedMs ??= atMs;
  }

  /** A live record (or an archived one, with `archived`). */
  get(def: ObjectDefinition, id: string, archived = false): StoredRecord | undefined {
    const record = this.table(def).get(id);
    if (!record || (record.archivedMs !== undefined) !== archived) return undefined;
    return record;
  }

  /** The live record whose property `name` holds `value` (unique values, upsert keys). */
  findBy(def: ObjectDefinition, name: string, value: string): StoredRecord | undefined {
    if (name === 'hs_object_id') return this.get(def, value);
    const wanted = name === 'email' ? value.toLowerCase() : value;
    for (const record of this.table(def).values()) {
      const held = record.values[name];
      if (record.archivedMs === undefined && held !== undefined && (name === 'email' ? held.toLowerCase() : held) === wanted) return record;
    }
    return undefined;
  }

  /** Live (or archived) records in id order, as list endpoints page them. */
  list(def: ObjectDefinition, archived = false): StoredRecord[] {
    return [...this.table(def).values()].filter((r) => (r.archivedMs !== undefined) === archived).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Every record of the object, archived ones included, gone. */
  truncate(def: ObjectDefinition): void {
    this.table(def).clear();
  }
}

function apply(record: StoredRecord, values: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === null) delete record.values[name];
    else record.values[name] = value;
  }
}
