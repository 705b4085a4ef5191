import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../../common/clock';
import type { EmulatorRequest } from '../../common/https-emulator';
import { expiredAuthentication, invalidAuthentication } from '../errors';

/** What the emulated portal accepts: a private app's token, and an OAuth app with a refresh token. */
export interface HubSpotCredentials {
  /** A private app access token (`pat-na1-…`): never expires, until rotated. */
  privateAppToken: string;
  clientId: string;
  clientSecret: string;
  /** An OAuth refresh token issued to `clientId` (HubSpot's do not expire and are not rotated). */
  refreshToken: string;
}

/** Who made an API call: the rate limits apply per app. */
export interface Caller {
  kind: 'private-app' | 'oauth';
  /** `private-app`, or `oauth:<clientId>`. */
  identity: string;
}

/** Lifetime of an OAuth access token: `expires_in` 1800 (30 minutes). */
export const ACCESS_TOKEN_LIFETIME_MS = 30 * 60 * 1000;

/**
 * Tokens: the private app token, OAuth access tokens issued by the refresh-token grant (expiring
 * on the emulator clock), and their checks on every API call.
 * https://developers.hubspot.com/docs/api/oauth/tokens
 */
export class AuthService {
  readonly credentials: HubSpotCredentials;
  private readonly accessTokens = new Map<string, number>();
  private refreshRevoked = false;

  constructor(
    private readonly clock: EmulatorClock,
    overrides: Partial<HubSpotCredentials> = {},
  ) {
    this.credentials = {
      privateAppToken: `pat-na1-${randomUUID()}`,
      clientId: randomUUID(),
      clientSecret: randomUUID(),
      refreshToken: `na1-${randomBytes(4).toString('hex')}-${randomUUID()}`,
      ...overrides,
    };
  }

  /** The caller of a request, or the 401 HubSpot answers (missing, unknown or expired token). */
  authenticate(req: EmulatorRequest): Caller {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1];
    if (!token) throw invalidAuthentication();
    if (token === this.credentials.privateAppToken) return { kind: 'private-app', identity: 'private-app' };
    const expires = this.accessTokens.get(token);
    if (expires === undefined) throw invalidAuthentication();
    const now = this.clock.nowMs();
    if (now >= expires) throw expiredAuthentication(Math.max(1, Math.floor((now - expires) / 1000)));
    return { kind: 'oauth', identity: `oauth:${this.credentials.clientId}` };
  }

  /** `POST /oauth/v1/token` with `grant_type=refresh_token`: a new access token (30 min). */
  refresh(form: URLSearchParams): { status: number; body: object } {
    const fail = (status: string, message: string) => ({ status: 400, body: { status, message, correlationId: randomUUID(), requestId: randomUUID() } });
    if (form.get('grant_type') !== 'refresh_token') return fail('BAD_GRANT_TYPE', `unsupported grant_type: ${form.get('grant_type') ?? ''}`);
    if (form.get('client_id') !== this.credentials.clientId) return fail('BAD_CLIENT_ID', 'missing or invalid client_id');
    if (form.get('client_secret') !== this.credentials.clientSecret) return fail('BAD_CLIENT_SECRET', 'missing or invalid client_secret');
    if (this.refreshRevoked || form.get('refresh_token') !== this.credentials.refreshToken) {
      return fail('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
    }
    const accessToken = `CN${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, this.clock.nowMs() + ACCESS_TOKEN_LIFETIME_MS);
    return {
      status: 200,
      body: { token_type: 'bearer', refresh_token: this.credentials.refreshToken, access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000 },
    };
  }

  /** Every OAuth access token issued so far answers 401 (as if they had expired). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, this.clock.nowMs() - 1000);
  }

  /** The refresh token stops working (the app was uninstalled). */
  revokeRefreshToken(): void {
    this.refreshRevoked = true;
  }
}
