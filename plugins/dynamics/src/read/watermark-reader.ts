import { toIsoDateTime } from '@crm-hub/plugin-sdk';
import { queryOptions, type ODataPage } from '../http/odata-query-client';
import { MODIFIED_ON } from '../metadata/table-info';
import { dateTimeLiteral, guidLiteral } from '../odata/literals';
import type { WatermarkCheckpoint } from './checkpoint';
import type { Emit } from './message-stream';
import { callOptions, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads a table without change tracking by a `(modifiedon, id)` watermark.
 *
 * One query ordered by `modifiedon asc, <id> asc`, filtered to rows strictly after the
 * checkpoint's tuple — `modifiedon gt T or (modifiedon eq T and <id> gt ID)` — so many rows
 * sharing one `modifiedon` across a page boundary are neither repeated nor skipped; pages are
 * followed through `@odata.nextLink` as given, and a checkpoint (the last row's tuple) follows
 * every page. The slice stops at the server's clock (the `Date` header) minus `safetyLagMs`
 * (`modifiedon le upper`): a row whose transaction commits late, with an older stamp, lands
 * before that bound is passed instead of behind the watermark. Deletes cannot be seen this way;
 * asking for them (`deletes: 'include'` or `'only'` with a checkpoint) yields one
 * `deletes-not-tracked` status.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 *
 * @example
 * ```ts
 * await readWatermark(services, plan, { v: 1, mode: 'watermark', modifiedOn, id }, emit, signal);
 * ```
 */
export async function readWatermark(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: WatermarkCheckpoint | undefined,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  const { table } = plan;
  const object = table.logicalName;
  if (checkpoint && plan.deletes !== 'exclude') {
    const told = emit({
      kind: 'status',
      level: 'info',
      code: 'deletes-not-tracked',
      message: table.changeTracking
        ? `'${object}' is read with a filter, which change tracking cannot apply, so deletions cannot be read incrementally; read it without a filter to stream them`
        : `'${object}' has no change tracking, so deletions cannot be read incrementally; enable change tracking on the table to stream them`,
    });
    if (!told) return;
  }
  if (plan.deletes === 'only') {
    emit({ kind: 'checkpoint', object, checkpoint: { ...(checkpoint ?? empty()) } });
    return;
  }
  const filter = [plan.filter, after(checkpoint, table.primaryId), upperBound(services, plan)].filter(Boolean).join(' and ');
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/order-rows
  let page: ODataPage = await services.odata.query(
    table.entitySetName,
    queryOptions({ select: selectOf(plan), ...(filter ? { filter } : {}), orderby: [`${MODIFIED_ON} asc`, `${table.primaryId} asc`] }),
    callOptions(plan, 'query', emit, signal),
  );
  let last: WatermarkCheckpoint = checkpoint ?? empty();
  for (;;) {
    for (const row of page.rows) {
      const upsert = upsertOf(plan, row);
      if (!upsert) continue;
      if (!emit(upsert)) return;
      const modified = row[MODIFIED_ON];
      if (typeof modified === 'string') last = { v: 1, mode: 'watermark', modifiedOn: toIsoDateTime(modified), id: upsert.id };
    }
    if (!emit({ kind: 'checkpoint', object, checkpoint: { ...last } })) return;
    if (!page.nextLink) return;
    page = await services.odata.follow(page.nextLink, callOptions(plan, 'nextLink', emit, signal));
  }
}

function empty(): WatermarkCheckpoint {
  return { v: 1, mode: 'watermark', modifiedOn: null, id: null };
}

/** Rows strictly after the checkpoint's `(modifiedon, id)`. */
function after(checkpoint: WatermarkCheckpoint | undefined, primaryId: string): string | undefined {
  if (!checkpoint?.modifiedOn) return undefined;
  const t = dateTimeLiteral(checkpoint.modifiedOn);
  if (!checkpoint.id) return `${MODIFIED_ON} gt ${t}`;
  return `(${MODIFIED_ON} gt ${t} or (${MODIFIED_ON} eq ${t} and ${primaryId} gt ${guidLiteral(checkpoint.id)}))`;
}

/** `modifiedon le <server now − lag>`; none when the lag is 0 (the caller accepts the risk). */
function upperBound(services: ReadServices, plan: ReadPlan): string | undefined {
  if (plan.safetyLagMs <= 0) return undefined;
  return `${MODIFIED_ON} le ${dateTimeLiteral(new Date(services.clock.now() - plan.safetyLagMs).toISOString())}`;
}
