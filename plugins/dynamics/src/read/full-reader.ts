import { queryOptions, type ODataPage } from '../http/odata-query-client';
import type { Emit } from './message-stream';
import { callOptions, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads every row matching the plan's filter, 5,000 (or `pageSize`) rows a page, following
 * `@odata.nextLink` exactly as given: ⌈N / pageSize⌉ requests for N rows. Used for tables with
 * neither change tracking nor `modifiedon`; it ends with a `full` checkpoint, from which the next
 * read is again a full one.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
 *
 * @example
 * ```ts
 * await readFull(services, plan, emit, signal);
 * ```
 */
export async function readFull(services: ReadServices, plan: ReadPlan, emit: Emit, signal: AbortSignal): Promise<void> {
  const object = plan.table.logicalName;
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns
  let page: ODataPage = await services.odata.query(
    plan.table.entitySetName,
    queryOptions({ select: selectOf(plan), ...(plan.filter ? { filter: plan.filter } : {}) }),
    callOptions(plan, 'query', emit, signal),
  );
  for (;;) {
    if (plan.deletes !== 'only') {
      for (const row of page.rows) {
        const upsert = upsertOf(plan, row);
        if (upsert && !emit(upsert)) return;
      }
    }
    if (!page.nextLink) break;
    if (signal.aborted) return;
    page = await services.odata.follow(page.nextLink, callOptions(plan, 'nextLink', emit, signal));
  }
  emit({ kind: 'checkpoint', object, checkpoint: { v: 1, mode: 'full' } });
}
