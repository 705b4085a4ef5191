import { queryOptions, type ODataPage } from '../http/odata-query-client';
import { DataverseRequestError } from '../errors';
import type { DeltaCheckpoint } from './checkpoint';
import type { Emit } from './message-stream';
import { callOptions, selectOf, upsertOf, type ReadPlan, type ReadServices } from './read-plan';

/**
 * Reads a change-tracked table with `Prefer: odata.track-changes`.
 *
 * Without a checkpoint it is a full read whose last page carries `@odata.deltaLink`; with one it
 * requests the delta link exactly as stored, getting created/updated rows and
 * `$deletedEntity` rows (emitted as `delete` messages). Pages are followed through
 * `@odata.nextLink` as given. The checkpoint (the new delta link) comes once, at the end: a delta
 * read cannot resume in the middle, and the delta link only exists on the last page. An expired
 * token (`0x80044352`) surfaces as `CheckpointExpiredError` from the Web API client.
 * https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems
 *
 * @example
 * ```ts
 * await readDelta(services, plan, { v: 1, mode: 'delta', deltaLink }, emit, signal);
 * ```
 */
export async function readDelta(
  services: ReadServices,
  plan: ReadPlan,
  checkpoint: DeltaCheckpoint | undefined,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  const object = plan.table.logicalName;
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
  let page: ODataPage = checkpoint
    ? await services.odata.follow(checkpoint.deltaLink, callOptions(plan, 'delta', emit, signal, true))
    : await services.odata.query(
        plan.table.entitySetName,
        queryOptions({ select: selectOf(plan) }),
        callOptions(plan, 'query', emit, signal, true),
      );
  for (;;) {
    for (const row of page.rows) {
      const deletedId = deletedIdOf(row, plan.table.primaryId);
      if (deletedId !== undefined) {
        if (plan.deletes !== 'exclude' && !emit({ kind: 'delete', object, id: deletedId })) return;
        continue;
      }
      const upsert = plan.deletes === 'only' ? undefined : upsertOf(plan, row);
      if (upsert && !emit(upsert)) return;
    }
    if (signal.aborted) return;
    if (page.nextLink) {
      page = await services.odata.follow(page.nextLink, callOptions(plan, 'nextLink', emit, signal, true));
      continue;
    }
    if (!page.deltaLink) {
      throw new DataverseRequestError(
        `Dataverse gave no @odata.deltaLink for '${object}': is change tracking enabled on the table, and does the app user have organization-level read on it?`,
      );
    }
    const next: DeltaCheckpoint = { v: 1, mode: 'delta', deltaLink: page.deltaLink };
    emit({ kind: 'checkpoint', object, checkpoint: { ...next } });
    return;
  }
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
