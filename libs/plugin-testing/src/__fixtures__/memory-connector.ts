import {
  CrmAuthError,
  CrmNotFoundError,
  CrmTransientError,
  InsecureUrlError,
  pacedStream,
  pollChanges,
  type CheckResult,
  type ChangeRequest,
  type ConnectorContext,
  type CrmCatalog,
  type CrmConnector,
  type DiscoverOptions,
  type Produced,
  type ReadRequest,
  type SyncMessage,
  type WriteRequest,
  type WriteResult,
} from '@crm-hub/plugin-sdk';
import type { Observable } from 'rxjs';
import { toCatalog, toNative } from './memory-catalog';
import { MEMORY_SCHEMA, MemoryApiError, type MemoryCrm } from './memory-crm';
import { readPages, unpaced, type PageSource } from './memory-reader';

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
  | 'float-decimals' // emits currency values as JS numbers
  | 'update-drops-fields' // update sends no field: the CRM only touches the record, yet every result is ok
  | 'upsert-ignores-match' // upsert ignores matchField and always inserts a new record
  | 'nulls-for-absent' // fills the fields a partial (delta) row lacks with null
  | 'unpaced-read' // read() is a plain Observable pushing every page whatever its consumer's pace
  | 'ignores-return'; // a read's heartbeat request timer is cleared only when the read completes, not on return()

/** Intervals the leaky variant left behind, so the kit's own test can clear them afterwards. */
export const leakedTimers = new Set<NodeJS.Timeout>();

const KEEP_ALIVE_MS = 10 * 60_000;

/** A connector to the {@link MemoryCrm}, talking to it directly (it is in memory), metered like HTTP calls. */
export class MemoryConnector implements CrmConnector {
  private keepAlive: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Aborted by dispose(): ends the streams still running. */
  private readonly lifetime = new AbortController();

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
    const produce = (signal: AbortSignal): AsyncIterable<SyncMessage[]> => readPages(this.pages(), req, signal);
    if (this.flaw === 'unpaced-read') return unpaced(produce);
    return pacedStream(this.flaw === 'ignores-return' ? this.withHeartbeat(req.object, produce, 10) : produce, {
      lifetime: this.lifetime.signal,
    });
  }

  changes(req: ChangeRequest): Observable<SyncMessage> {
    const intervalMs = Number(this.ctx.config['pollIntervalMs'] ?? 1000);
    const source = this.pages();
    const produce = (signal: AbortSignal): AsyncIterable<Produced<SyncMessage>> =>
      pollChanges(
        {
          object: req.object,
          intervalMs,
          ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
          start: async () => ({ modifiedAt: this.crm.now(), id: '' }),
          read: (checkpoint, s) =>
            readPages(source, { object: req.object, fields: req.fields, checkpoint, deletes: 'include' }, s, { skipIdle: true }),
        },
        signal,
      );
    // The endless-poll flaw: a second poll timer that only dispose() stops.
    return pacedStream(this.flaw === 'endless-poll' ? this.withHeartbeat(req.object, produce, intervalMs) : produce, {
      lifetime: this.lifetime.signal,
    });
  }

  async write(req: WriteRequest): Promise<WriteResult[]> {
    const schema = MEMORY_SCHEMA[req.object] ?? [];
    const operation = this.flaw === 'upsert-ignores-match' && req.operation === 'upsert' ? 'insert' : req.operation;
    const dropFields = this.flaw === 'update-drops-fields' && req.operation === 'update';
    const records = req.records.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      ...(r.data ? { fields: dropFields ? {} : toNative(r.data, schema) } : {}),
    }));
    const rows = await this.request('write', (token) => this.crm.write(token, req.object, operation, records, req.matchField));
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
    this.lifetime.abort(new Error('The connector is disposed'));
    if (this.flaw === 'leaky-interval') {
      if (this.keepAlive) leakedTimers.add(this.keepAlive);
    } else clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }

  /**
   * The `ignores-return` and `endless-poll` flaws: a heartbeat request every `everyMs`, stopped
   * when the stream completes or at dispose(), but not on return() or unsubscribe.
   */
  private withHeartbeat<T>(
    object: string,
    produce: (signal: AbortSignal) => AsyncIterable<T>,
    everyMs: number,
  ): (signal: AbortSignal) => AsyncIterable<T> {
    const lifetime = this.lifetime.signal;
    const ping = (): Promise<unknown> => this.request('query', (t) => this.crm.query(t, object, () => false, 1)).catch(() => undefined);
    return async function* (signal) {
      const timer = setInterval(() => void ping(), everyMs);
      lifetime.addEventListener('abort', () => clearInterval(timer), { once: true });
      yield* produce(signal);
      clearInterval(timer);
    };
  }

  /** What reads need: the CRM, metered requests and the read flaws of this variant. */
  private pages(): PageSource {
    const { flaw } = this;
    return {
      crm: this.crm,
      request: (kind, send) => this.request(kind, send),
      mode: {
        resume: flaw === 'boundary-ge' ? 'ge' : flaw === 'boundary-gt' ? 'gt' : 'tuple',
        floatDecimals: flaw === 'float-decimals',
        nullsForAbsent: flaw === 'nulls-for-absent',
      },
    };
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
