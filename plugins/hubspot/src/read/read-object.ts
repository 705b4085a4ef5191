import { CrmNotFoundError, upperBound, type Checkpoint, type Produced, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import { describeObject, type DescribedObject } from '../metadata/catalog';
import { ID_PROPERTY } from '../metadata/field-mapping';
import { coversFields, fieldSetOf, parseCheckpoint, toCheckpoint, type HubSpotCheckpoint } from './checkpoint';
import { readDeletes } from './deletes-reader';
import { PendingStatuses, type ReadDeps, type ReadPlan } from './read-plan';
import { readRecords } from './record-reader';
import { toFilterGroups } from './search-filter';

/**
 * One read of an object, as `read()` streams it: the object described (its properties, which
 * also tells HubSpot's clock), then the records after the checkpoint's watermark (see
 * `readRecords`), then — for an incremental read with `deletes` other than `exclude` — the
 * records archived since the checkpoint (see `readDeletes`). A full read does not list archived
 * records: its checkpoint reports archivals from the read's start on. A checkpoint recorded with
 * fewer fields than asked makes the read start over (status `field-set-changed`), since the
 * records behind the watermark would never get the new fields' values.
 *
 * @example
 * ```ts
 * for await (const page of readObject(deps, { object: 'contacts', fields: ['email'] }, signal)) handle(page);
 * ```
 */
export async function* readObject(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
  const described = await describeObject(deps.api, deps.directory, req.object, signal);
  const plan = planOf(deps, described, req, signal);
  const mode = req.deletes ?? 'include';
  const startMs = deps.api.clock.now();
  const lag = deps.config.safetyLagMs;
  let state: HubSpotCheckpoint;
  const fields = fieldSetOf(plan.properties);
  if (req.checkpoint) {
    const saved = parseCheckpoint(req.checkpoint, described.cursorField);
    if (coversFields(saved.fields, fields)) state = saved;
    else {
      yield fieldSetChanged(described, saved.fields);
      state = { watermark: undefined, cursorField: described.cursorField, deletedAt: saved.deletedAt, fields };
    }
  } else {
    // Archivals before this read are not reported: the records they removed are not read either.
    state = { watermark: undefined, cursorField: described.cursorField, deletedAt: new Date(startMs - lag).toISOString(), fields };
    if (mode === 'only') state.deletedAt = null;
  }
  const scanning = state.deletesAfter !== undefined;
  if (!scanning && mode !== 'only') state = yield* readRecords(deps, plan, state);
  if (mode === 'exclude' || (!req.checkpoint && mode !== 'only')) {
    if (scanning) yield [checkpointOf(described, { ...state, deletesAfter: undefined, deletesUntil: undefined, deletesLatest: undefined })];
    return;
  }
  if (mode === 'only' && !scanning) yield [checkpointOf(described, state)];
  yield* readDeletes(deps, plan, state);
}

/**
 * Where `changes()` starts without a checkpoint: "now" on HubSpot's clock (less the safety lag),
 * for records and for archivals alike.
 *
 * @example
 * ```ts
 * const checkpoint = await startPosition(deps, { object: 'contacts', fields: [] }, signal);
 * ```
 */
export async function startPosition(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): Promise<Checkpoint> {
  const described = await describeObject(deps.api, deps.directory, req.object, signal);
  const plan = planOf(deps, described, req, signal);
  const now = new Date(deps.api.clock.now() - deps.config.safetyLagMs).toISOString();
  return toCheckpoint({ watermark: { modifiedAt: now, id: '' }, cursorField: described.cursorField, deletedAt: now, fields: fieldSetOf(plan.properties) });
}

function planOf(deps: ReadDeps, described: DescribedObject, req: ReadRequest, signal: AbortSignal): ReadPlan {
  const unknown = req.fields.filter((f) => !described.fields.has(f));
  if (unknown.length) throw new CrmNotFoundError(`HubSpot object '${described.info.name}' has no properties ${unknown.join(', ')}`, { code: 'PROPERTY_DOESNT_EXIST' });
  return {
    described,
    properties: [...new Set([ID_PROPERTY, described.cursorField, ...req.fields])],
    groups: toFilterGroups(req.filter, described.fields),
    pageSize: Math.max(1, Math.min(req.pageSize ?? deps.config.pageSize, deps.config.pageSize, 200)),
    upperBoundMs: upperBound(deps.api.clock.now(), deps.config.safetyLagMs, 1),
    statuses: new PendingStatuses(),
    signal,
  };
}

function checkpointOf(described: DescribedObject, state: HubSpotCheckpoint): SyncMessage {
  const { deletesAfter, deletesUntil, deletesLatest, ...rest } = state;
  return { kind: 'checkpoint', object: described.info.name, checkpoint: toCheckpoint({ ...rest, ...(deletesAfter ? { deletesAfter } : {}), ...(deletesUntil ? { deletesUntil } : {}), ...(deletesLatest ? { deletesLatest } : {}) }) };
}

function fieldSetChanged(described: DescribedObject, recorded: string): SyncMessage {
  return {
    kind: 'status',
    level: 'info',
    code: 'field-set-changed',
    message: `The checkpoint of '${described.info.name}' was taken with other properties (${recorded}); reading every record again so that each gets the new ones`,
  };
}
