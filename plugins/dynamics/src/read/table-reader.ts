import {
  assertValidFilter,
  CheckpointExpiredError,
  CrmNotFoundError,
  type FilterOperator,
  type ReadRequest,
} from '@crm-hub/plugin-sdk';
import type { DynamicsConfig } from '../config/dynamics-config';
import { CHANGE_TRACKING_NOT_ENABLED, hasCode } from '../errors';
import type { MetadataClient } from '../metadata/metadata-client';
import { MODIFIED_ON, type AttributeInfo, type TableInfo } from '../metadata/table-info';
import { buildFilter } from '../odata/filter-builder';
import { parseCheckpoint, type DynamicsCheckpoint } from './checkpoint';
import { readDelta } from './delta-reader';
import { readFull } from './full-reader';
import type { Emit } from './message-stream';
import type { ReadPlan, ReadServices } from './read-plan';
import { readWatermark } from './watermark-reader';

/** How a read resumes: by delta link, by `(modifiedon, id)` watermark, or not at all. */
export type ReadMode = DynamicsCheckpoint['mode'];

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
  if (checkpoint?.mode === 'delta' && filtered) {
    throw new CheckpointExpiredError(
      `The checkpoint of '${table.logicalName}' is a change-tracking link, which cannot apply a filter; a full read with the filter is needed`,
    );
  }
  if (checkpoint?.mode === 'delta' || checkpoint?.mode === 'watermark') return checkpoint.mode;
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
 * await readTable({ services, metadata, config, operators }, req, emit, signal);
 * ```
 */
export async function readTable(
  deps: { services: ReadServices; metadata: MetadataClient; config: DynamicsConfig; operators: readonly FilterOperator[] },
  req: ReadRequest,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  let table = await deps.metadata.table(req.object);
  if (signal.aborted) return;
  const checkpoint = req.checkpoint ? parseCheckpoint(req.checkpoint) : undefined;
  if (req.filter !== undefined) assertValidFilter(req.filter, { operators: deps.operators, fields: [...table.attributes.keys()] });
  const filter = req.filter ? buildFilter(req.filter, (field) => table.attributes.get(field)) : undefined;
  const planFor = (t: TableInfo): ReadPlan => ({
    table: t,
    attributes: columnsOf(t, req.fields),
    ...(filter ? { filter } : {}),
    pageSize: Math.min(5000, Math.max(1, req.pageSize ?? deps.config.pageSize)),
    deletes: req.deletes ?? (t.changeTracking ? 'include' : 'exclude'),
    safetyLagMs: deps.config.safetyLagMs,
  });
  let mode = chooseMode(table, filter !== undefined, checkpoint);
  if (mode === 'delta') {
    let emitted = false;
    const tracked: Emit = (message) => {
      emitted ||= message.kind !== 'status';
      return emit(message);
    };
    try {
      return await readDelta(deps.services, planFor(table), checkpoint?.mode === 'delta' ? checkpoint : undefined, tracked, signal);
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
      mode = chooseMode(table, filter !== undefined, undefined);
      const told = emit({
        kind: 'status',
        level: 'warn',
        code: 'change-tracking-refused',
        message: `Dataverse refused change tracking on '${table.logicalName}' (${error.code ?? 'no code'}); reading it by its modifiedon watermark instead, which cannot see deletions`,
      });
      if (!told) return;
    }
  }
  const plan = planFor(table);
  if (mode === 'watermark') {
    return readWatermark(deps.services, plan, checkpoint?.mode === 'watermark' ? checkpoint : undefined, emit, signal);
  }
  return readFull(deps.services, plan, emit, signal);
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
