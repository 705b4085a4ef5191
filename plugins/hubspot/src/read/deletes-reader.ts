import { toIsoDateTime, type DeleteMessage, type Produced, type SyncMessage } from '@crm-hub/plugin-sdk';
import { ID_PROPERTY } from '../metadata/field-mapping';
import type { HubSpotRecord } from '../metadata/hubspot-types';
import { toCheckpoint, type HubSpotCheckpoint } from './checkpoint';
import type { ReadDeps, ReadPlan } from './read-plan';

/** List pages hold at most 100 records. */
const MAX_LIST_PAGE = 100;

/**
 * Reads deletions: HubSpot keeps deleted ("archived") records for 90 days, listed by
 * `GET /crm/v3/objects/{type}?archived=true` (search never finds them), in id order with an
 * `after` cursor. Every page is scanned and the records archived after the checkpoint's
 * `deletedAt` — and, with the safety lag on, no later than the read's upper bound — are emitted
 * as deletes, each page closed by a checkpoint holding the list cursor (so a resumed read goes on
 * with the next page). At the end `deletedAt` moves to the upper bound, or without one to the
 * latest archival seen.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#retrieving-records
 *
 * @example
 * ```ts
 * yield* readDeletes(deps, plan, state);
 * ```
 */
export async function* readDeletes(deps: ReadDeps, plan: ReadPlan, state: HubSpotCheckpoint): AsyncGenerator<Produced<SyncMessage>> {
  const object = plan.described.info.name;
  const from = state.deletedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(state.deletedAt);
  const until = state.deletesUntil ?? (plan.upperBoundMs !== undefined ? new Date(plan.upperBoundMs).toISOString() : undefined);
  const untilMs = until === undefined ? Number.POSITIVE_INFINITY : Date.parse(until);
  let latest = state.deletesLatest ?? state.deletedAt;
  let after = state.deletesAfter;
  for (;;) {
    // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#retrieving-records
    const { body } = await deps.api.send<{ results: HubSpotRecord[]; paging?: { next?: { after?: string } } }>({
      kind: 'list',
      method: 'GET',
      path: `/crm/v3/objects/${encodeURIComponent(plan.described.info.typeId)}`,
      query: { archived: 'true', limit: String(Math.min(MAX_LIST_PAGE, plan.pageSize)), properties: ID_PROPERTY, after },
      signal: plan.signal,
      onThrottle: plan.statuses.onThrottle,
    });
    const deletes: DeleteMessage[] = [];
    for (const record of body.results) {
      if (!record.archivedAt) continue;
      const archived = Date.parse(record.archivedAt);
      if (!(archived > from && archived <= untilMs)) continue;
      const deletedAt = toIsoDateTime(record.archivedAt);
      deletes.push({ kind: 'delete', object, id: record.id, deletedAt });
      if (latest === null || archived > Date.parse(latest)) latest = deletedAt;
    }
    after = body.paging?.next?.after;
    const base = { watermark: state.watermark, cursorField: state.cursorField, fields: state.fields };
    // Without an upper bound, a resumed scan must not lose the latest archival seen before it stopped.
    const position: HubSpotCheckpoint = after
      ? { ...base, deletedAt: state.deletedAt, ...(until ? { deletesUntil: until } : {}), ...(latest && until === undefined ? { deletesLatest: latest } : {}), deletesAfter: after }
      : { ...base, deletedAt: until ?? latest };
    yield plan.statuses.before([...deletes, { kind: 'checkpoint', object, checkpoint: toCheckpoint(position) }]);
    if (!after) return;
  }
}
