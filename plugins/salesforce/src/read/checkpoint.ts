import {
  CheckpointExpiredError,
  decodeWatermark,
  encodeWatermark,
  toIsoDateTime,
  type Checkpoint,
  type Watermark,
} from '@crm-hub/plugin-sdk';

/**
 * Version of the checkpoint layout. 2 = SDK 1.1 watermark keys (`modifiedAt`, `lastId`) plus the
 * Bulk position; version 1 (`modstamp`) checkpoints are refused as expired (a full read follows).
 */
const VERSION = 2;

/**
 * Where a Bulk API 2.0 query job was left: enough to fetch its next result page while
 * Salesforce keeps the job (7 days after it finished). No secret: a job id and a locator are
 * useless without a session of the org.
 *
 * @example
 * ```ts
 * const at: BulkPosition = { jobId: '750…', locator: 'NDAwMA', upper: undefined, seen: undefined, query: '3f1c…' };
 * ```
 */
export interface BulkPosition {
  /** The query job. */
  jobId: string;
  /** `Sforce-Locator` of the next result page. */
  locator: string;
  /** The read's upper bound (epoch ms; undefined: unbounded, `safetyLagMs` 0). A resume keeps it. */
  upper: number | undefined;
  /** The furthest `(cursor, Id)` the Bulk pages read so far reached within the bound (results are unordered). */
  seen: Watermark | undefined;
  /** Fingerprint of the job's SOQL: a resume whose request asks for another query starts a new job. */
  query: string;
}

/**
 * What a read resumes from: the cursor field it ran on and the last `(cursor, Id)` it covered
 * (absent: from the beginning), how far getDeleted windows have been read, and — in the middle
 * of a Bulk phase — the job position (then `watermark` is the phase's lower bound: everything up
 * to it was read before the job started).
 *
 * @example
 * ```ts
 * const state: ReadState = { cursorField: 'SystemModstamp', watermark: { modifiedAt: '2026-03-01T10:00:00.000Z', id: '003A' } };
 * ```
 */
export interface ReadState {
  cursorField: string | undefined;
  watermark?: Watermark;
  /** The end of the last getDeleted window read (ISO). */
  deletedThrough?: string;
  bulk?: BulkPosition;
}

const orNull = (wm: Watermark | undefined) => ({ at: wm?.modifiedAt ?? null, id: wm?.id ?? null });

/**
 * A read state as a flat checkpoint (strings and nulls; no secret ever goes in):
 * `{ v: 2, cursorField, modifiedAt, lastId, deletedThrough? }` (SDK `encodeWatermark` keys), and
 * in the middle of a Bulk phase also `bulkJob`, `bulkLocator`, `bulkUpper`, `bulkSeenAt`,
 * `bulkSeenId`, `bulkQuery`. An object without a cursor field has `cursorField: null`.
 * Checkpoints are per object and per kind of read: one made by a `deletes: 'only'` read covers
 * deleted rows only.
 *
 * @example
 * ```ts
 * encodeCheckpoint({ cursorField: 'SystemModstamp', watermark: { modifiedAt: t, id: '003A' } });
 * // { v: 2, cursorField: 'SystemModstamp', modifiedAt: t, lastId: '003A' }
 * ```
 */
export function encodeCheckpoint(state: ReadState): Checkpoint {
  const watermark = state.cursorField
    ? encodeWatermark(state.cursorField, state.watermark)
    : { cursorField: null, modifiedAt: null, lastId: null };
  const bulk = state.bulk;
  return {
    v: VERSION,
    ...watermark,
    ...(state.deletedThrough ? { deletedThrough: state.deletedThrough } : {}),
    ...(bulk
      ? {
          bulkJob: bulk.jobId,
          bulkLocator: bulk.locator,
          bulkUpper: bulk.upper === undefined ? null : new Date(bulk.upper).toISOString(),
          bulkSeenAt: orNull(bulk.seen).at,
          bulkSeenId: orNull(bulk.seen).id,
          bulkQuery: bulk.query,
        }
      : {}),
  };
}

function expired(why: string): CheckpointExpiredError {
  return new CheckpointExpiredError(`The checkpoint cannot be resumed from: ${why}; a full read is needed`, { code: 'INVALID_CHECKPOINT' });
}

function isoOrUndefined(value: unknown, what: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw expired(`its ${what} is malformed`);
  try {
    return toIsoDateTime(value);
  } catch {
    throw expired(`its ${what} is not a datetime`);
  }
}

function decodeBulk(checkpoint: Checkpoint): BulkPosition | undefined {
  const { bulkJob, bulkLocator, bulkQuery, bulkSeenId } = checkpoint;
  if (bulkJob === undefined || bulkJob === null) return undefined;
  if (typeof bulkJob !== 'string' || typeof bulkLocator !== 'string' || typeof bulkQuery !== 'string') throw expired('its Bulk position is malformed');
  const upper = isoOrUndefined(checkpoint['bulkUpper'], 'Bulk upper bound');
  const seenAt = isoOrUndefined(checkpoint['bulkSeenAt'], 'Bulk position');
  if (seenAt !== undefined && typeof bulkSeenId !== 'string') throw expired('its Bulk position is malformed');
  return {
    jobId: bulkJob,
    locator: bulkLocator,
    upper: upper === undefined ? undefined : Date.parse(upper),
    seen: seenAt === undefined ? undefined : { modifiedAt: seenAt, id: bulkSeenId as string },
    query: bulkQuery,
  };
}

/**
 * Reads a checkpoint made by {@link encodeCheckpoint} (`undefined` for none). One that is not
 * ours (another layout version, version 1 included), was made on another cursor field (the
 * object gained `SystemModstamp`, say) or is malformed is a `CheckpointExpiredError`, so the host
 * falls back to a full read instead of guessing.
 *
 * @example
 * ```ts
 * decodeCheckpoint(checkpoint, 'SystemModstamp')?.watermark; // { modifiedAt: '…', id: '003A' }
 * ```
 */
export function decodeCheckpoint(checkpoint: Checkpoint | undefined, cursorField: string | undefined): ReadState | undefined {
  if (checkpoint === undefined) return undefined;
  if (checkpoint['v'] !== VERSION) throw expired('it was not made by this plugin (or by an incompatible version)');
  const state: ReadState = { cursorField };
  if (cursorField === undefined) {
    if (checkpoint['cursorField'] !== null) throw expired(`it was made on cursor field ${String(checkpoint['cursorField'])}, the object now has none`);
  } else {
    const watermark = decodeWatermark(checkpoint, cursorField);
    if (watermark) state.watermark = watermark;
  }
  const deletedThrough = isoOrUndefined(checkpoint['deletedThrough'], 'deletedThrough');
  if (deletedThrough) state.deletedThrough = deletedThrough;
  const bulk = decodeBulk(checkpoint);
  if (bulk && cursorField === undefined) throw expired('it holds a Bulk position for an object without a cursor field');
  if (bulk) state.bulk = bulk;
  return state;
}
