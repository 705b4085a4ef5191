import { CrmAuthError, CrmTransientError, type ApiMeter, type SecureFetch } from '@crm-hub/plugin-sdk';
import type { HubSpotConfig } from '../config/hubspot-config';
import { isNetworkError, parseErrorBody } from '../http/errors';

/** Refresh this long before an access token expires, so no call carries one that just lapsed. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The bearer token of every call: a private app's token as it is, or an OAuth access token
 * obtained with the refresh token (`POST /oauth/v1/token`), kept until shortly before it expires
 * and refreshed once at a time. Refused credentials are {@link CrmAuthError}s naming HubSpot's
 * status (`BAD_REFRESH_TOKEN`…), never the secrets.
 *
 * @example
 * ```ts
 * const tokens = new TokenProvider(config, ctx.http, ctx.meter);
 * const bearer = await tokens.token(signal);
 * ```
 */
export class TokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly config: HubSpotConfig,
    private readonly http: SecureFetch,
    private readonly meter: ApiMeter,
  ) {}

  /** Whether a 401 can be cured by getting a new token (OAuth) or not (a private app's token). */
  get refreshable(): boolean {
    return this.config.auth.kind === 'oauth';
  }

  async token(signal?: AbortSignal): Promise<string> {
    const { auth } = this.config;
    if (auth.kind === 'private-app') return auth.accessToken;
    if (this.cached && Date.now() < this.cached.expiresAt) return this.cached.token;
    this.pending ??= this.refresh(signal).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the access token (after a 401): the next call refreshes it. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async refresh(signal?: AbortSignal): Promise<string> {
    const { auth, baseUrl } = this.config;
    if (auth.kind !== 'oauth') throw new Error('no refresh for a private app token');
    this.meter.call('token');
    let res: Response;
    try {
      // https://developers.hubspot.com/docs/api/oauth/refresh-access-token
      res = await this.http(`${baseUrl}/oauth/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: auth.clientId, client_secret: auth.clientSecret, refresh_token: auth.refreshToken }).toString(),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (!isNetworkError(error) || signal?.aborted) throw error;
      throw new CrmTransientError('The connection to HubSpot failed while refreshing the access token', { cause: error });
    }
    const text = await res.text();
    if (res.status >= 500) throw new CrmTransientError(`HubSpot answered ${res.status} to the token refresh`, { status: res.status });
    if (!res.ok) {
      const body = parseErrorBody(text);
      const code = body.status ?? `HTTP_${res.status}`;
      throw new CrmAuthError(`HubSpot refused the OAuth refresh token (${code})${body.message ? `: ${body.message}` : ''}`, { code, status: res.status });
    }
    const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new CrmTransientError('HubSpot answered the token refresh without an access token');
    this.cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 1800) * 1000 - EXPIRY_MARGIN_MS };
    return body.access_token;
  }
}
