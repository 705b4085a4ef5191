import type { Checkpoint, ReadRequest, SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { Observable } from 'rxjs';
import { toCanonical } from './memory-catalog';
import { MEMORY_SCHEMA, type MemoryCrm, type MemoryFieldSchema, type MemoryRow } from './memory-crm';

/** How a read of the memory plugin behaves: correct, or with one of the read flaws of the broken variants. */
export type ReadMode = {
  /** Resume with `>=` or `>` on modifiedAt alone instead of the strict (modifiedAt, id) tuple. */
  resume: 'tuple' | 'ge' | 'gt';
  /** Currency values as JS numbers. */
  floatDecimals: boolean;
  /** Fill fields a partial row lacks with null (and drop the partial flag). */
  nullsForAbsent: boolean;
};

/** What a read needs from its connector: the CRM and a metered, authenticated request. */
export interface PageSource {
  crm: MemoryCrm;
  request<T>(kind: string, send: (token: string) => Promise<T>): Promise<T>;
  mode: ReadMode;
}

const MAX_PAGE = 2000;

type Watermark = { modifiedAt: string; id: string };

/** The strict (modifiedAt, id) tuple comparison a correct resume needs, or a flawed one. */
function after(mark: Watermark, mode: ReadMode['resume']): (row: MemoryRow) => boolean {
  if (mode === 'ge') return (row) => row.modifiedAt >= mark.modifiedAt;
  if (mode === 'gt') return (row) => row.modifiedAt > mark.modifiedAt;
  return (row) => row.modifiedAt > mark.modifiedAt || (row.modifiedAt === mark.modifiedAt && row.id > mark.id);
}

function toWatermark(checkpoint: Checkpoint): Watermark {
  const { modifiedAt, id } = checkpoint;
  if (typeof modifiedAt !== 'string' || typeof id !== 'string') throw new TypeError('not a checkpoint of the memory plugin');
  return { modifiedAt, id };
}

/**
 * The upsert of a row. A full read carries every requested field; an incremental read of an
 * updated row carries only the fields the CRM reports changed (with the id, the stamp and any
 * address built on a changed component), and says `partial: true` when that is not all of them.
 */
function upsertOf(row: MemoryRow, schema: MemoryFieldSchema[], req: ReadRequest, object: string, mode: ReadMode): UpsertMessage {
  const full = toCanonical(row, schema, req.fields, mode.floatDecimals);
  const base = { kind: 'upsert' as const, object, id: row.id, modifiedAt: row.modifiedAt };
  if (!req.checkpoint || !row.changed) return { ...base, data: full };
  const sent = new Set([...row.changed, 'Id', 'SystemModstamp']);
  const isSent = (name: string): boolean =>
    sent.has(name) || (schema.find((f) => f.name === name)?.components ?? []).some((c) => sent.has(c));
  const data = Object.fromEntries(Object.entries(full).filter(([name]) => isSent(name)));
  if (mode.nullsForAbsent) return { ...base, data: { ...Object.fromEntries(Object.keys(full).map((n) => [n, null])), ...data } };
  return Object.keys(data).length < Object.keys(full).length ? { ...base, data, partial: true } : { ...base, data };
}

/**
 * The pages of a read, one CRM request each, as arrays of messages ending with a checkpoint
 * (`pacedStream` pulls them on demand). With `skipIdle`, pages without records are left out (what
 * a change poll wants). Stops between pages once `signal` aborts.
 */
export async function* readPages(
  source: PageSource,
  req: ReadRequest,
  signal: AbortSignal,
  options: { skipIdle?: boolean } = {},
): AsyncGenerator<SyncMessage[]> {
  const schema = MEMORY_SCHEMA[req.object] ?? [];
  const pageSize = Math.min(req.pageSize ?? MAX_PAGE, MAX_PAGE);
  const deletes = req.checkpoint ? (req.deletes ?? 'include') : 'exclude'; // a full read has nothing to delete
  let mark = req.checkpoint ? toWatermark(req.checkpoint) : undefined;
  let mode = source.mode.resume;
  for (let page = 0; !signal.aborted; page++) {
    const where = mark ? after(mark, mode) : () => true;
    mode = 'tuple'; // the flaws are in resuming from a checkpoint; paging within one read stays correct
    const rows = await source.request('query', (token) => source.crm.query(token, req.object, where, pageSize));
    const messages: SyncMessage[] = [];
    for (const row of rows) {
      if (row.deleted && deletes !== 'exclude')
        messages.push({ kind: 'delete', object: req.object, id: row.id, deletedAt: row.modifiedAt });
      if (!row.deleted && deletes !== 'only') messages.push(upsertOf(row, schema, req, req.object, source.mode));
    }
    const last = rows[rows.length - 1];
    if (last) mark = { modifiedAt: last.modifiedAt, id: last.id };
    // A checkpoint after every page; an idle resume repeats the one it was given.
    if (mark && (last || page === 0)) messages.push({ kind: 'checkpoint', object: req.object, checkpoint: { ...mark } });
    if (messages.length && !(options.skipIdle && rows.length === 0)) yield messages;
    if (rows.length < pageSize) return;
  }
}

/**
 * The flawed way: a plain Observable that pushes every page as soon as the CRM answers, whatever
 * its consumer's pace (what the `unpaced-read` variant returns).
 */
export function unpaced<T>(produce: (signal: AbortSignal) => AsyncIterable<T[]>): Observable<T> {
  return new Observable<T>((out) => {
    const controller = new AbortController();
    void (async () => {
      for await (const page of produce(controller.signal)) {
        for (const msg of page) {
          if (out.closed) return;
          out.next(msg);
        }
      }
      out.complete();
    })().catch((err: unknown) => out.error(err));
    return () => controller.abort();
  });
}
