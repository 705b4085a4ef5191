import { CheckpointExpiredError } from '../errors';
import type { FilterExpr } from '../filters';
import type { Checkpoint } from '../messages';
import { toIsoDateTime } from '../values';

/**
 * A position in `(modification stamp, id)` order: everything at or before it has been read.
 * The pair, not the stamp alone, is what lets a read stop and resume inside a run of records
 * sharing one stamp, neither repeating them (`>=` alone) nor skipping them (`>` alone).
 *
 * @example
 * ```ts
 * const wm: Watermark = { modifiedAt: '2026-03-01T10:00:00.000Z', id: '003000000000123AAA' };
 * ```
 */
export interface Watermark {
  /** Canonical ISO datetime of the cursor field. */
  modifiedAt: string;
  /** The last id read at that stamp; `''` when none yet (the whole stamp is still ahead). */
  id: string;
}

/**
 * How ids are ordered: the CRM's own order, which the local comparison must match. The default
 * compares strings code unit by code unit (Salesforce ids); a CRM with another order (SQL Server
 * sorts GUIDs by byte groups) passes its own.
 *
 * @example
 * ```ts
 * const byNumber: IdOrder = (a, b) => Number(a) - Number(b);
 * ```
 */
export type IdOrder = (a: string, b: string) => number;

const stringOrder: IdOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders watermarks as an `ORDER BY cursor, id` query does: negative when `a` comes first.
 *
 * @example
 * ```ts
 * compareWatermarks({ modifiedAt: t, id: '003A' }, { modifiedAt: t, id: '003B' }); // < 0
 * ```
 */
export function compareWatermarks(a: Watermark, b: Watermark, idOrder: IdOrder = stringOrder): number {
  const byTime = Date.parse(a.modifiedAt) - Date.parse(b.modifiedAt);
  if (byTime !== 0) return byTime;
  return idOrder(a.id, b.id);
}

/**
 * The names of the fields a watermark is read on.
 *
 * @example
 * ```ts
 * const fields: WatermarkFields = { cursorField: 'SystemModstamp', idField: 'Id' };
 * ```
 */
export interface WatermarkFields {
  cursorField: string;
  idField: string;
}

/**
 * "Strictly after the watermark" as a canonical filter, for the plugin's own filter translator:
 * `cursor > t OR (cursor = t AND id > lastId)`, or `cursor >= t` when the watermark has no id yet.
 * https://github.com/airbytehq/airbyte/blob/master/airbyte-integrations/connectors/source-salesforce/source_salesforce/streams.py
 *
 * @example
 * ```ts
 * afterWatermark({ modifiedAt: t, id: '003A' }, { cursorField: 'SystemModstamp', idField: 'Id' });
 * // { or: [ { field: 'SystemModstamp', op: 'gt', value: t },
 * //         { and: [ { field: 'SystemModstamp', op: 'eq', value: t }, { field: 'Id', op: 'gt', value: '003A' } ] } ] }
 * ```
 */
export function afterWatermark(wm: Watermark, fields: WatermarkFields): FilterExpr {
  const { cursorField, idField } = fields;
  if (wm.id === '') return { field: cursorField, op: 'ge', value: wm.modifiedAt };
  return {
    or: [
      { field: cursorField, op: 'gt', value: wm.modifiedAt },
      { and: [{ field: cursorField, op: 'eq', value: wm.modifiedAt }, { field: idField, op: 'gt', value: wm.id }] },
    ],
  };
}

/**
 * "No later than the read's upper bound" as a canonical filter: `cursor <= upper`.
 *
 * @example
 * ```ts
 * notAfter(Date.parse('2026-03-01T10:00:00Z'), 'SystemModstamp');
 * // { field: 'SystemModstamp', op: 'le', value: '2026-03-01T10:00:00.000Z' }
 * ```
 */
export function notAfter(upperBoundMs: number, cursorField: string): FilterExpr {
  return { field: cursorField, op: 'le', value: new Date(upperBoundMs).toISOString() };
}

/**
 * The upper bound of a read: the CRM's "now" (see `ServerClock`) minus a safety lag, truncated
 * to the CRM's stamp resolution; `undefined` when the lag is 0 (no bound). Rows of transactions
 * still committing get stamps before "now" but become visible later: stopping a lag behind lets
 * the next read find them instead of leaving them behind the watermark.
 *
 * @example
 * ```ts
 * const upper = upperBound(clock.now(), settings.safetyLagMs); // e.g. 10:04:58.000 for now 10:05:00.400, lag 2 s
 * ```
 */
export function upperBound(serverNowMs: number, safetyLagMs: number, resolutionMs = 1_000): number | undefined {
  if (!(safetyLagMs > 0)) return undefined;
  return Math.floor((serverNowMs - safetyLagMs) / resolutionMs) * resolutionMs;
}

/**
 * Moves a watermark along the rows of a read, by the rules that keep it exact:
 *
 * - only rows stamped within the read's upper bound move it: a row changed while the read was
 *   paging comes back with a new stamp past the bound, and rows before it in the old order may
 *   still be ahead;
 * - an ordered read (`ORDER BY cursor, id`) moves it to each row; an unordered one (a bulk
 *   export) only forward, to the greatest position seen;
 * - a read that completed covers everything up to its upper bound: {@link WatermarkTracker.closeAtUpperBound}.
 *
 * @example
 * ```ts
 * const tracker = new WatermarkTracker(state?.watermark, upper, { ordered: true });
 * for (const row of page) tracker.advance(row.SystemModstamp, row.Id);
 * yield checkpointOf(tracker.current);
 * ```
 */
export class WatermarkTracker {
  private position: Watermark | undefined;
  private readonly ordered: boolean;
  private readonly idOrder: IdOrder;

  constructor(
    start: Watermark | undefined,
    private readonly upperBoundMs: number | undefined,
    options: { ordered: boolean; idOrder?: IdOrder },
  ) {
    this.position = start;
    this.ordered = options.ordered;
    this.idOrder = options.idOrder ?? stringOrder;
  }

  /** The watermark so far (undefined: nothing read yet, from the beginning). */
  get current(): Watermark | undefined {
    return this.position;
  }

  /** Takes one row into account; `modifiedAt` is any datetime the CRM sent. */
  advance(modifiedAt: string, id: string): void {
    const at = toIsoDateTime(modifiedAt);
    if (this.upperBoundMs !== undefined && Date.parse(at) > this.upperBoundMs) return;
    const next = { modifiedAt: at, id };
    if (this.ordered || !this.position || compareWatermarks(next, this.position, this.idOrder) > 0) this.position = next;
  }

  /**
   * After a complete read: the watermark moves to the upper bound (no-op without a bound). It is
   * written `(upper, '')`, which the next read takes as "stamped at or after `upper`": rows stamped
   * exactly at the bound are read once more — harmless for idempotent upserts, and a safety margin
   * for a second that was still open when the read ran.
   */
  closeAtUpperBound(): void {
    if (this.upperBoundMs === undefined) return;
    const bound = { modifiedAt: new Date(this.upperBoundMs).toISOString(), id: '' };
    if (!this.position || compareWatermarks(bound, this.position, this.idOrder) > 0) this.position = bound;
  }
}

/**
 * A watermark as flat checkpoint entries: `{ cursorField, modifiedAt, lastId }` (the last two
 * null before the first row). Plugins add their own entries (a version, a mode…) beside them.
 *
 * @example
 * ```ts
 * const checkpoint: Checkpoint = { v: 2, ...encodeWatermark('SystemModstamp', tracker.current) };
 * ```
 */
export function encodeWatermark(cursorField: string, wm: Watermark | undefined): Checkpoint {
  return { cursorField, modifiedAt: wm?.modifiedAt ?? null, lastId: wm?.id ?? null };
}

/**
 * Reads the entries written by {@link encodeWatermark}. A checkpoint made on another cursor field
 * (the object gained `SystemModstamp`, say) or malformed is a `CheckpointExpiredError`: the host
 * then runs a full read instead of guessing.
 *
 * @example
 * ```ts
 * const wm = decodeWatermark(req.checkpoint, 'SystemModstamp'); // { modifiedAt, id } or undefined
 * ```
 */
export function decodeWatermark(checkpoint: Checkpoint, cursorField: string): Watermark | undefined {
  const expired = (why: string): CheckpointExpiredError =>
    new CheckpointExpiredError(`The checkpoint cannot be resumed from: ${why}; a full read is needed`, { code: 'INVALID_CHECKPOINT' });
  if (checkpoint['cursorField'] !== cursorField) {
    throw expired(`it was made on cursor field ${String(checkpoint['cursorField'])}, the object now reads on ${cursorField}`);
  }
  const { modifiedAt, lastId } = checkpoint;
  if (modifiedAt === null || modifiedAt === undefined) return undefined;
  if (typeof modifiedAt !== 'string' || typeof lastId !== 'string') throw expired('its watermark is malformed');
  try {
    return { modifiedAt: toIsoDateTime(modifiedAt), id: lastId };
  } catch {
    throw expired('its watermark stamp is not a datetime');
  }
}
