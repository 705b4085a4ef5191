import {
  CrmAuthError,
  CrmNotFoundError,
  CrmTransientError,
  InsecureUrlError,
  type CheckResult,
  type Checkpoint,
  type ChangeRequest,
  type ConnectorContext,
  type CrmCatalog,
  type CrmConnector,
  type DiscoverOptions,
  type ReadRequest,
  type SyncMessage,
  type WriteRequest,
  type WriteResult,
} from '@crm-hub/plugin-sdk';
import { Observable, type Subscriber, type Subscription } from 'rxjs';
import { toCanonical, toCatalog, toNative } from './memory-catalog';
import { MEMORY_SCHEMA, MemoryApiError, type MemoryCrm, type MemoryRow } from './memory-crm';

/** The ways a broken variant of the memory plugin breaks the contract (none: the good plugin). */
export type MemoryPluginFlaw =
  | 'eager-read' // fetches the first page when read() is called, before subscribe
  | 'endless-poll' // changes() keeps polling after unsubscribe (until dispose)
  | 'boundary-ge' // resumes with modifiedAt >= checkpoint: re-emits the boundary
  | 'boundary-gt' // resumes with modifiedAt > checkpoint: misses the rest of the boundary
  | 'shuffled-writes' // returns write results in reverse order
  | 'leaky-interval' // keeps its session keep-alive interval after dispose()
  | 'logs-secret' // logs the API token
  | 'unmetered' // never calls ctx.meter.call()
  | 'accepts-http' // connects to http:// URLs
  | 'bad-catalog' // reports a native type instead of a canonical one
  | 'float-decimals'; // emits currency values as JS numbers

/** Intervals the leaky variant left behind, so the kit's own test can clear them afterwards. */
export const leakedTimers = new Set<NodeJS.Timeout>();

const MAX_PAGE = 2000;
const KEEP_ALIVE_MS = 10 * 60_000;

type Watermark = { modifiedAt: string; id: string };

/** The strict (modifiedAt, id) tuple comparison a correct resume needs, or a flawed one. */
function after(mark: Watermark, mode: 'tuple' | 'ge' | 'gt'): (row: MemoryRow) => boolean {
  if (mode === 'ge') return (row) => row.modifiedAt >= mark.modifiedAt;
  if (mode === 'gt') return (row) => row.modifiedAt > mark.modifiedAt;
  return (row) => row.modifiedAt > mark.modifiedAt || (row.modifiedAt === mark.modifiedAt && row.id > mark.id);
}

function toWatermark(checkpoint: Checkpoint): Watermark {
  const { modifiedAt, id } = checkpoint;
  if (typeof modifiedAt !== 'string' || typeof id !== 'string') throw new TypeError('not a checkpoint of the memory plugin');
  return { modifiedAt, id };
}

/** A connector to the {@link MemoryCrm}, talking to it directly (it is in memory), metered like HTTP calls. */
export class MemoryConnector implements CrmConnector {
  private keepAlive: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly crm: MemoryCrm,
    private readonly ctx: ConnectorContext,
    private readonly flaw?: MemoryPluginFlaw,
  ) {
    if (flaw === 'logs-secret') ctx.logger.debug(`connector ready, token ${String(ctx.config['apiToken'])}`);
  }

  async check(): Promise<CheckResult> {
    try {
      const who = await this.request('auth', (token) => this.crm.authenticate(token));
      return { ok: true, details: { user: who.user } };
    } catch (err) {
      if (err instanceof CrmAuthError) return { ok: false, reason: err.message };
      throw err;
    }
  }

  async discover(opts: DiscoverOptions = {}): Promise<CrmCatalog> {
    const schema = await this.request('describe', (token) => this.crm.describe(token));
    const unknown = (opts.objects ?? []).filter((o) => !schema[o]);
    if (unknown.length) throw new CrmNotFoundError(`No object ${unknown.join(', ')}`, { code: 'NOT_FOUND', status: 404 });
    return toCatalog(schema, opts.objects ?? Object.keys(schema), opts.objects !== undefined, this.flaw === 'bad-catalog');
  }

  read(req: ReadRequest): Observable<SyncMessage> {
    if (this.flaw === 'eager-read') void this.request('query', (t) => this.crm.query(t, req.object, () => true, 1)).catch(() => undefined);
    return new Observable<SyncMessage>((out) => {
      this.pump(req, out).then(
        () => out.complete(),
        (err: unknown) => out.error(err),
      );
    });
  }

  changes(req: ChangeRequest): Observable<SyncMessage> {
    const interval = Number(this.ctx.config['pollIntervalMs'] ?? 1000);
    return new Observable<SyncMessage>((out) => {
      let checkpoint: Checkpoint = req.checkpoint ?? { modifiedAt: this.crm.now(), id: '' };
      let timer: NodeJS.Timeout | undefined;
      let inner: Subscription | undefined;
      const poll = (): void => {
        let changed = false;
        inner = this.read({ object: req.object, fields: req.fields, checkpoint, deletes: 'include' }).subscribe({
          next: (msg) => {
            if (msg.kind !== 'checkpoint') changed = true;
            else if (!changed)
              return; // an idle poll has nothing to report
            else checkpoint = msg.checkpoint;
            out.next(msg);
          },
          error: (err: unknown) => out.error(err),
          complete: () => {
            if (!out.closed || this.flaw === 'endless-poll') timer = setTimeout(poll, interval);
          },
        });
      };
      poll();
      return () => {
        if (this.flaw === 'endless-poll') return;
        clearTimeout(timer);
        inner?.unsubscribe();
      };
    });
  }

  async write(req: WriteRequest): Promise<WriteResult[]> {
    const schema = MEMORY_SCHEMA[req.object] ?? [];
    const rows = await this.request('write', (token) =>
      this.crm.write(
        token,
        req.object,
        req.operation,
        req.records.map((r) => ({ ...(r.id ? { id: r.id } : {}), ...(r.data ? { fields: toNative(r.data, schema) } : {}) })),
        req.matchField,
      ),
    );
    const results: WriteResult[] = rows.map((row, i) => {
      const ref = req.records[i]?.ref as string;
      if (row.success)
        return { ref, ok: true, ...(row.id ? { id: row.id } : {}), ...(row.created !== undefined ? { created: row.created } : {}) };
      const error = row.errors?.[0] ?? { statusCode: 'UNKNOWN', message: 'rejected' };
      return {
        ref,
        ok: false,
        error: {
          code: error.statusCode,
          message: error.message,
          retryable: error.statusCode === 'UNABLE_TO_LOCK_ROW',
          ...(error.fields ? { fields: error.fields } : {}),
        },
      };
    });
    return this.flaw === 'shuffled-writes' ? results.reverse() : results;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.flaw === 'leaky-interval') {
      if (this.keepAlive) leakedTimers.add(this.keepAlive);
    } else clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }

  /** Pages lazily: the next page is fetched only after the previous one was emitted, while subscribed. */
  private async pump(req: ReadRequest, out: Subscriber<SyncMessage>): Promise<void> {
    const schema = MEMORY_SCHEMA[req.object] ?? [];
    const pageSize = Math.min(req.pageSize ?? MAX_PAGE, MAX_PAGE);
    const deletes = req.checkpoint ? (req.deletes ?? 'include') : 'exclude'; // a full read has nothing to delete
    let mark = req.checkpoint ? toWatermark(req.checkpoint) : undefined;
    let mode: 'tuple' | 'ge' | 'gt' = this.flaw === 'boundary-ge' ? 'ge' : this.flaw === 'boundary-gt' ? 'gt' : 'tuple';
    for (let page = 0; !out.closed; page++) {
      const from = mark;
      const where = from ? after(from, mode) : () => true;
      mode = 'tuple'; // the flaws are in resuming from a checkpoint; paging within one read stays correct
      const rows = await this.request('query', (token) => this.crm.query(token, req.object, where, pageSize));
      for (const row of rows) {
        if (row.deleted && deletes !== 'exclude') out.next({ kind: 'delete', object: req.object, id: row.id, deletedAt: row.modifiedAt });
        if (!row.deleted && deletes !== 'only') {
          const data = toCanonical(row, schema, req.fields, this.flaw === 'float-decimals');
          out.next({ kind: 'upsert', object: req.object, id: row.id, data, modifiedAt: row.modifiedAt });
        }
      }
      const last = rows[rows.length - 1];
      if (last) mark = { modifiedAt: last.modifiedAt, id: last.id };
      // A checkpoint after every page; an idle resume repeats the one it was given.
      if (mark && (last || page === 0)) out.next({ kind: 'checkpoint', object: req.object, checkpoint: { ...mark } });
      if (rows.length < pageSize) return;
    }
  }

  /** One API request: refused over http, metered, starting the session keep-alive, errors mapped. */
  private async request<T>(kind: string, send: (token: string) => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error('The connector is disposed');
    const baseUrl = String(this.ctx.config['baseUrl']);
    if (new URL(baseUrl).protocol !== 'https:' && this.flaw !== 'accepts-http') throw new InsecureUrlError(baseUrl, 'baseUrl');
    if (this.flaw !== 'unmetered') this.ctx.meter.call(kind);
    // Stands in for a token refresh timer: the kind of handle dispose() must clear.
    this.keepAlive ??= setInterval(() => undefined, KEEP_ALIVE_MS);
    try {
      return await send(String(this.ctx.config['apiToken']));
    } catch (err) {
      if (!(err instanceof MemoryApiError)) throw err;
      const options = { code: err.errorCode, status: err.status };
      if (err.status === 401) throw new CrmAuthError(`The CRM refused the API token (${err.errorCode})`, options);
      if (err.status === 404) throw new CrmNotFoundError(err.message, options);
      throw new CrmTransientError(err.message, options);
    } finally {
      this.ctx.meter.quota('api-usage', this.crm.requestCount, this.crm.dailyLimit);
    }
  }
}
