import { CrmAuthError, CrmTransientError, type ApiMeter, type SecureFetch } from '@crm-hub/plugin-sdk';
import type { DynamicsConfig } from '../config/dynamics-config';
import { isNetworkError } from '../errors';
import { ClientAssertionSigner } from './client-assertion';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Renew this long before `expires_in` runs out (capped at a tenth of short test lifetimes). */
const RENEW_BEFORE_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  renewAt: number;
}

/**
 * Gets and caches the bearer token of the client-credentials grant (secret or certificate
 * assertion) for `<instance>/.default`. A token is reused until shortly before `expires_in`; a
 * 401 from Dataverse calls {@link TokenProvider.invalidate} and the next call gets a new one.
 * Concurrent callers share one token request. Secrets are never part of an error message.
 *
 * @example
 * ```ts
 * const tokens = new TokenProvider(config, ctx.http, ctx.meter);
 * const bearer = await tokens.token(signal);
 * ```
 */
export class TokenProvider {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private signer: ClientAssertionSigner | undefined;

  constructor(
    private readonly config: DynamicsConfig,
    private readonly http: SecureFetch,
    private readonly meter: ApiMeter,
  ) {}

  /** A valid access token, from cache when it has some life left. */
  async token(signal?: AbortSignal): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.request(signal).finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Forgets the cached token (Dataverse answered 401 with it). */
  invalidate(): void {
    this.cached = undefined;
  }

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#get-a-token
  private async request(signal?: AbortSignal): Promise<CachedToken> {
    const { clientId, tokenUrl, scope, credential } = this.config;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope });
    if (credential.kind === 'secret') form.set('client_secret', credential.clientSecret);
    else {
      this.signer ??= new ClientAssertionSigner(credential.certificatePem, credential.privateKeyPem);
      form.set('client_assertion_type', ASSERTION_TYPE);
      form.set('client_assertion', await this.signer.sign(clientId, tokenUrl));
    }
    this.meter.call('token');
    let res: Response;
    try {
      res = await this.http(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (isNetworkError(error)) throw new CrmTransientError('The Entra ID token endpoint could not be reached', { cause: error });
      throw error;
    }
    const text = await res.text();
    const body = parseJson(text);
    if (!res.ok) throw tokenError(res.status, body);
    const accessToken = body['access_token'];
    const expiresIn = Number(body['expires_in']);
    if (typeof accessToken !== 'string' || !(expiresIn > 0)) {
      throw new CrmAuthError('The Entra ID token endpoint answered without an access token', { status: res.status });
    }
    const lifetimeMs = expiresIn * 1000;
    return { value: accessToken, renewAt: Date.now() + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 10) };
  }
}

function tokenError(status: number, body: Record<string, unknown>): Error {
  const code = typeof body['error'] === 'string' ? body['error'] : undefined;
  // error_description starts with the AADSTS code and reason; the trace/correlation lines add nothing for operators.
  const description = typeof body['error_description'] === 'string' ? body['error_description'].split(/\r?\n/)[0] : undefined;
  const message = `Entra ID refused the client credentials${code ? ` (${code})` : ''}${description ? `: ${description}` : ''}`;
  if (status >= 500 || status === 429) {
    return new CrmTransientError(`The Entra ID token endpoint answered ${status}`, { status, ...(code ? { code } : {}) });
  }
  return new CrmAuthError(message, { status, ...(code ? { code } : {}) });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
