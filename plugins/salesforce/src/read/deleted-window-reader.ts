import {
  CheckpointExpiredError,
  CrmError,
  InvalidFilterError,
  UnsupportedFilterError,
  toIsoDateTime,
  type ReadRequest,
  type SyncMessage,
} from '@crm-hub/plugin-sdk';
import type { ObjectModel } from '../describe/object-model';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import type { ReadDeps } from './record-reader';

/** Salesforce keeps the delete log for 15 days (less when the recycle bin is emptied early). */
export const DELETE_LOG_DAYS = 15;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * `GET /sobjects/{Object}/deleted/?start=&end=`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
 */
interface DeletedAnswer {
  deletedRecords?: { id: string; deletedDate: string }[];
  earliestDateAvailable?: string;
  latestDateCovered?: string;
}

function horizonError(object: string, from: string, earliest: string, code: string): CheckpointExpiredError {
  return new CheckpointExpiredError(
    `Deletes of ${object} since ${from} cannot be listed: Salesforce keeps deletes only since ${earliest} ` +
      `(${DELETE_LOG_DAYS} days at most). Deletes in the gap are lost; reconcile with a full read.`,
    { code },
  );
}

/**
 * The window widened to whole minutes (getDeleted ignores seconds). What the answer really
 * covers (not past the server's "now") comes back as `latestDateCovered`.
 */
function minuteWindow(fromMs: number, toMs: number): { start: string; end: string } {
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { start: iso(Math.floor(fromMs / MINUTE_MS) * MINUTE_MS), end: iso(Math.ceil(toMs / MINUTE_MS) * MINUTE_MS) };
}

async function fetchDeleted(deps: ReadDeps, object: string, fromMs: number, toMs: number, signal: AbortSignal): Promise<DeletedAnswer> {
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
    return await deps.client.json<DeletedAnswer>({
      kind: 'getDeleted',
      method: 'GET',
      path: deps.client.dataPath(`sobjects/${object}/deleted/`),
      query: minuteWindow(fromMs, toMs),
      signal,
    });
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    // The same code also means "start after end": only a start beyond the log is a lost checkpoint.
    if (err.code === 'INVALID_REPLICATION_DATE' && /days ago|earliest/i.test(err.message)) {
      throw horizonError(object, new Date(fromMs).toISOString(), 'a later date', err.code);
    }
    // More than 600,000 ids in the window: halve it until each half fits.
    if (err.code === 'EXCEEDED_ID_LIMIT' && toMs - fromMs > 2 * MINUTE_MS) {
      const middle = fromMs + Math.floor((toMs - fromMs) / 2);
      const [a, b] = [await fetchDeleted(deps, object, fromMs, middle, signal), await fetchDeleted(deps, object, middle, toMs, signal)];
      return { deletedRecords: [...(a.deletedRecords ?? []), ...(b.deletedRecords ?? [])], latestDateCovered: b.latestDateCovered ?? a.latestDateCovered };
    }
    throw err;
  }
}

/**
 * Deletes within a date window (`deletes: 'only'` + `window`), from Salesforce's delete log
 * (getDeleted): one page of a `delete` message per record deleted in `[from, to]`, then a
 * checkpoint with `deletedThrough` (where the next window starts). Resumable per window: a
 * window is one call, so a read broken off is simply read again. A window starting before the
 * log's horizon (15 days behind the server's clock, or `earliestDateAvailable` when the recycle
 * bin was emptied sooner) is an explicit `CheckpointExpiredError`, never a silently short answer. A window
 * reaching into the present is answered up to what Salesforce covers (`latestDateCovered`), which
 * becomes `deletedThrough`; deletes listed after it are left to the next window (starting at
 * `deletedThrough`), so chained windows emit each delete once. Filters cannot apply (the log
 * holds ids only).
 *
 * @example
 * ```ts
 * readDeletedWindow(deps, model, { object: 'Contact', fields: [], deletes: 'only', window: { from, to } }, signal);
 * ```
 */
export async function* readDeletedWindow(deps: ReadDeps, model: ObjectModel, req: ReadRequest, signal: AbortSignal): AsyncGenerator<SyncMessage[]> {
  const window = req.window as { from: string; to: string };
  if (req.filter) throw new UnsupportedFilterError('Filters cannot apply to deletes read by date window (getDeleted lists ids only)', { node: req.filter });
  let fromMs: number;
  let toMs: number;
  try {
    fromMs = Date.parse(toIsoDateTime(window.from));
    toMs = Date.parse(toIsoDateTime(window.to));
  } catch (err) {
    throw new InvalidFilterError(`window.from and window.to must be ISO datetimes: ${(err as Error).message}`, {
      problems: [{ path: 'window', message: (err as Error).message }],
    });
  }
  if (!(fromMs < toMs)) throw new InvalidFilterError('window.from must be before window.to', { problems: [{ path: 'window', message: 'empty window' }] });
  const now = deps.clock.now();
  const horizon = now - DELETE_LOG_DAYS * DAY_MS;
  if (fromMs < horizon) throw horizonError(model.name, window.from, new Date(horizon).toISOString(), 'DELETE_LOG_HORIZON');

  const answer = await fetchDeleted(deps, model.name, fromMs, toMs, signal);
  if (answer.earliestDateAvailable && Date.parse(answer.earliestDateAvailable) > fromMs) {
    throw horizonError(model.name, window.from, toIsoDateTime(answer.earliestDateAvailable), 'DELETE_LOG_HORIZON');
  }
  // Salesforce vouches for the log up to latestDateCovered (its "now" for a window reaching into
  // the present): deletes listed after it come again in the next window, which starts there.
  const covered = answer.latestDateCovered ? Math.min(Date.parse(toIsoDateTime(answer.latestDateCovered)), toMs) : toMs;
  const within = (at: number): boolean => at >= fromMs && (covered < toMs ? at < covered : at <= toMs);
  const page: SyncMessage[] = [];
  for (const record of answer.deletedRecords ?? []) {
    const deletedAt = toIsoDateTime(record.deletedDate);
    if (within(Date.parse(deletedAt))) page.push({ kind: 'delete', object: model.name, id: record.id, deletedAt });
  }
  // The rest of the read state (watermark, a Bulk position) is carried on untouched.
  const previous = decodeCheckpoint(req.checkpoint, model.cursorField);
  const checkpoint = encodeCheckpoint({ ...(previous ?? { cursorField: model.cursorField }), deletedThrough: new Date(covered).toISOString() });
  yield [...page, { kind: 'checkpoint', object: model.name, checkpoint }];
}
