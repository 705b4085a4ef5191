import {
  afterWatermark,
  notAfter,
  upperBound,
  WatermarkTracker,
  type FilterExpr,
  type Produced,
  type SyncMessage,
  type UpsertMessage,
  type Watermark,
} from '@crm-hub/plugin-sdk';
import { queryOptions, type ODataPage } from '../http/odata-query-client';
import { MODIFIED_ON, type TableInfo } from '../metadata/table-info';
import { buildFilter } from '../odata/filter-builder';
import { coversFields, toCheckpoint, type WatermarkCheckpoint } from './checkpoint';
import { callOptions, leadingParts, nextPageOf, PendingStatuses, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads a table without change tracking (or with a filter) by a `(modifiedon, id)` watermark.
 *
 * One query ordered by `modifiedon asc, <id> asc`, filtered to rows strictly after the
 * checkpoint's tuple — `modifiedon gt T or (modifiedon eq T and <id> gt ID)` — so many rows
 * sharing one `modifiedon` across a page boundary are neither repeated nor skipped; pages are
 * followed through `@odata.nextLink` as given, one page ahead of the consumer (`NextPage`), and a checkpoint
 * (the last row's tuple, followed by the SDK's ordered `WatermarkTracker`: SQL Server orders GUIDs
 * otherwise than strings, so positions are never compared locally) ends every page. The slice
 * stops at the server's clock (the `Date` header, `ServerClock`) minus `safetyLagMs`
 * (`modifiedon le upper`): a row whose transaction commits late, with an older stamp, lands
 * before that bound is passed instead of behind the watermark. Deletes cannot be seen this way;
 * asking for them (`deletes: 'include'` or `'only'` with a checkpoint) yields one
 * `deletes-not-tracked` status. The checkpoint records the field set; resumed with fields it lacks
 * (or from a checkpoint that recorded none), the read says `field-set-changed` and starts from the
 * first row, since the rows behind the watermark would otherwise never get the new fields' values.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 *
 * @example
 * ```ts
 * for await (const page of readWatermark(services, plan, checkpoint, signal)) handle(page);
 * ```
 */
export async function* readWatermark(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: WatermarkCheckpoint | undefined,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const { table } = plan;
  const object = table.logicalName;
  if (checkpoint && plan.deletes !== 'exclude') yield deletesNotTracked(table);
  if (plan.deletes === 'only') {
    yield [{ kind: 'checkpoint', object, checkpoint: toCheckpoint(checkpoint ?? { v: 2, mode: 'watermark', watermark: undefined, fields: plan.fields }) }];
    return;
  }
  // Rows before the watermark were read without the fields this read adds: read them all again.
  const covered = checkpoint?.fields !== undefined && coversFields(checkpoint.fields, plan.fields);
  if (checkpoint && !covered) yield fieldSetChanged(table, checkpoint.fields);
  const start = covered ? checkpoint?.watermark : undefined;
  const fields = covered ? (checkpoint?.fields as string) : plan.fields;
  const statuses = new PendingStatuses();
  const upper = upperBound(services.clock.now(), plan.safetyLagMs);
  const tracker = new WatermarkTracker(start, upper, { ordered: true });
  const filter = [plan.filter, sliceFilter(table, start, upper)].filter(Boolean).join(' and ');
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/order-rows
  let page: ODataPage = await services.odata.query(
    table.entitySetName,
    queryOptions({ select: selectOf(plan), ...(filter ? { filter } : {}), orderby: [`${MODIFIED_ON} asc`, `${table.primaryId} asc`] }),
    callOptions(plan, 'query', statuses, signal),
  );
  const upsertsTracked = (rows: Record<string, unknown>[]): UpsertMessage[] => {
    const upserts: UpsertMessage[] = [];
    for (const row of rows) {
      const upsert = upsertOf(plan, row);
      if (!upsert) continue;
      upserts.push(upsert);
      const modified = row[MODIFIED_ON];
      if (typeof modified === 'string') tracker.advance(modified, upsert.id);
    }
    return upserts;
  };
  for (;;) {
    const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal));
    const upserts = yield* leadingParts(page, upsertsTracked, statuses, following);
    // The position of the page's last row: sent with the page's last part only.
    const position: WatermarkCheckpoint = { v: 2, mode: 'watermark', watermark: tracker.current, fields };
    yield statuses.before([...upserts, { kind: 'checkpoint', object, checkpoint: toCheckpoint(position) }]);
    if (!following) return;
    page = await following.take();
  }
}

/**
 * The position of a table "now", without reading its rows: the last `(modifiedon, id)` at or
 * before the upper bound, from one query ordered backwards with `$top=1` (no `odata.maxpagesize`,
 * which would make Dataverse ignore `$top`). `changes()` starts from it, emitting only later rows.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/order-rows
 *
 * @example
 * ```ts
 * const watermark = await currentWatermark(services, plan, signal);
 * ```
 */
export async function currentWatermark(services: ReadServices, plan: ReadPlan, signal: AbortSignal): Promise<Watermark | undefined> {
  const { table } = plan;
  const upper = upperBound(services.clock.now(), plan.safetyLagMs);
  const filter = [plan.filter, sliceFilter(table, undefined, upper)].filter(Boolean).join(' and ');
  const params = queryOptions({
    select: [table.primaryId, MODIFIED_ON],
    ...(filter ? { filter } : {}),
    orderby: [`${MODIFIED_ON} desc`, `${table.primaryId} desc`],
  });
  params.top(1);
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/order-rows
  const page = await services.odata.query(table.entitySetName, params, { kind: 'query', signal });
  const [row] = page.rows;
  const tracker = new WatermarkTracker(undefined, upper, { ordered: true });
  if (row && typeof row[MODIFIED_ON] === 'string' && typeof row[table.primaryId] === 'string') {
    tracker.advance(row[MODIFIED_ON] as string, row[table.primaryId] as string);
  }
  return tracker.current;
}

/** Rows strictly after the watermark and within the upper bound, as `$filter` text. */
function sliceFilter(table: TableInfo, start: Watermark | undefined, upper: number | undefined): string | undefined {
  const fields = { cursorField: MODIFIED_ON, idField: table.primaryId };
  const parts: FilterExpr[] = [];
  if (start) parts.push(afterWatermark(start, fields));
  if (upper !== undefined) parts.push(notAfter(upper, MODIFIED_ON));
  if (parts.length === 0) return undefined;
  return buildFilter(parts.length === 1 ? (parts[0] as FilterExpr) : { and: parts }, (name) => table.attributes.get(name));
}

function fieldSetChanged(table: TableInfo, recorded: string | undefined): SyncMessage {
  return {
    kind: 'status',
    level: 'info',
    code: 'field-set-changed',
    message: `The checkpoint of '${table.logicalName}' was taken with other fields (${recorded ?? 'not recorded'}); reading the table again from its first row so that every row gets the new ones`,
  };
}

function deletesNotTracked(table: TableInfo): SyncMessage {
  return {
    kind: 'status',
    level: 'info',
    code: 'deletes-not-tracked',
    message: table.changeTracking
      ? `'${table.logicalName}' is read with a filter, which change tracking cannot apply, so deletions cannot be read incrementally; read it without a filter to stream them`
      : `'${table.logicalName}' has no change tracking, so deletions cannot be read incrementally; enable change tracking on the table to stream them`,
  };
}
