import { PassThrough } from 'node:stream';
import type { ApiMeter, SecureFetch, ServerClock } from '@crm-hub/plugin-sdk';
import { CrmTransientError, anySignal } from '@crm-hub/plugin-sdk';
import { Transport } from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import { StreamPromise } from 'jsforce/lib/util/promise';
import { networkError, toCrmError } from '../errors';
import { parseLimitInfo, type LimitUsage } from './limit-info';

/**
 * Per-call options jsforce hands to the transport (`HttpApi` passes its constructor options
 * through): the meter kind and the caller's cancellation signal.
 *
 * @example
 * ```ts
 * new SalesforceHttpApi(conn, { kind: 'query', signal });
 * ```
 */
export interface CallOptions extends HttpRequestOptions {
  /** The `ctx.meter.call()` kind, e.g. `query`, `describe`, `composite.sobjects`. */
  kind?: string;
  signal?: AbortSignal;
}

/**
 * What the transport needs from the connector: the host's HTTPS-only fetch, its meter, the
 * server clock to update, and the connector's lifetime signal.
 *
 * @example
 * ```ts
 * const transport = new SecureTransport({ http: ctx.http, meter: ctx.meter, clock, signal, defaultKind: 'token' });
 * ```
 */
export interface TransportDeps {
  http: SecureFetch;
  meter: ApiMeter;
  clock: ServerClock;
  /** Aborted by `dispose()` (and the host's shutdown): cancels every request in flight. */
  signal: AbortSignal;
  /** Meter kind when the caller gives none (jsforce's OAuth2 calls give none: `token`). */
  defaultKind: string;
  /** Told of every `Sforce-Limit-Info` quota seen. */
  onLimits?: (usages: LimitUsage[]) => void;
  /**
   * For the token endpoint: answers that mean "not now" (5xx, 420, 429, `REQUEST_LIMIT_EXCEEDED`)
   * reject here with the SDK error for them ({@link toCrmError}: status and code kept). jsforce's
   * OAuth2 client would turn them into an `Error` without the status — named `undefined` when the
   * body is JSON but not an OAuth error, e.g. `[{"errorCode":"SERVER_UNAVAILABLE"}]` — which reads
   * as a refused grant. OAuth refusals (`{error, error_description}`, 400/401) still go to jsforce.
   */
  classifyUnavailable?: boolean;
}

/** Statuses that say "try again later" rather than "refused". */
function isUnavailable(status: number, body: string): boolean {
  return status >= 500 || status === 420 || status === 429 || (status === 403 && body.includes('REQUEST_LIMIT_EXCEEDED'));
}

/**
 * jsforce's `Transport`, re-plumbed onto `ctx.http` (the SDK's SecureFetch: https only, no
 * https→http redirects, certificates verified) instead of jsforce's own node-fetch client, so every
 * byte jsforce sends (OAuth2 token calls included) obeys the host's rules. On the way it counts
 * each request with `ctx.meter.call(kind)`, reports `Sforce-Limit-Info` with `ctx.meter.quota()`,
 * learns the server's clock from `Date`, and turns network failures and cut-off bodies into
 * `CrmTransientError`. It never logs: headers and bodies carry tokens and secrets.
 *
 * One request in, one HTTP attempt out, one `meter.call()`: this transport never retries. jsforce
 * 3.10.16's own retry loop (in `jsforce/lib/request`, behind the `Transport` this class replaces:
 * GET/PUT/DELETE/HEAD/OPTIONS up to 5 times, 0.5 s × 2ⁿ, after 420/429/500/502/503/504 and socket
 * errors) is never reached, so it cannot multiply with the REST client's retries — the plugin's
 * one retry policy (`RestClient`, with the SDK's `DEFAULT_RETRY_POLICY`), every attempt of which comes
 * through here and is metered.
 *
 * @example
 * ```ts
 * const oauth2 = new OAuth2({ loginUrl, clientId });
 * oauth2._transport = new SecureTransport({ ...deps, defaultKind: 'token' });
 * ```
 */
export class SecureTransport extends Transport {
  constructor(private readonly deps: TransportDeps) {
    super();
  }

  override httpRequest(req: HttpRequest, options: CallOptions = {}): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => {
      // jsforce pipes this stream for callers that stream bodies; nothing here does, so it only ends.
      const stream = new PassThrough();
      const promise = this.send(req, options);
      promise.then(
        () => stream.end(),
        () => stream.end(),
      );
      return { stream, promise };
    });
  }

  private async send(req: HttpRequest, options: CallOptions): Promise<HttpResponse> {
    const kind = options.kind ?? this.deps.defaultKind;
    const signal = anySignal(this.deps.signal, options.signal);
    const headers = Object.fromEntries(
      Object.entries(req.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'),
    );
    const body = req.body === undefined || req.body === null ? undefined : String(req.body);
    this.deps.meter.call(kind);
    let res: Response;
    try {
      res = await this.deps.http(req.url, { method: req.method, headers, ...(body !== undefined ? { body } : {}), signal });
    } catch (err) {
      throw signal.aborted ? err : networkError(err, kind);
    }
    const receivedAt = Date.now();
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      if (signal.aborted) throw err;
      throw new CrmTransientError(`The answer of Salesforce to ${kind} was cut off (${res.status})`, {
        status: res.status,
        code: 'TRUNCATED_RESPONSE',
        cause: err,
      });
    }
    this.deps.clock.observe(res.headers.get('date'), receivedAt);
    const usages = parseLimitInfo(res.headers.get('sforce-limit-info'));
    for (const usage of usages) this.deps.meter.quota(usage.name, usage.used, usage.limit);
    if (usages.length) this.deps.onLimits?.(usages);
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => (responseHeaders[name] = value));
    if (this.deps.classifyUnavailable && isUnavailable(res.status, text)) throw toCrmError(res.status, text, kind, responseHeaders);
    return { statusCode: res.status, headers: responseHeaders, body: text };
  }
}
