import {
  CrmAuthError,
  CrmTransientError,
  DEFAULT_RETRY_POLICY,
  abortableDelay,
  parseJsonLossless,
  retryDelay,
  type RetryPolicy,
} from '@crm-hub/plugin-sdk';
import type { HttpMethods, HttpResponse } from 'jsforce/lib/types';
import type { SalesforceSession } from '../auth/salesforce-session';
import { isSessionExpired } from '../errors';
import { ApiVersionCheck, mayBeVersionError } from './api-versions';
import { SalesforceHttpApi } from './salesforce-http-api';

/**
 * One REST call.
 *
 * @example
 * ```ts
 * const call: RestCall = { kind: 'query', method: 'GET', path: client.dataPath('query'), query: { q: soql } };
 * ```
 */
export interface RestCall {
  /** The meter kind (and what error messages call it). */
  kind: string;
  method: HttpMethods;
  /** A path from the instance root (`/services/data/v62.0/…`), e.g. from {@link RestClient.dataPath} or `nextRecordsUrl`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Whether the call may be repeated after a failure whose outcome is unknown (a reset, a cut-off
   * answer, a 5xx). Default: true for GET, HEAD, PUT, PATCH and DELETE, false for POST. A POST is
   * still repeated after 503/429, which Salesforce answers before doing anything.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/**
 * The REST client every Salesforce call goes through (via jsforce's `HttpApi` and our
 * transport onto `ctx.http`):
 *
 * - paths resolve against the current session's `instance_url` on each attempt, so a refresh
 *   that moves the org to another instance is followed at once;
 * - a 401 renews the session once and repeats the call once; a second 401 is a `CrmAuthError`;
 * - transient failures (`CrmTransientError`: 5xx, 420, resets, timeouts, cut-off bodies;
 *   `CrmRateLimitError`) of idempotent calls are retried as the SDK's `retryDelay` decides
 *   (`DEFAULT_RETRY_POLICY`: 3 retries after ~250–500 ms, 0.5–1 s and 1–2 s, jittered, so a call
 *   costs at most 4 requests; a POST only after 503/429), then thrown; everything else is thrown at once. A failed
 *   sign-in (token request) retries the same way. This is the only retry loop between the plugin
 *   and Salesforce, and every attempt is metered by the transport;
 * - a 404 `NOT_FOUND` (or `UNSUPPORTED_API_VERSION`) of a versioned path is checked against the
 *   org's versions list (asked once per connector, see `ApiVersionCheck`): when the org does not
 *   serve the configured version, the call fails with `API_VERSION_NOT_SUPPORTED` naming it,
 *   whatever the call was — never "object does not exist".
 *
 * @example
 * ```ts
 * const limits = await client.json<Record<string, { Max: number; Remaining: number }>>({
 *   kind: 'limits', method: 'GET', path: client.dataPath('limits'),
 * });
 * ```
 */
export class RestClient {
  private readonly versions: ApiVersionCheck;

  constructor(
    private readonly session: SalesforceSession,
    readonly apiVersion: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm
    this.versions = new ApiVersionCheck(apiVersion, (signal) =>
      this.json<{ version?: unknown }[]>({ kind: 'versions', method: 'GET', path: '/services/data', ...(signal ? { signal } : {}) }),
    );
  }

  /** `/services/data/v<version>/<rest>`. */
  dataPath(rest: string): string {
    return `/services/data/v${this.apiVersion}/${rest.replace(/^\/+/, '')}`;
  }

  /**
   * Sends the call; resolves with the raw answer (2xx/3xx), or with what `read` makes of it,
   * rejects with an SDK error. `read` runs inside the retry loop: an answer it cannot parse (a
   * body cut short without the connection reporting it) is a `CrmTransientError` like any
   * truncated answer.
   */
  async send<T = HttpResponse>(call: RestCall, read: (res: HttpResponse) => T = (res) => res as T): Promise<T> {
    const idempotent = call.idempotent ?? call.method !== 'POST';
    let renewed = false;
    for (let attempt = 0; ; ) {
      let signedIn = false;
      let usedToken: string | null | undefined;
      try {
        const { conn } = await this.session.current();
        signedIn = true;
        usedToken = conn.accessToken;
        const url = `${conn.instanceUrl}${call.path}${call.query ? `?${new URLSearchParams(call.query).toString()}` : ''}`;
        const api = new SalesforceHttpApi(conn, { kind: call.kind, ...(call.signal ? { signal: call.signal } : {}) });
        const res = await api.request<HttpResponse>({
          method: call.method,
          url,
          headers: { ...call.headers },
          ...(call.body !== undefined ? { body: call.body } : {}),
        });
        return readAnswer(res, read, call.kind);
      } catch (err) {
        // A 401 from the API (not from signing in): renew once, repeat once, on the new instance.
        if (signedIn && isSessionExpired(err)) {
          if (renewed) throw refusedAgain(err as CrmAuthError, this.session.flow);
          renewed = true;
          await this.session.renew(usedToken);
          continue;
        }
        if (signedIn && mayBeVersionError(err, call.path, this.apiVersion)) throw (await this.versions.explain(err, call.signal)) ?? err;
        // Token requests are safe to repeat, so a failed sign-in retries like an idempotent call.
        const wait = retryDelay(err, attempt, this.retry, { idempotent: !signedIn || idempotent });
        if (wait === undefined) throw err;
        attempt++;
        await abortableDelay(wait, call.signal);
      }
    }
  }

  /** Sends the call and parses the JSON answer without float rounding (`undefined` for 204). */
  json<T>(call: RestCall): Promise<T> {
    return this.send({ ...call, headers: { accept: 'application/json', ...call.headers } }, (res) =>
      res.body === '' ? (undefined as T) : (parseJsonLossless(res.body) as T),
    );
  }
}

function readAnswer<T>(res: HttpResponse, read: (res: HttpResponse) => T, kind: string): T {
  try {
    return read(res);
  } catch (err) {
    throw new CrmTransientError(`The answer of Salesforce to ${kind} could not be read (cut short?): ${(err as Error).message}`, {
      status: res.statusCode,
      code: 'TRUNCATED_RESPONSE',
      cause: err,
    });
  }
}

function refusedAgain(err: CrmAuthError, flow: string): CrmAuthError {
  return new CrmAuthError(
    `${err.message} — even with a session just issued by the ${flow} flow; check that the user has "API Enabled" and that no IP or session restriction applies to the app`,
    { ...(err.code ? { code: err.code } : {}), ...(err.status ? { status: err.status } : {}) },
  );
}
