import { CrmError, toBoolean, toIsoDateTime, type FilterOperator, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import type { SalesforceSettings } from '../config/salesforce-settings';
import type { DescribeService } from '../describe/describe-service';
import type { RestClient } from '../http/rest-client';
import type { ServerClock } from '../http/server-clock';
import { buildSoql } from '../soql/query-builder';
import { afterWatermark, compareWatermarks, notAfter, type Watermark } from '../soql/watermark';
import { bulkQuery } from './bulk-query';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { readDeletedWindow } from './deleted-window-reader';
import { planRead, rowToData, type ReadPlan } from './read-plan';
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

/** One read in progress: its plan, bounds and how far it got. */
interface Cursor {
  plan: ReadPlan;
  /** The safety-lagged "now" (epoch ms, whole seconds), or undefined when the lag is 0. */
  upper: number | undefined;
  watermark: Watermark | undefined;
  deletedThrough: string | undefined;
}

function checkpoint(cursor: Cursor): SyncMessage {
  return {
    kind: 'checkpoint',
    object: cursor.plan.object,
    checkpoint: encodeCheckpoint({
      cursorField: cursor.plan.cursorField,
      ...(cursor.watermark ? { watermark: cursor.watermark } : {}),
      ...(cursor.deletedThrough ? { deletedThrough: cursor.deletedThrough } : {}),
    }),
  };
}

function soqlFor(cursor: Cursor, ordered: boolean): string {
  const { plan, upper, watermark } = cursor;
  const field = plan.cursorField;
  return buildSoql({
    object: plan.object,
    select: plan.select,
    where: [
      plan.filter ?? '',
      plan.deletes === 'only' && plan.endpoint === 'queryAll' ? 'IsDeleted = true' : '',
      field && watermark ? afterWatermark(field, watermark) : '',
      field && upper !== undefined ? notAfter(field, upper) : '',
    ],
    ...(ordered ? { orderBy: field ? [field, 'Id'] : ['Id'] } : {}),
  });
}

/**
 * Turns rows into messages and moves the watermark. Rows come in `(cursor, Id)` order as of when
 * the query ran; a row changed while the read was paging comes back with its new stamp, past
 * the read's upper bound, and must not move the watermark (rows before it in the old order may
 * still be ahead). So the watermark only advances to rows stamped within the bound.
 */
function* toMessages(rows: Record<string, unknown>[], cursor: Cursor, ordered: boolean): Generator<SyncMessage> {
  const { plan } = cursor;
  const bound = cursor.upper ?? Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const id = String(row['Id']);
    const stamp = plan.cursorField ? (toIsoDateTime(String(row[plan.cursorField])) as string) : undefined;
    if (plan.endpoint === 'queryAll' && toBoolean(row['IsDeleted'] as string | boolean)) {
      yield { kind: 'delete', object: plan.object, id, ...(stamp ? { deletedAt: stamp } : {}) };
    } else if (plan.deletes !== 'only') {
      yield { kind: 'upsert', object: plan.object, id, data: rowToData(row, plan), ...(stamp ? { modifiedAt: stamp } : {}) };
    }
    if (stamp === undefined || Date.parse(stamp) > bound) continue;
    const position = { modstamp: stamp, id };
    if (ordered || !cursor.watermark || compareWatermarks(position, cursor.watermark) > 0) cursor.watermark = position;
  }
}

/** After a complete read, everything up to the upper bound is covered: move there. */
function closeAtUpperBound(cursor: Cursor): void {
  if (cursor.upper === undefined || !cursor.plan.cursorField) return;
  const bound = { modstamp: new Date(cursor.upper).toISOString(), id: '' };
  if (!cursor.watermark || compareWatermarks(bound, cursor.watermark) > 0) cursor.watermark = bound;
}

/** The rest of a full read through a Bulk API 2.0 query job (unordered: one checkpoint at the end). */
async function* readRestInBulk(deps: ReadDeps, cursor: Cursor, signal: AbortSignal): AsyncGenerator<SyncMessage> {
  const operation = cursor.plan.endpoint === 'queryAll' ? 'queryAll' : 'query';
  for await (const rows of bulkQuery(deps.client, operation, soqlFor(cursor, false), cursor.plan.bulkPageSize, signal)) {
    yield* toMessages(rows, cursor, false);
  }
}

/**
 * Reads one object as messages: upserts (and deletes), with a checkpoint after every page.
 *
 * - Incremental reads resume after the checkpoint's `(SystemModstamp, Id)` watermark with
 *   `(C > t OR (C = t AND Id > id)) ORDER BY C, Id`, through `queryAll` so soft deletes come
 *   inline; pages follow `nextRecordsUrl` with `Sforce-Query-Options: batchSize`.
 * - Every read stops `safetyLagMs` behind the server's clock (`C <= now - lag`, "now" from the
 *   `Date` header), so rows of transactions still committing are read next time, not skipped.
 * - Deletes come inline unless `deletes: 'exclude'` (the SDK's default is `include`, full reads
 *   too): soft-deleted rows read through `queryAll` become `delete` messages.
 * - A full read whose first page reports `totalSize >= bulkReadThreshold` reads the rest with
 *   one Bulk API 2.0 query job (same records, same final checkpoint), whose result pages are
 *   fetched one by one (`maxRecords`, `locator`; see `bulkQuery`). The count comes free with
 *   that first page, where a `SELECT COUNT()` would cost a query call of its own.
 * - `pageSize` is a hint: clamped to 200–2,000 for REST pages, to 200–50,000 for Bulk pages.
 * - Objects without a cursor field are read in full (ORDER BY Id) and checkpoint at the end.
 * - `deletes: 'only'` with a `window` reads getDeleted instead (see `readDeletedWindow`).
 *
 * @example
 * ```ts
 * for await (const msg of readRecords(deps, { object: 'Contact', fields: ['LastName'], checkpoint }, signal)) emit(msg);
 * ```
 */
export async function* readRecords(deps: ReadDeps, req: ReadRequest, signal: AbortSignal): AsyncGenerator<SyncMessage> {
  const model = await deps.describes.model(req.object, signal);
  if (req.deletes === 'only' && req.window) {
    yield* readDeletedWindow(deps, model, req, signal);
    return;
  }
  const plan = planRead(model, req, deps.operators);
  const state = plan.cursorField ? decodeCheckpoint(req.checkpoint, plan.cursorField) : undefined;
  const lag = deps.settings.safetyLagMs;
  const cursor: Cursor = {
    plan,
    upper: plan.cursorField && lag > 0 ? Math.floor((deps.clock.now() - lag) / 1000) * 1000 : undefined,
    watermark: state?.watermark,
    deletedThrough: state?.deletedThrough,
  };
  const incremental = plan.cursorField !== undefined;
  let page: QueryPage = await queryFirstPage(deps.client, plan.endpoint, soqlFor(cursor, true), plan.pageSize, signal);
  for (let first = true; ; first = false) {
    yield* toMessages(page.records, cursor, true);
    if (page.done || !page.nextRecordsUrl) break; // the last page's checkpoint is the final one below
    if (incremental) yield checkpoint(cursor);
    if (first && !req.checkpoint && incremental && page.totalSize >= deps.settings.bulkReadThreshold) {
      yield* readRestInBulk(deps, cursor, signal);
      break;
    }
    page = await nextPage(deps, cursor, page.nextRecordsUrl, signal);
  }
  closeAtUpperBound(cursor);
  yield checkpoint(cursor);
}

/** The next page; an expired cursor (`INVALID_QUERY_LOCATOR`) is reopened from the watermark. */
async function nextPage(deps: ReadDeps, cursor: Cursor, url: string, signal: AbortSignal): Promise<QueryPage> {
  try {
    return await queryNextPage(deps.client, url, cursor.plan.pageSize, signal);
  } catch (err) {
    if (!(err instanceof CrmError) || err.code !== 'INVALID_QUERY_LOCATOR' || !cursor.plan.cursorField) throw err;
    return queryFirstPage(deps.client, cursor.plan.endpoint, soqlFor(cursor, true), cursor.plan.pageSize, signal);
  }
}
