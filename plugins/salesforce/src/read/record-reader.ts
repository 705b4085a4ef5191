import {
  CrmError,
  WatermarkTracker,
  upperBound,
  type FilterOperator,
  type Produced,
  type ReadRequest,
  type ServerClock,
  type SyncMessage,
} from '@crm-hub/plugin-sdk';
import type { SalesforceSettings } from '../config/salesforce-settings';
import type { DescribeService } from '../describe/describe-service';
import type { RestClient } from '../http/rest-client';
import { ReferenceNamer } from '../values/reference-names';
import { readBulkPhase } from './bulk-phase';
import { decodeCheckpoint } from './checkpoint';
import { readDeletedWindow } from './deleted-window-reader';
import { checkpointMessage, readSoql, toMessages, type ReadContext } from './read-context';
import { planRead, type ReadPlan } from './read-plan';
import { queryFirstPage, queryNextPage, type QueryPage } from './rest-query';

/**
 * What reads need from the connector.
 *
 * @example
 * ```ts
 * const deps: ReadDeps = { client, describes, clock, settings, operators: manifest.capabilities.filterOperators };
 * ```
 */
export interface ReadDeps {
  client: RestClient;
  describes: DescribeService;
  clock: ServerClock;
  settings: SalesforceSettings;
  operators: readonly FilterOperator[];
}

/** The namer of polymorphic reference values, when the read selects any (one describeGlobal per connector). */
async function referencesFor(deps: ReadDeps, plan: ReadPlan, signal: AbortSignal): Promise<ReferenceNamer | undefined> {
  if (!plan.polymorphic) return undefined;
  return new ReferenceNamer(await deps.describes.keyPrefixes(signal), deps.describes.warnedPrefixes);
}

/**
 * Reads one object as pages of messages — upserts (and deletes), each page ending with a
 * checkpoint — for `pacedStream`, which fetches the next page only when the consumer asks.
 *
 * - Incremental reads resume after the checkpoint's `(SystemModstamp, Id)` watermark with
 *   `(C > t OR (C = t AND Id > id)) ORDER BY C, Id`, through `queryAll` so soft deletes come
 *   inline; pages follow `nextRecordsUrl` with `Sforce-Query-Options: batchSize`.
 * - Every read stops `safetyLagMs` behind the server's clock (`C <= now - lag`, "now" from the
 *   `Date` header), so rows of transactions still committing are read next time, not skipped.
 * - Rows changed while the cursor is paged never move the watermark (see `trustedUntil`), whether
 *   the org pages them with the values the query saw or with their new values and stamps.
 * - Deletes come inline unless `deletes: 'exclude'` (the SDK's default is `include`, full reads
 *   too): soft-deleted rows read through `queryAll` become `delete` messages.
 * - A full read whose first page reports `totalSize >= bulkReadThreshold` reads the rest with
 *   one Bulk API 2.0 query job (same records, same final checkpoint; see `readBulkPhase`), which
 *   checkpoints after every result page and resumes from its job and locator. The count comes
 *   free with that first page, where a `SELECT COUNT()` would cost a query call of its own.
 * - `pageSize` is a hint: clamped to 200–2,000 for REST pages (default 2,000), to 200–50,000 for Bulk pages (default 10,000).
 * - Objects without a cursor field are read in full (ORDER BY Id) and checkpoint at the end.
 * - `deletes: 'only'` with a `window` reads getDeleted instead (see `readDeletedWindow`).
 *
 * @example
 * ```ts
 * for await (const page of readRecords(deps, { object: 'Contact', fields: ['LastName'], checkpoint }, signal)) emit(page);
 * ```
 */
export async function* readRecords(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
  const model = await deps.describes.model(req.object, signal);
  if (req.deletes === 'only' && req.window) {
    yield* readDeletedWindow(deps, model, req, signal);
    return;
  }
  const plan = planRead(model, req, deps.operators);
  const state = decodeCheckpoint(req.checkpoint, plan.cursorField);
  const references = await referencesFor(deps, plan, signal);
  const deletedThrough = state?.deletedThrough;
  if (state?.bulk) {
    // Between two pages of a Bulk phase: finish that phase, on the bound it started with.
    const ctx: ReadContext = { plan, upper: state.bulk.upper, deletedThrough, references };
    yield* readBulkPhase(deps, ctx, { from: state.watermark, resume: state.bulk }, signal);
    return;
  }
  const upper = plan.cursorField ? upperBound(deps.clock.now(), deps.settings.safetyLagMs) : undefined;
  const ctx: ReadContext = { plan, upper, deletedThrough, references };
  const incremental = plan.cursorField !== undefined;
  let page: QueryPage = await queryFirstPage(deps.client, plan.endpoint, readSoql(plan, state?.watermark, upper, true), plan.pageSize, signal);
  const tracker = new WatermarkTracker(state?.watermark, trustedUntil(deps, upper, incremental), { ordered: true });
  for (let first = true; ; first = false) {
    const messages = toMessages(ctx, page.records, tracker);
    if (page.done || !page.nextRecordsUrl) {
      // Only a bound the query had covers what it did not return (without one, the watermark stays on the last row read).
      if (upper !== undefined) tracker.closeAtUpperBound();
      yield [...messages, checkpointMessage(ctx, tracker.current)];
      return;
    }
    // Ordered pages: the watermark after a page covers it exactly. (Without a cursor, nothing can.)
    yield incremental ? [...messages, checkpointMessage(ctx, tracker.current)] : messages;
    if (first && !req.checkpoint && incremental && page.totalSize >= deps.settings.bulkReadThreshold) {
      yield* readBulkPhase(deps, ctx, { from: tracker.current }, signal);
      return;
    }
    page = await nextPage(deps, ctx, tracker, page.nextRecordsUrl, signal);
  }
}

/**
 * The stamp up to which rows are trusted to come in the query's `(C, Id)` order, so that the
 * watermark may move to them. A cursor's rows are fixed when the query runs, but a row changed
 * while the read pages may come back (orgs differ: see the emulator's `queryCursorValues`) with
 * its new values and new stamp, out of that order; moving the watermark to it would skip the
 * rows still ahead of it. With a safety lag the query's upper bound is the limit (a change made
 * during the read is stamped past it). Without one, the server's clock just after the first page
 * answered (its `Date`, to the second): every row the query matched was stamped no later, so a
 * later stamp is a change made while paging (one made within that same second cannot be told).
 */
function trustedUntil(deps: ReadDeps, upper: number | undefined, incremental: boolean): number | undefined {
  if (upper !== undefined || !incremental) return upper;
  return Math.floor(deps.clock.now() / 1_000) * 1_000;
}

/** The next page; an expired cursor (`INVALID_QUERY_LOCATOR`) is reopened from the watermark. */
async function nextPage(deps: ReadDeps, ctx: ReadContext, tracker: WatermarkTracker, url: string, signal: AbortSignal): Promise<QueryPage> {
  const { plan } = ctx;
  try {
    return await queryNextPage(deps.client, url, plan.pageSize, signal);
  } catch (err) {
    if (!(err instanceof CrmError) || err.code !== 'INVALID_QUERY_LOCATOR' || !plan.cursorField) throw err;
    return queryFirstPage(deps.client, plan.endpoint, readSoql(plan, tracker.current, ctx.upper, true), plan.pageSize, signal);
  }
}
