import { createHmac } from 'node:crypto';
import type { EmulatorClock } from '../../common/clock';
import { OAuthError } from '../errors';
import type { SalesforceCredentials } from '../salesforce-emulator.types';
import { verifyJwtBearer } from './jwt-bearer';
import type { SessionStore } from './session-store';

export interface GrantContext {
  credentials: SalesforceCredentials;
  sessions: SessionStore;
  clock: EmulatorClock;
  orgId: string;
  userId: string;
  /** The instance_url token responses carry now. */
  instanceUrl(): string;
  /** `aud` values a JWT assertion may name. */
  audiences(): string[];
  refreshTokenRevoked(): boolean;
}

/** The token response of every flow: no `expires_in` (Salesforce does not send it) and no refresh token. */
export interface TokenResponse {
  access_token: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

/**
 * `POST /services/oauth2/token` for the client-credentials, JWT-bearer, refresh-token and
 * username-password grants. https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
 */
export async function grantToken(ctx: GrantContext, form: URLSearchParams, basic: { id: string; secret: string } | undefined, loginUrl: string): Promise<TokenResponse> {
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id') ?? basic?.id;
  const clientSecret = form.get('client_secret') ?? basic?.secret;
  const { credentials } = ctx;
  const checkClient = (secretRequired: boolean) => {
    if (clientId !== credentials.clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
    if ((secretRequired || clientSecret !== undefined) && clientSecret !== credentials.clientSecret) throw new OAuthError('invalid_client', 'invalid client credentials');
  };
  switch (grantType) {
    // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
    case 'client_credentials':
      checkClient(true);
      return issue(ctx, loginUrl, 'api');
    // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
    case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
      await verifyJwtBearer({
        assertion: form.get('assertion') ?? '',
        certificatePem: credentials.jwtCertificatePem,
        clientId: credentials.clientId,
        username: credentials.username,
        audiences: ctx.audiences(),
        now: ctx.clock.now(),
      });
      return issue(ctx, loginUrl, 'api');
    // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm
    case 'refresh_token':
      checkClient(false);
      if (form.get('refresh_token') !== credentials.refreshToken || ctx.refreshTokenRevoked()) {
        throw new OAuthError('invalid_grant', 'expired access/refresh token');
      }
      return issue(ctx, loginUrl, 'api refresh_token');
    // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_username_password_flow.htm
    case 'password':
      checkClient(true);
      if (form.get('username') !== credentials.username || form.get('password') !== credentials.password + credentials.securityToken) {
        throw new OAuthError('invalid_grant', 'authentication failure');
      }
      return issue(ctx, loginUrl, 'api');
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

function issue(ctx: GrantContext, loginUrl: string, scope: string): TokenResponse {
  const instanceUrl = ctx.instanceUrl();
  const session = ctx.sessions.issue(instanceUrl);
  const id = `${loginUrl}/id/${ctx.orgId}/${ctx.userId}`;
  const issuedAt = String(ctx.clock.nowMs());
  const signature = createHmac('sha256', ctx.credentials.clientSecret).update(id + issuedAt).digest('base64');
  return { access_token: session.token, signature, scope, instance_url: instanceUrl, id, token_type: 'Bearer', issued_at: issuedAt };
}
