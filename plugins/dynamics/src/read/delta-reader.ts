import type { Produced, SyncMessage } from '@crm-hub/plugin-sdk';
import { DataverseRequestError } from '../errors';
import { queryOptions, type ODataPage } from '../http/odata-query-client';
import { coversFields, toCheckpoint, type DeltaCheckpoint, type DeltaInitialCheckpoint } from './checkpoint';
import { checkpointLink, followResumeLink } from './links';
import { callOptions, leadingParts, nextPageOf, PendingStatuses, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads a change-tracked table with `Prefer: odata.track-changes`, a page at a time in parts
 * (`leadingParts`), the next page asked for once the consumer wants more than a page's first part.
 *
 * - **First read** (no checkpoint): every row, page after page through `@odata.nextLink`; each
 *   page but the last ends with a `delta-initial` checkpoint holding the next page's link, so a
 *   failed read resumes where it stopped (the paging cookie also carries the change-tracking
 *   version the read started at: the final `@odata.deltaLink` covers changes made meanwhile).
 * - **Delta** (a `delta` checkpoint): the delta link exactly as stored, giving created/updated
 *   rows — carrying only their changed columns, hence `partial` upserts — and `$deletedEntity`
 *   rows (`delete` messages). Its pages have no resumable position of their own, so its one
 *   checkpoint (the new delta link) comes at the end.
 * - **Another field set**: a delta link keeps the `$select` of the read that made it, so a read
 *   asking for fields it lacks starts a new first read instead of reading them as absent forever;
 *   the old link is then read at the end for its deletions only, so none is lost. Fewer fields
 *   follow the old link (the extra columns are dropped).
 *
 * An expired token (`0x80044352`) or a link Dataverse refuses surfaces as `CheckpointExpiredError`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems
 *
 * @example
 * ```ts
 * for await (const page of readDelta(services, plan, checkpoint, signal)) handle(page);
 * ```
 */
export async function* readDelta(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: DeltaCheckpoint | DeltaInitialCheckpoint | undefined,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const statuses = new PendingStatuses();
  if (checkpoint?.mode === 'delta' && coversFields(checkpoint.fields, plan.fields)) {
    yield* readChanges(services, plan, checkpoint, statuses, signal);
    return;
  }
  if (checkpoint?.mode === 'delta') {
    yield {
      kind: 'status',
      level: 'info',
      code: 'field-set-changed',
      message: `The checkpoint of '${plan.table.logicalName}' tracks other fields (${checkpoint.fields}); reading the table again with change tracking to get the new ones`,
    };
  }
  const resume = checkpoint?.mode === 'delta-initial' && coversFields(checkpoint.fields, plan.fields) ? checkpoint : undefined;
  const deletesFrom = checkpoint?.mode === 'delta' ? checkpoint.deltaLink : checkpoint?.deletesFrom;
  yield* readFirst(services, plan, { resume, deletesFrom }, statuses, signal);
}

async function* readFirst(
  services: ReadServices,
  plan: ReadPlan,
  from: { resume: DeltaInitialCheckpoint | undefined; deletesFrom: string | undefined },
  statuses: PendingStatuses,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const object = plan.table.logicalName;
  const fields = from.resume?.fields ?? plan.fields;
  const deletesFrom = from.deletesFrom ? { deletesFrom: from.deletesFrom } : {};
  let page: ODataPage = from.resume
    ? await followResumeLink(services, from.resume.nextLink, callOptions(plan, 'nextLink', statuses, signal, true))
    : // https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems#retrieve-changes-in-entities-using-web-api
      await services.odata.query(plan.table.entitySetName, queryOptions({ select: selectOf(plan) }), callOptions(plan, 'query', statuses, signal, true));
  for (;;) {
    const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal, true));
    const messages = yield* leadingParts(page, (rows) => pageMessages(plan, rows), statuses, following);
    if (page.nextLink && following) {
      const next: DeltaInitialCheckpoint = { v: 2, mode: 'delta-initial', nextLink: checkpointLink(page.nextLink), fields, ...deletesFrom };
      yield statuses.before([...messages, { kind: 'checkpoint', object, checkpoint: toCheckpoint(next) }]);
      page = await following.take();
      continue;
    }
    const last = { kind: 'checkpoint' as const, object, checkpoint: toCheckpoint(finalCheckpoint(plan, page, fields)) };
    if (!from.deletesFrom || plan.deletes === 'exclude') {
      yield statuses.before([...messages, last]);
      return;
    }
    if (messages.length) yield statuses.before(messages);
    yield* deletionsSince(services, plan, from.deletesFrom, statuses, signal);
    yield statuses.before([last]);
    return;
  }
}

/** Follows a delta link: changed rows (partial) and deletions, then the new delta link. */
async function* readChanges(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: DeltaCheckpoint,
  statuses: PendingStatuses,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const object = plan.table.logicalName;
  // https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems#retrieve-changes-in-entities-using-web-api
  let page = await followResumeLink(services, checkpoint.deltaLink, callOptions(plan, 'delta', statuses, signal, true));
  for (;;) {
    const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal, true));
    const messages = yield* leadingParts(page, (rows) => pageMessages(plan, rows), statuses, following);
    if (following) {
      if (messages.length) yield statuses.before(messages);
      page = await following.take();
      continue;
    }
    const next = finalCheckpoint(plan, page, checkpoint.fields);
    yield statuses.before([...messages, { kind: 'checkpoint', object, checkpoint: toCheckpoint(next) }]);
    return;
  }
}

/** The deletions an older delta link reports (its changed rows are covered by the new first read). */
async function* deletionsSince(
  services: ReadServices,
  plan: ReadPlan,
  deltaLink: string,
  statuses: PendingStatuses,
  signal: AbortSignal,
): AsyncGenerator<Produced<SyncMessage>> {
  const deletesOnly: ReadPlan = { ...plan, deletes: 'only' };
  // https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems#retrieve-changes-in-entities-using-web-api
  let page: ODataPage | undefined = await followResumeLink(services, deltaLink, callOptions(plan, 'delta', statuses, signal, true));
  while (page) {
    const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal, true));
    const deletes = yield* leadingParts(page, (rows) => pageMessages(deletesOnly, rows), statuses, following);
    if (deletes.length) yield statuses.before(deletes);
    page = following ? await following.take() : undefined;
  }
}

function finalCheckpoint(plan: ReadPlan, page: ODataPage, fields: string): DeltaCheckpoint {
  if (!page.deltaLink) {
    throw new DataverseRequestError(
      `Dataverse gave no @odata.deltaLink for '${plan.table.logicalName}': is change tracking enabled on the table, and does the app user have organization-level read on it?`,
    );
  }
  return { v: 2, mode: 'delta', deltaLink: checkpointLink(page.deltaLink), fields };
}

/** The upserts and deletes of one page, as the plan's `deletes` asks. */
function pageMessages(plan: ReadPlan, rows: Record<string, unknown>[]): SyncMessage[] {
  const messages: SyncMessage[] = [];
  for (const row of rows) {
    const deletedId = deletedIdOf(row, plan.table.primaryId);
    if (deletedId !== undefined) {
      if (plan.deletes !== 'exclude') messages.push({ kind: 'delete', object: plan.table.logicalName, id: deletedId });
      continue;
    }
    const upsert = plan.deletes === 'only' ? undefined : upsertOf(plan, row);
    if (upsert) messages.push(upsert);
  }
  return messages;
}

/** The id of a deleted-entity row (`$deletedEntity` context, or OData 4.01 `@removed`), else undefined. */
function deletedIdOf(row: Record<string, unknown>, primaryId: string): string | undefined {
  const context = row['@odata.context'];
  const removed = row['@removed'] !== undefined;
  // A bare {id, reason: 'deleted'} (no context) is how some proxies strip annotations; a live row always has its primary id.
  const bare = row['reason'] === 'deleted' && typeof row['id'] === 'string' && row[primaryId] === undefined;
  if (!(typeof context === 'string' && context.endsWith('$deletedEntity')) && !removed && !bare) return undefined;
  const id = row['id'] ?? row[primaryId] ?? idFromLink(row['@id']);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function idFromLink(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined;
  return /\(([0-9a-f-]{36})\)$/i.exec(link)?.[1];
}
