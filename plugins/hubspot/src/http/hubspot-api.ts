import {
  abortableDelay,
  CrmRateLimitError,
  CrmTransientError,
  retryAfterMs,
  retryDelay,
  ServerClock,
  type ApiMeter,
  type PluginLogger,
  type RetryPolicy,
  type SecureFetch,
} from '@crm-hub/plugin-sdk';
import type { TokenProvider } from '../auth/token-provider';
import type { HubSpotConfig } from '../config/hubspot-config';
import { dailyLimitReached, errorFromResponse, isNetworkError, parseErrorBody } from './errors';
import { fingerprint, RequestGate } from './request-gate';

/** One API call. `kind` is what `ctx.meter.call(kind)` counts (every attempt, retries included). */
export interface ApiRequest {
  kind: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the API host, e.g. `/crm/v3/objects/contacts/search`. */
  path: string;
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** May be repeated after a 5xx or a dropped connection (reads, searches); writes may not. */
  idempotent?: boolean;
  /** A search call: paced by the search limit. */
  search?: boolean;
  signal?: AbortSignal;
  /** Told when a 429 pauses this call until `retryAt` (reads turn it into a `status` message). */
  onThrottle?: (retryAt: Date, policy: string) => void;
}

/** A successful answer (2xx, 207 included), body parsed. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Waits of an answer without `Retry-After`: the burst window, the search second. */
const BURST_WINDOW_MS = 10_000;
const SEARCH_WINDOW_MS = 1_000;

/**
 * Every HubSpot request goes through here, and so through `ctx.http` (the SDK's SecureFetch:
 * https only, verified certificates). It adds the bearer token, paces searches, counts each
 * attempt with `ctx.meter`, reports `X-HubSpot-RateLimit-*` usage with `ctx.meter.quota`, rides
 * out 429s (the burst window: `X-HubSpot-RateLimit-Interval-Milliseconds`, or `Retry-After`; the
 * search limit: a second) by pausing every call of the app, refreshes an OAuth token once on
 * 401, retries idempotent calls after 5xx and dropped connections (SDK `retryDelay`), and maps
 * failures to SDK errors keeping HubSpot's category. The DAILY 429 is `CrmQuotaExceededError`.
 * https://developers.hubspot.com/docs/api/usage-details#rate-limits
 *
 * @example
 * ```ts
 * const { body } = await api.send<{ portalId: number }>({ kind: 'account', method: 'GET', path: '/account-info/v3/details' });
 * ```
 */
export class HubSpotApi {
  readonly clock = new ServerClock();
  private readonly gate: RequestGate;
  private readonly policy: RetryPolicy;

  constructor(
    readonly config: HubSpotConfig,
    private readonly http: SecureFetch,
    private readonly tokens: TokenProvider,
    private readonly meter: ApiMeter,
    private readonly logger: PluginLogger,
  ) {
    const { auth } = config;
    const identity = auth.kind === 'oauth' ? `oauth:${auth.clientId}` : `private-app:${fingerprint(auth.accessToken)}`;
    this.gate = RequestGate.for(`${config.baseUrl}|${identity}`);
    this.policy = { retries: config.maxRetries, baseDelayMs: 250, maxDelayMs: config.maxRetryWaitMs };
  }

  async send<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>> {
    const what = `${req.method} ${req.path}`;
    const idempotent = req.idempotent ?? req.method === 'GET';
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      await this.gate.before({ search: req.search ?? false, perSecond: this.config.searchRequestsPerSecond }, req.signal);
      const token = await this.tokens.token(req.signal);
      this.meter.call(req.kind);
      let res: Response;
      let text: string;
      try {
        res = await this.http(this.url(req), {
          method: req.method,
          headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
        });
        this.clock.observe(res.headers.get('date'));
        this.observeQuotas(res.headers);
        text = await res.text();
      } catch (error) {
        if (!isNetworkError(error) || req.signal?.aborted) throw error;
        const failure = new CrmTransientError(`The connection to HubSpot failed during ${what}`, { cause: error });
        await this.waitOrThrow(failure, attempt, idempotent, req, what);
        continue;
      }
      if (res.ok) return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
      const body = parseErrorBody(text);
      if (res.status === 401 && this.tokens.refreshable && !refreshed) {
        // The access token expired or was revoked early: get a new one, once, without spending a retry.
        refreshed = true;
        this.tokens.invalidate();
        attempt--;
        continue;
      }
      if (res.status === 429) {
        if (body.policyName === 'DAILY') throw dailyLimitReached(body);
        const search = body.policyName === 'SECONDLY';
        const fallback = search ? SEARCH_WINDOW_MS : Number(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')) || BURST_WINDOW_MS;
        const waitMs = retryAfterMs(res.headers.get('retry-after'), fallback);
        const retryAt = Date.now() + waitMs;
        if (search) this.gate.pauseSearch(retryAt);
        else this.gate.pause(retryAt);
        const limited = new CrmRateLimitError(`HubSpot's ${body.policyName ?? 'rate'} limit was reached during ${what}`, { code: body.policyName ?? 'RATE_LIMIT', status: 429, retryAfterMs: waitMs });
        req.onThrottle?.(new Date(retryAt), body.policyName ?? 'RATE_LIMIT');
        await this.waitOrThrow(limited, attempt, idempotent, req, what);
        continue;
      }
      const error = errorFromResponse(res.status, body, what);
      if (error instanceof CrmTransientError) {
        await this.waitOrThrow(error, attempt, idempotent, req, what);
        continue;
      }
      throw error;
    }
  }

  /** Waits before the next attempt (the SDK's retry rules), or throws `error` when no retry is due. */
  private async waitOrThrow(error: Error, attempt: number, idempotent: boolean, req: ApiRequest, what: string): Promise<void> {
    const wait = retryDelay(error, attempt, this.policy, { idempotent });
    if (wait === undefined) throw error;
    this.logger.warn('HubSpot call failed; retrying', { call: what, attempt: attempt + 1, waitMs: wait, reason: error.message });
    await abortableDelay(wait, req.signal);
  }

  private url(req: ApiRequest): string {
    const url = new URL(req.path, this.config.baseUrl);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : value);
    }
    return url.toString();
  }

  /** `X-HubSpot-RateLimit-*`: the burst window's and (private apps) the day's usage. */
  private observeQuotas(headers: Headers): void {
    const number = (name: string): number | undefined => {
      const value = headers.get(name);
      return value === null || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
    };
    const [max, remaining] = [number('x-hubspot-ratelimit-max'), number('x-hubspot-ratelimit-remaining')];
    if (max !== undefined && remaining !== undefined) this.meter.quota('hubspot-burst', max - remaining, max);
    const [daily, dailyRemaining] = [number('x-hubspot-ratelimit-daily'), number('x-hubspot-ratelimit-daily-remaining')];
    if (daily !== undefined && dailyRemaining !== undefined) this.meter.quota('hubspot-daily', daily - dailyRemaining, daily);
  }
}
