import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { EmulatorClock } from '../../common/clock';
import type { DataverseCredentials } from '../dataverse-emulator.types';
import { aad, AadError } from './aad-errors';
import { JWT_BEARER, verifyClientAssertion } from './client-assertion';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false; reason: 'missing' | 'invalid' };

/**
 * The Entra-like authority: `POST /{tenant}/oauth2/v2.0/token` with the client-credentials grant, a
 * secret or a certificate assertion, and `scope=<environment URL>/.default`
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow). Issued tokens
 * are JWTs the emulator also remembers, so it can expire them all at once.
 */
export class TokenService {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly signingKey = randomBytes(32);

  constructor(
    private readonly credentials: DataverseCredentials,
    private readonly clock: EmulatorClock,
    private readonly lifetimeMs: number,
    private readonly environmentUrl: () => string,
    private readonly authorityUrl: () => string,
  ) {}

  expireAll(): void {
    this.tokens.clear();
  }

  /** Answers a token request: status and JSON body (success or AADSTS error). */
  async issue(tenant: string, form: URLSearchParams): Promise<{ status: number; body: Record<string, unknown> }> {
    try {
      const clientId = this.authenticate(tenant, form);
      await this.checkCredential(tenant, form, clientId);
      return { status: 200, body: await this.mint(clientId) };
    } catch (error) {
      if (error instanceof AadError) return { status: error.status, body: error.toBody(this.clock.nowMs()) };
      throw error;
    }
  }

  /** Reads `Authorization: Bearer …` of an API call. */
  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const token = this.tokens.get(match[1] as string);
    if (!token || token.expiresAt <= this.clock.nowMs()) return { ok: false, reason: 'invalid' };
    return { ok: true, clientId: token.clientId };
  }

  private authenticate(tenant: string, form: URLSearchParams): string {
    if (tenant !== this.credentials.tenantId) throw aad.tenantNotFound(tenant);
    const grant = form.get('grant_type');
    if (!grant) throw aad.missingParameter('grant_type');
    if (grant !== 'client_credentials') throw aad.unsupportedGrant(grant);
    const clientId = form.get('client_id');
    if (!clientId) throw aad.missingParameter('client_id');
    if (clientId !== this.credentials.clientId) throw aad.unknownClient(clientId, tenant);
    const scope = form.get('scope');
    if (!scope) throw aad.missingParameter('scope');
    const resource = scope.replace(/\/\.default$/, '').replace(/\/+$/, '');
    if (!scope.endsWith('/.default') || scope.trim().includes(' ')) throw aad.invalidScope(scope);
    if (resource !== this.environmentUrl()) throw aad.unknownResource(resource, tenant);
    return clientId;
  }

  private async checkCredential(tenant: string, form: URLSearchParams, clientId: string): Promise<void> {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null && assertion !== null) throw aad.twoCredentials();
    if (secret !== null) {
      if (secret !== this.credentials.clientSecret) throw aad.invalidSecret(clientId);
      return;
    }
    if (assertion === null) throw aad.noCredential();
    if (form.get('client_assertion_type') !== JWT_BEARER) throw aad.malformedAssertion();
    const authority = `${this.authorityUrl()}/${tenant}`;
    await verifyClientAssertion(assertion, this.credentials, [`${authority}/oauth2/v2.0/token`, `${authority}/oauth2/token`], this.clock.nowMs());
  }

  private async mint(clientId: string): Promise<Record<string, unknown>> {
    const now = Math.floor(this.clock.nowMs() / 1000);
    const expiresIn = Math.floor(this.lifetimeMs / 1000) - 1;
    const accessToken = await new SignJWT({ appid: clientId, tid: this.credentials.tenantId, oid: clientId, idtyp: 'app', ver: '1.0', uti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(`${this.environmentUrl()}/`)
      .setIssuer(`https://sts.windows.net/${this.credentials.tenantId}/`)
      .setSubject(clientId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.signingKey);
    this.tokens.set(accessToken, { clientId, expiresAt: this.clock.nowMs() + expiresIn * 1000 });
    return { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken };
  }
}
