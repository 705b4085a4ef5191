import type { Observable } from 'rxjs';
import type { CrmCatalog } from './catalog';
import type { ChangeRequest, ReadRequest, SyncMessage, WriteRequest, WriteResult } from './messages';
import type { SecureFetch } from './secure-fetch';

/**
 * The logger a plugin gets: lines are tagged with plugin and account, and the account's secrets
 * are redacted from them. `fields` must be JSON-serialisable.
 *
 * @example
 * ```ts
 * ctx.logger.info('query page read', { object: 'Contact', records: 2000 });
 * ```
 */
export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Counts CRM API calls (every request, so a run reports what it used and budgets can be enforced)
 * and records the quota usage the CRM reports.
 *
 * @example
 * ```ts
 * ctx.meter.call('query');
 * const [used, limit] = res.headers.get('sforce-limit-info')!.replace('api-usage=', '').split('/').map(Number);
 * ctx.meter.quota('api-usage', used, limit);
 * ```
 */
export interface ApiMeter {
  /** One (or `count`) CRM API calls of this kind, e.g. `query`, `batch`, `describe`. */
  call(kind: string, count?: number): void;
  /** What the CRM reports of a quota: `used` out of `limit`. */
  quota(kind: string, used: number, limit: number): void;
}

/**
 * Everything a connector may use from the host. Plugins see the host only through it.
 *
 * @example
 * ```ts
 * createConnector: async (ctx: ConnectorContext) => {
 *   const baseUrl = String(ctx.config['baseUrl']);
 *   return new AcmeConnector(baseUrl, ctx.http, ctx.logger, ctx.meter, ctx.signal);
 * }
 * ```
 */
export interface ConnectorContext {
  accountId: string;
  /** The account settings, validated against `connectionSpec`, secrets included. */
  config: Readonly<Record<string, unknown>>;
  /** fetch that refuses non-https URLs and https→http redirects, and always verifies certificates. */
  http: SecureFetch;
  logger: PluginLogger;
  meter: ApiMeter;
  /** Aborted when the run is cancelled or the host shuts down. */
  signal: AbortSignal;
}

/**
 * What `check()` answers: ok (with details such as the API usage) or refused with a reason
 * the operator can act on — refused credentials are an answer, not a throw (`check()` throws only
 * `InsecureUrlError` for a non-https setting, or on a broken plugin). Secrets never appear in it.
 *
 * @example
 * ```ts
 * const refused: CheckResult = { ok: false, reason: 'Salesforce refused the client credentials (invalid_client)' };
 * ```
 */
export type CheckResult = { ok: true; details?: Record<string, unknown> } | { ok: false; reason: string };

/**
 * A discover request: without `objects`, only the list of objects (fields may be empty).
 *
 * @example
 * ```ts
 * const catalog = await connector.discover({ objects: ['Contact'] });
 * ```
 */
export interface DiscoverOptions {
  objects?: string[];
}

/**
 * A live connection to one CRM account. Streams are cold and lazy: nothing is fetched before
 * subscribe, and unsubscribing stops every request and timer.
 *
 * @example
 * ```ts
 * const connector = await plugin.createConnector(ctx);
 * try {
 *   const result = await connector.check();
 *   if (!result.ok) console.error(result.reason);
 * } finally {
 *   await connector.dispose();
 * }
 * ```
 */
export interface CrmConnector {
  check(): Promise<CheckResult>;
  discover(opts?: DiscoverOptions): Promise<CrmCatalog>;
  /** Cold, finite, paged lazily; checkpoints cover what came before them. */
  read(req: ReadRequest): Observable<SyncMessage>;
  /** Cold and long-lived, until unsubscribed. */
  changes(req: ChangeRequest): Observable<SyncMessage>;
  /** One result per input record, in the same order. Needed when any write capability is on. */
  write(req: WriteRequest): Promise<WriteResult[]>;
  /** Idempotent: closes connections and timers. */
  dispose(): Promise<void>;
}
