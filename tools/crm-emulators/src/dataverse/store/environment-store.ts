import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../../common/clock';
import { duplicateAlternateKey, duplicateRecord, recordNotFound } from '../errors';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { TableDef } from '../metadata/metadata-types';
import { applyComputedColumns, fillAutoNumbers, sameValue } from './computed-columns';
import { applyOwnership, PLATFORM_IDS } from './platform-rows';
import { truncateToSecond, type StoredRow } from './row-types';
import { TableStore, type Tombstone } from './table-store';


function defaultStatus(registry: MetadataRegistry, def: TableDef, state: number): number | undefined {
  const stateAttribute = registry.attribute(def, 'statecode');
  return stateAttribute ? registry.optionSetOf(stateAttribute)?.options.find((o) => o.value === state)?.defaultStatus : undefined;
}

/**
 * The environment's data: a table store per table, the organization-wide row version (SQL rowversion:
 * one counter for all tables, so versions and delta tokens only grow), and change-set transactions
 * (an undo journal, rolled back when an operation of a change set fails).
 */
export class EnvironmentStore {
  private readonly tables = new Map<string, TableStore>();
  private journal: (() => void)[] | undefined;
  /** Auto-number sequences, per `<table>.<column>` (autonumber-fields.md: they start at 1000). */
  private readonly sequences = new Map<string, number>();
  version = 1_000_000;

  constructor(
    readonly registry: MetadataRegistry,
    readonly clock: EmulatorClock,
  ) {}

  table(logicalName: string): TableStore {
    let store = this.tables.get(logicalName);
    if (!store) {
      store = new TableStore(this.registry.table(logicalName));
      this.tables.set(logicalName, store);
    }
    return store;
  }

  nextVersion(): number {
    return ++this.version;
  }

  /** Runs `work` atomically: if it throws, every row change it made is undone. */
  atomically<T>(work: () => T): T {
    if (this.journal) return work();
    const journal: (() => void)[] = [];
    this.journal = journal;
    try {
      return work();
    } catch (error) {
      for (const undo of journal.reverse()) undo();
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  /**
   * Creates a row as `options.userId` (default: the administrator), who owns it unless the values
   * name an owner, and who is its `createdby`.
   */
  create(tableName: string, values: StoredRow, options: { id?: string; createdOn?: number; modifiedOn?: number; userId?: string } = {}): StoredRow {
    const store = this.table(tableName);
    const def = store.def;
    const id = options.id ?? randomUUID();
    if (store.get(id)) throw duplicateRecord();
    const now = truncateToSecond(this.clock.nowMs());
    const state = typeof values['statecode'] === 'number' ? values['statecode'] : 0;
    const row: StoredRow = { statuscode: defaultStatus(this.registry, def, state) ?? null, ...values };
    // Yes/No columns are never empty: an omitted one takes its default (BooleanAttributeMetadata.DefaultValue).
    for (const attribute of def.attributes) {
      if (attribute.kind === 'Boolean' && attribute.validForRead !== false && row[attribute.logicalName] === undefined) row[attribute.logicalName] = attribute.booleanDefault === true;
    }
    row[def.primaryIdAttribute] = id;
    row['statecode'] = state;
    row['createdon'] = options.createdOn ?? options.modifiedOn ?? now;
    row['modifiedon'] = options.modifiedOn ?? now;
    row['versionnumber'] = this.nextVersion();
    fillAutoNumbers(def, row, (key) => this.nextInSequence(key), now);
    applyOwnership(def, row, options.userId ?? PLATFORM_IDS.administratorId, true);
    applyComputedColumns(def, row);
    this.checkKeys(store, row, undefined);
    store.insert(row);
    store.forgetChanges(id);
    this.journal?.push(() => store.remove(row));
    return row;
  }

  /** Updates a row as `options.userId` (default: the administrator), its new `modifiedby`. */
  update(tableName: string, id: string, changes: StoredRow, options: { modifiedOn?: number; userId?: string } = {}): StoredRow {
    const store = this.table(tableName);
    const previous = store.get(id);
    if (!previous) throw recordNotFound(tableName, id);
    const next: StoredRow = { ...previous, ...changes };
    next[store.pk] = id;
    next['createdon'] = previous['createdon'] ?? null;
    next['modifiedon'] = options.modifiedOn ?? truncateToSecond(this.clock.nowMs());
    next['versionnumber'] = this.nextVersion();
    applyOwnership(store.def, next, options.userId ?? PLATFORM_IDS.administratorId, false);
    applyComputedColumns(store.def, next, previous);
    this.checkKeys(store, next, id);
    store.replace(previous, next);
    // Delta answers show only the columns that changed (use-change-tracking-synchronize-data-external-systems.md).
    // modifiedon is set by every update (its stored second may repeat, the platform's stamp does not).
    const changed = Object.keys(next).filter((column) => column === 'modifiedon' || !sameValue(previous[column], next[column]));
    store.noteChange(id, previous['versionnumber'] as number, changed, next['versionnumber'] as number);
    this.journal?.push(() => store.replace(next, previous));
    return next;
  }

  delete(tableName: string, id: string): void {
    const store = this.table(tableName);
    const row = store.get(id);
    if (!row) throw recordNotFound(tableName, id);
    const tombstone: Tombstone = { id, version: this.nextVersion(), deletedOn: truncateToSecond(this.clock.nowMs()) };
    store.remove(row, tombstone);
    this.journal?.push(() => {
      store.dropTombstone(tombstone);
      store.insert(row);
    });
  }

  /** Removes every row and the change history: delta tokens issued before now expire. */
  truncate(tableName: string): void {
    this.table(tableName).clear(this.nextVersion());
  }

  private nextInSequence(key: string): number {
    const value = this.sequences.get(key) ?? 1000;
    this.sequences.set(key, value + 1);
    return value;
  }

  private checkKeys(store: TableStore, row: StoredRow, selfId: string | undefined): void {
    for (const key of store.def.keys) {
      if (store.keyValueOf(key.logicalName, row) === undefined) continue;
      const holder = store.findByKey(key.logicalName, row);
      if (holder !== undefined && holder !== selfId) throw duplicateAlternateKey(key.logicalName, key.attributes.join(','));
    }
  }
}
