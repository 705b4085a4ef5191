import { compareWatermarks, type Produced, type SyncMessage, type Watermark } from '@crm-hub/plugin-sdk';
import { ID_PROPERTY } from '../metadata/field-mapping';
import type { HubSpotRecord } from '../metadata/hubspot-types';
import { compareIds, toCheckpoint, type HubSpotCheckpoint } from './checkpoint';
import { modifiedOf, upsertOf, type ReadDeps, type ReadPlan } from './read-plan';
import type { SearchFilter } from './search-filter';

/**
 * Reads the records after a `(modified, id)` watermark through the search endpoint, exactly,
 * one page per pull, a checkpoint after each.
 *
 * HubSpot search sorts by one property only, orders equal values in no documented order, and
 * stops at 10,000 results per query. So no query pages with `after`: each page is a fresh query
 * whose lower bound is the position reached, and two kinds alternate:
 *
 * - forward: `modified > T` (or `>= T` when nothing at `T` was read yet), sorted by the
 *   modification stamp. When the page is full, its records stamped before the last stamp `T'`
 *   are complete (a stamp sort puts every earlier record first): they are emitted in
 *   `(modified, id)` order and the position becomes `(T', nothing read)`. The page's records at
 *   `T'` are not emitted: more may follow on the next page, in any order.
 * - tie: when a whole page shares one stamp `T`, the records at `T` are read by id instead:
 *   `modified = T AND hs_object_id > X`, sorted by `hs_object_id` (numeric, unique), until a
 *   page is not full; then forward from `modified > T`.
 *
 * So 15,000 records sharing one stamp are read by id in pages of 200 (never beyond the cap),
 * and a checkpoint taken anywhere resumes without repeating or skipping. The upper bound (when
 * the safety lag is on) is applied to forward queries; the final position is closed at it.
 * https://developers.hubspot.com/docs/api/crm/search#sorting
 * https://developers.hubspot.com/docs/api/crm/search#limitations
 *
 * @example
 * ```ts
 * const end = yield* readRecords(deps, plan, state);
 * ```
 */
export async function* readRecords(deps: ReadDeps, plan: ReadPlan, state: HubSpotCheckpoint): AsyncGenerator<Produced<SyncMessage>, HubSpotCheckpoint> {
  const cursor = plan.described.cursorField;
  const ms = (iso: string): string => String(Date.parse(iso));
  const at = (watermark: Watermark | undefined): HubSpotCheckpoint => {
    const { deletesUntil: _u, deletesAfter: _a, ...rest } = state;
    return { ...rest, watermark };
  };
  let position = state.watermark;
  let tie = position !== undefined && position.id !== '';
  for (;;) {
    if (tie && position) {
      const bound: SearchFilter[] = [{ propertyName: cursor, operator: 'EQ', value: ms(position.modifiedAt) }];
      if (position.id !== '') bound.push({ propertyName: ID_PROPERTY, operator: 'GT', value: position.id });
      const rows = (await search(deps, plan, bound, ID_PROPERTY)).sort((a, b) => compareIds(a.id, b.id));
      const last = rows[rows.length - 1];
      if (last) position = { modifiedAt: position.modifiedAt, id: last.id };
      tie = rows.length === plan.pageSize;
      yield plan.statuses.before([...rows.map((r) => upsertOf(plan, r)), { kind: 'checkpoint', object: plan.described.info.name, checkpoint: toCheckpoint(at(position)) }]);
      continue;
    }
    const bound: SearchFilter[] = [];
    if (position) bound.push({ propertyName: cursor, operator: position.id === '' ? 'GTE' : 'GT', value: ms(position.modifiedAt) });
    if (plan.upperBoundMs !== undefined) bound.push({ propertyName: cursor, operator: 'LTE', value: String(plan.upperBoundMs) });
    const rows = ordered(plan, await search(deps, plan, bound, cursor));
    const full = rows.length === plan.pageSize;
    const lastStamp = rows.length ? modifiedOf(plan, rows[rows.length - 1] as HubSpotRecord) : undefined;
    const complete = full ? rows.filter((r) => modifiedOf(plan, r) !== lastStamp) : rows;
    for (const r of complete) position = { modifiedAt: modifiedOf(plan, r), id: r.id };
    if (full && lastStamp) {
      position = { modifiedAt: lastStamp, id: '' };
      tie = complete.length === 0;
    } else if (plan.upperBoundMs !== undefined) {
      // A complete read covers everything up to its upper bound (the SDK's closeAtUpperBound).
      const bound = { modifiedAt: new Date(plan.upperBoundMs).toISOString(), id: '' };
      if (!position || compareWatermarks(bound, position, compareIds) > 0) position = bound;
    }
    const page: SyncMessage[] = [...complete.map((r) => upsertOf(plan, r)), { kind: 'checkpoint', object: plan.described.info.name, checkpoint: toCheckpoint(at(position)) }];
    yield plan.statuses.before(page);
    if (!full) return at(position);
  }
}

/** Records in `(modified, id)` order, ids compared as numbers. */
function ordered(plan: ReadPlan, rows: HubSpotRecord[]): HubSpotRecord[] {
  const keyed = rows.map((r) => ({ r, wm: { modifiedAt: modifiedOf(plan, r), id: r.id } }));
  keyed.sort((a, b) => compareWatermarks(a.wm, b.wm, compareIds));
  return keyed.map((k) => k.r);
}

/** One search page: the read's bound filters ANDed into each of the filter's groups, sorted ascending. */
async function search(deps: ReadDeps, plan: ReadPlan, bound: SearchFilter[], sortBy: string): Promise<HubSpotRecord[]> {
  const groups = plan.groups.length ? plan.groups.map((g) => [...g, ...bound]) : bound.length ? [bound] : [];
  // https://developers.hubspot.com/docs/api/crm/search
  const { body } = await deps.api.send<{ results: HubSpotRecord[] }>({
    kind: 'search',
    method: 'POST',
    path: `/crm/v3/objects/${encodeURIComponent(plan.described.info.typeId)}/search`,
    body: {
      filterGroups: groups.map((filters) => ({ filters })),
      sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }],
      properties: plan.properties,
      limit: plan.pageSize,
    },
    idempotent: true,
    search: true,
    signal: plan.signal,
    onThrottle: plan.statuses.onThrottle,
  });
  return body.results;
}
