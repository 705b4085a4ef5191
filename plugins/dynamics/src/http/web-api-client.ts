import {
  abortableDelay,
  backoffMs,
  CrmTransientError,
  retryAfterMs,
  ServerClock,
  type ApiMeter,
  type PluginLogger,
  type SecureFetch,
} from '@crm-hub/plugin-sdk';
import type { TokenProvider } from '../auth/token-provider';
import type { DynamicsConfig } from '../config/dynamics-config';
import { DataverseRequestError, errorFromResponse, isNetworkError, parseErrorBody, withErrorDetails } from '../errors';
import { BodyBuffers } from './body-buffers';
import { ThrottleGate } from './throttle-gate';

/** Used when a 429 carries no usable `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * One Web API call. `kind` is what `ctx.meter.call(kind)` counts (every HTTP attempt, retries
 * included); `idempotent` (default: GET only) allows retrying after 5xx and dropped connections.
 */
export interface ApiRequest {
  kind: string;
  /** Counted too on each attempt (e.g. the operations inside a `$batch`). */
  alsoCount?: { kind: string; count: number };
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Absolute URL on the environment's origin (next and delta links are used as given). */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Told when a 429 pauses this call until `retryAt` (reads turn it into a `status` message). */
  onThrottle?: (retryAt: Date) => void;
  /**
   * Read a successful answer's body into a buffer of {@link WebApiClient.bodies}, which its one
   * reader hands back with `bodies.release(bytes)` when done (query pages do).
   */
  pooledBody?: boolean;
}

/** A successful answer, body read. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The body as received: a page's rows are found in it without decoding it whole (see `ODataPage`). */
  bytes: Uint8Array;
  /** The body decoded as UTF-8, as `Response.text()` does (decoded when first read). */
  readonly text: string;
}

const UTF8 = new TextDecoder();

/** One per plugin thread, not per connector: however many accounts read, at most a few free buffers stay. */
const PAGE_BODIES = new BodyBuffers();

function answer(status: number, headers: Headers, bytes: Uint8Array): ApiResponse {
  let text: string | undefined;
  return {
    status,
    headers,
    bytes,
    get text() {
      text ??= UTF8.decode(bytes);
      return text;
    },
  };
}

/**
 * Every Dataverse Web API request goes through here, and so through `ctx.http` (the SDK's
 * SecureFetch: https only, verified certificates, no https→http redirects). It adds the bearer
 * token and OData headers, counts each attempt with `ctx.meter`, refreshes the token once on 401,
 * honours `Retry-After` on 429 by pausing every call of the identity (up to `maxRetries`, then
 * `CrmRateLimitError` with `retryAfterMs`), retries idempotent calls after 5xx or dropped
 * connections with jittered backoff (then {@link CrmTransientError}), and maps failures to SDK
 * errors that keep Dataverse's `code` and the HTTP `status`. It refuses URLs outside the
 * environment's origin, so a forged next/delta link can never receive the token.
 *
 * @example
 * ```ts
 * const res = await api.send({ kind: 'whoami', method: 'GET', url: `${config.webApiUrl}WhoAmI` });
 * const me = parseJsonLossless(res.text) as { UserId: string };
 * ```
 */
export class WebApiClient {
  readonly clock = new ServerClock();
  readonly gate: ThrottleGate;
  /** Where `pooledBody` answers are read into. */
  readonly bodies = PAGE_BODIES;

  constructor(
    readonly config: DynamicsConfig,
    private readonly http: SecureFetch,
    private readonly tokens: TokenProvider,
    private readonly meter: ApiMeter,
    private readonly logger: PluginLogger,
  ) {
    this.gate = ThrottleGate.for(`${config.instanceUrl}|${config.tenantId}|${config.clientId}`);
  }

  async send(req: ApiRequest): Promise<ApiResponse> {
    this.assertOnInstance(req.url);
    const what = describe(req);
    const idempotent = req.idempotent ?? req.method === 'GET';
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      await this.gate.wait(req.signal);
      const token = await this.tokens.token(req.signal);
      this.meter.call(req.kind);
      if (req.alsoCount) this.meter.call(req.alsoCount.kind, req.alsoCount.count);
      let res: Response;
      let bytes: Uint8Array;
      try {
        res = await this.http(req.url, {
          method: req.method,
          headers: { ...this.baseHeaders(req), authorization: `Bearer ${token}` },
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
        });
        this.clock.observe(res.headers.get('date'));
        bytes = req.pooledBody ? await this.bodies.read(res) : new Uint8Array(await res.arrayBuffer());
      } catch (error) {
        if (!isNetworkError(error) || req.signal?.aborted) throw error;
        if (!idempotent || attempt >= this.config.maxRetries) {
          throw new CrmTransientError(`The connection to Dataverse failed during ${what}`, { cause: error });
        }
        this.logger.warn('Dataverse connection failed; retrying', { call: what, attempt: attempt + 1 });
        await abortableDelay(backoffMs(attempt), req.signal);
        continue;
      }
      if (res.ok) return answer(res.status, res.headers, bytes);
      const text = UTF8.decode(bytes);
      this.bodies.release(bytes);
      if (res.status === 401 && !refreshed) {
        // The token expired or was revoked early: get a new one, once, without spending a retry.
        refreshed = true;
        this.tokens.invalidate();
        attempt--;
        continue;
      }
      if (res.status === 429) {
        const waitMs = retryAfterMs(res.headers.get('retry-after'), DEFAULT_RETRY_AFTER_MS);
        const retryAt = Date.now() + waitMs;
        this.gate.pauseUntil(retryAt);
        const code = parseErrorBody(text).code;
        if (attempt >= this.config.maxRetries) throw errorFromResponse(429, text, { what, retryAfterMs: waitMs });
        this.logger.warn('Dataverse service protection limit reached; pausing', { call: what, code, retryAfterMs: waitMs });
        req.onThrottle?.(new Date(retryAt));
        continue;
      }
      if (res.status >= 500 && idempotent && attempt < this.config.maxRetries) {
        this.logger.warn('Dataverse answered a server error; retrying', { call: what, status: res.status, attempt: attempt + 1 });
        await abortableDelay(backoffMs(attempt), req.signal);
        continue;
      }
      throw errorFromResponse(res.status, text, { what });
    }
  }

  /**
   * OData headers, and a `Prefer` that also asks for the error details annotations, so a failure
   * keeps Dataverse's SubErrorCode and HelpLink (they cost nothing on success).
   * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#include-more-details-with-errors
   */
  private baseHeaders(req: ApiRequest): Record<string, string> {
    const { prefer, ...headers } = req.headers ?? {};
    return {
      accept: 'application/json',
      'odata-version': '4.0',
      'odata-maxversion': '4.0',
      ...(req.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...headers,
      prefer: withErrorDetails(prefer),
    };
  }

  private assertOnInstance(url: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new DataverseRequestError('A Dataverse link is not an absolute URL');
    }
    if (origin !== this.config.instanceUrl) {
      throw new DataverseRequestError(`Refused to send the access token to ${origin}: links must stay on ${this.config.instanceUrl}`);
    }
  }
}

/** `GET contacts` — the method and entity path, without the query (which may be long). */
function describe(req: ApiRequest): string {
  try {
    const { pathname } = new URL(req.url);
    return `${req.method} ${decodeURIComponent(pathname.replace(/^\/api\/data\/v[\d.]+\//, ''))}`;
  } catch {
    return req.method;
  }
}
