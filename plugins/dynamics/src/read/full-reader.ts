import type { Produced, SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { queryOptions, type ODataPage } from '../http/odata-query-client';
import { coversFields, filterFingerprint, toCheckpoint, type FullCheckpoint } from './checkpoint';
import { checkpointLink, followResumeLink } from './links';
import { callOptions, leadingParts, nextPageOf, PendingStatuses, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads every row matching the plan's filter, 5,000 (or `pageSize`) rows a page, following
 * `@odata.nextLink` exactly as given: ⌈N / pageSize⌉ requests for N rows, each asked for once the
 * consumer wants more than the first part of the page before (`NextPage`), so it arrives while the
 * consumer takes the rest. Used for tables with neither change tracking nor `modifiedon`.
 *
 * Each page but the last ends with a checkpoint holding the next page's link (its `$skiptoken`
 * paging cookie records the position: keyset paging, stateless on the server), the field set and
 * a fingerprint of the filter: a read resumed from it follows that link and re-reads nothing it
 * covers. A checkpoint made for other fields or another filter is not followed (the read starts
 * over). The last page ends with `{ mode: 'full' }`, from which the next read is a full one again.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
 *
 * @example
 * ```ts
 * for await (const page of readFull(services, plan, undefined, signal)) handle(page);
 * ```
 */
export async function* readFull(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: FullCheckpoint | undefined,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const object = plan.table.logicalName;
  if (plan.deletes === 'only') {
    // Such a table cannot report deletions: nothing to fetch, and the position does not move.
    yield [{ kind: 'checkpoint', object, checkpoint: toCheckpoint(checkpoint ?? { v: 2, mode: 'full' }) }];
    return;
  }
  const statuses = new PendingStatuses();
  const filter = filterFingerprint(plan.filter);
  const resume =
    checkpoint?.nextLink && checkpoint.fields && coversFields(checkpoint.fields, plan.fields) && checkpoint.filter === filter
      ? { nextLink: checkpoint.nextLink, fields: checkpoint.fields }
      : undefined;
  const fields = resume?.fields ?? plan.fields;
  let page: ODataPage = resume
    ? await followResumeLink(services, resume.nextLink, callOptions(plan, 'nextLink', statuses, signal))
    : // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns
      await services.odata.query(
        plan.table.entitySetName,
        queryOptions({ select: selectOf(plan), ...(plan.filter ? { filter: plan.filter } : {}) }),
        callOptions(plan, 'query', statuses, signal),
      );
  for (;;) {
    const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal));
    const upserts = yield* leadingParts(page, (rows) => rows.map((row) => upsertOf(plan, row)).filter((m): m is UpsertMessage => m !== undefined), statuses, following);
    const next: FullCheckpoint = page.nextLink ? { v: 2, mode: 'full', nextLink: checkpointLink(page.nextLink), fields, filter } : { v: 2, mode: 'full' };
    yield statuses.before([...upserts, { kind: 'checkpoint', object, checkpoint: toCheckpoint(next) }]);
    if (!following) return;
    page = await following.take();
  }
}
