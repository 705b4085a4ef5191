import {
  assertValidFilter,
  CheckpointExpiredError,
  CrmNotFoundError,
  type Checkpoint,
  type FilterOperator,
  type Produced,
  type ReadRequest,
  type SyncMessage,
} from '@crm-hub/plugin-sdk';
import type { DynamicsConfig } from '../config/dynamics-config';
import { CHANGE_TRACKING_NOT_ENABLED, hasCode } from '../errors';
import type { MetadataClient } from '../metadata/metadata-client';
import { MODIFIED_ON, type AttributeInfo, type TableInfo } from '../metadata/table-info';
import { buildFilter } from '../odata/filter-builder';
import { fieldSetOf, parseCheckpoint, toCheckpoint, type DynamicsCheckpoint } from './checkpoint';
import { readDelta } from './delta-reader';
import { readFull } from './full-reader';
import type { ReadPlan, ReadServices } from './read-plan';
import { currentWatermark, readWatermark } from './watermark-reader';

/** What a table read needs from the connector. */
export interface ReadDeps {
  services: ReadServices;
  metadata: MetadataClient;
  config: DynamicsConfig;
  operators: readonly FilterOperator[];
}

/** How a table is read: with change tracking, by `(modifiedon, id)` watermark, or in full. */
export type ReadMode = 'delta' | 'watermark' | 'full';

/**
 * The mode of a read: change tracking for change-tracked tables read without a filter (change
 * tracking refuses `$filter`), the watermark for other tables with `modifiedon` (and for
 * filtered reads), a plain full read otherwise. A checkpoint keeps the mode it was made in —
 * a watermark stays valid after an admin enables change tracking — except that a delta link
 * cannot honour a filter: that combination throws {@link CheckpointExpiredError} so the host
 * starts over with a full read.
 *
 * @example
 * ```ts
 * chooseMode(contact, false, undefined); // 'delta'
 * ```
 */
export function chooseMode(table: TableInfo, filtered: boolean, checkpoint: DynamicsCheckpoint | undefined): ReadMode {
  const hasModifiedOn = table.attributes.has(MODIFIED_ON);
  const tracked = checkpoint?.mode === 'delta' || checkpoint?.mode === 'delta-initial';
  if (tracked && filtered) {
    throw new CheckpointExpiredError(
      `The checkpoint of '${table.logicalName}' is a change-tracking link, which cannot apply a filter; a full read with the filter is needed`,
    );
  }
  if (tracked) return 'delta';
  if (checkpoint?.mode === 'watermark') return 'watermark';
  if (table.changeTracking && !filtered) return 'delta';
  return hasModifiedOn ? 'watermark' : 'full';
}

/**
 * Plans and runs one `read()` of one table: loads its definition (cached), checks the fields and
 * the filter (`assertValidFilter` with the plugin's operators and the table's columns), pushes
 * the filter down, and hands over to the delta, watermark or full reader.
 *
 * `deletes` defaults to `include` where the table streams its deletes (change tracking) and to
 * `exclude` where it cannot (`deletes: 'none'` in its catalog entry); asking a watermark read for
 * deletes explicitly yields a `deletes-not-tracked` status.
 *
 * When Dataverse refuses change tracking on a table whose definition claims it
 * (`0x80072491`, ChangeTrackingNotEnabledForEntity), a read without checkpoint falls back to the
 * watermark (with a `change-tracking-refused` status) instead of failing, and the table is read by
 * watermark from then on. A delta checkpoint of such a table cannot be turned into a watermark, so
 * resuming from one throws {@link CheckpointExpiredError} (keeping the code and status): the host
 * then runs a full read, which takes the watermark path, and reconciles deletes.
 *
 * @example
 * ```ts
 * for await (const page of readTable({ services, metadata, config, operators }, req, signal)) handle(page);
 * ```
 */
export async function* readTable(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
  let table = await deps.metadata.table(req.object);
  const checkpoint = req.checkpoint ? parseCheckpoint(req.checkpoint) : undefined;
  const planFor = planner(deps, req, table);
  let mode = chooseMode(table, req.filter !== undefined, checkpoint);
  if (mode === 'delta') {
    let emitted = false;
    try {
      const tracked = checkpoint?.mode === 'delta' || checkpoint?.mode === 'delta-initial' ? checkpoint : undefined;
      for await (const item of readDelta(deps.services, planFor(table), tracked, signal)) {
        emitted ||= (Array.isArray(item) ? item : [item]).some((m: SyncMessage) => m.kind !== 'status');
        yield item;
      }
      return;
    } catch (error) {
      if (!hasCode(error, CHANGE_TRACKING_NOT_ENABLED) || emitted) throw error;
      deps.metadata.changeTrackingRefused(table.logicalName);
      if (checkpoint) {
        throw new CheckpointExpiredError(
          `Dataverse refused change tracking on '${table.logicalName}', so its change-tracking checkpoint cannot be resumed; a full read (by modifiedon watermark) is needed: ${error.message}`,
          { ...(error.code ? { code: error.code } : {}), ...(error.status ? { status: error.status } : {}), cause: error },
        );
      }
      table = await deps.metadata.table(req.object);
      mode = chooseMode(table, req.filter !== undefined, undefined);
      yield {
        kind: 'status',
        level: 'warn',
        code: 'change-tracking-refused',
        message: `Dataverse refused change tracking on '${table.logicalName}' (${error.code ?? 'no code'}); reading it by its modifiedon watermark instead, which cannot see deletions`,
      };
    }
  }
  const plan = planFor(table);
  if (mode === 'watermark') {
    yield* readWatermark(deps.services, plan, checkpoint?.mode === 'watermark' ? checkpoint : undefined, signal);
    return;
  }
  yield* readFull(deps.services, plan, checkpoint?.mode === 'full' ? checkpoint : undefined, signal);
}

/**
 * Where `changes()` starts without a checkpoint: the current position, without emitting rows — the
 * delta link of a tracked read of the requested fields (its rows are dropped), the last
 * `(modifiedon, id)` now (one `$top=1` query), or a full-read checkpoint.
 *
 * @example
 * ```ts
 * const checkpoint = await startPosition(deps, { object: 'contact', fields: ['jobtitle'] }, signal);
 * ```
 */
export async function startPosition(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): Promise<Checkpoint> {
  const table = await deps.metadata.table(req.object);
  const mode = chooseMode(table, req.filter !== undefined, undefined);
  if (mode === 'full') return toCheckpoint({ v: 2, mode: 'full' });
  if (mode === 'watermark') {
    const plan = planner(deps, req, table)(table);
    const watermark = await currentWatermark(deps.services, plan, signal);
    return toCheckpoint({ v: 2, mode: 'watermark', watermark, fields: plan.fields });
  }
  let last: Checkpoint | undefined;
  for await (const item of readTable(deps, { ...req, deletes: 'exclude' }, signal)) {
    for (const m of Array.isArray(item) ? item : [item]) if ((m as SyncMessage).kind === 'checkpoint') last = (m as { checkpoint: Checkpoint }).checkpoint;
  }
  if (!last) throw new CheckpointExpiredError(`Reading '${table.logicalName}' gave no checkpoint to start changes from`);
  return last;
}

/** Checks the fields and the filter of a request once, and makes the plan for a table definition. */
function planner(deps: ReadDeps, req: ReadRequest, table: TableInfo): (t: TableInfo) => ReadPlan {
  if (req.filter !== undefined) assertValidFilter(req.filter, { operators: deps.operators, fields: [...table.attributes.keys()] });
  const filter = req.filter ? buildFilter(req.filter, (field) => table.attributes.get(field)) : undefined;
  return (t) => {
    const attributes = columnsOf(t, req.fields);
    return {
      table: t,
      attributes,
      fields: fieldSetOf(attributes.map((a) => a.logicalName)),
      ...(filter ? { filter } : {}),
      pageSize: Math.min(5000, Math.max(1, req.pageSize ?? deps.config.pageSize)),
      deletes: req.deletes ?? (t.changeTracking ? 'include' : 'exclude'),
      safetyLagMs: deps.config.safetyLagMs,
    };
  };
}

/** The requested columns plus the primary id and `modifiedon`; unknown names → CrmNotFoundError. */
function columnsOf(table: TableInfo, fields: readonly string[]): AttributeInfo[] {
  const names = [table.primaryId, MODIFIED_ON, ...fields];
  const columns = new Map<string, AttributeInfo>();
  for (const name of names) {
    const attribute = table.attributes.get(name);
    if (!attribute) {
      if (name === MODIFIED_ON || name === table.primaryId) continue;
      throw new CrmNotFoundError(`'${table.logicalName}' has no readable column '${name}'`);
    }
    columns.set(name, attribute);
  }
  return [...columns.values()];
}
