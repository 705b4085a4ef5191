import { CrmAuthError, InsecureUrlError } from '@crm-hub/plugin-sdk';

/**
 * A signed-in session: the access token and the instance it works on. Holds a token: never log
 * it, never put it in an error or checkpoint.
 *
 * @example
 * ```ts
 * const session: SessionInfo = { accessToken: '00D…', instanceUrl: 'https://acme.my.salesforce.com', orgId: '00D…', userId: '005…' };
 * ```
 */
export interface SessionInfo {
  accessToken: string;
  /** The API base for this token (`instance_url`); may change with each token. */
  instanceUrl: string;
  /** A rotated refresh token, when the token endpoint issued one. */
  refreshToken?: string;
  orgId?: string;
  userId?: string;
}

/**
 * Checks a token endpoint answer and extracts the session. `instance_url` must be https: a token
 * response pointing the API at http:// is refused with `InsecureUrlError` (setting
 * `instance_url`), so a tampered or misconfigured login host cannot downgrade the connection.
 * Org and user ids come from the identity URL in `id` (`…/id/<orgId>/<userId>`).
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm&type=5
 *
 * @example
 * ```ts
 * readTokenResponse({ access_token: 't', instance_url: 'https://na1.salesforce.com', id: 'https://login.salesforce.com/id/00D1/0051' });
 * // { accessToken: 't', instanceUrl: 'https://na1.salesforce.com', orgId: '00D1', userId: '0051' }
 * ```
 */
export function readTokenResponse(body: unknown): SessionInfo {
  const res = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const accessToken = res['access_token'];
  const instance = res['instance_url'];
  if (typeof accessToken !== 'string' || accessToken === '' || typeof instance !== 'string') {
    throw new CrmAuthError('The Salesforce token endpoint answered without access_token or instance_url', { code: 'INVALID_TOKEN_RESPONSE' });
  }
  let url: URL;
  try {
    url = new URL(instance);
  } catch {
    throw new CrmAuthError('The Salesforce token endpoint answered with an invalid instance_url', { code: 'INVALID_TOKEN_RESPONSE' });
  }
  if (url.protocol !== 'https:') throw new InsecureUrlError(url, 'instance_url');
  // Experience Cloud sites answer with a path prefix; keep it, drop a trailing slash.
  const session: SessionInfo = { accessToken, instanceUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
  if (typeof res['refresh_token'] === 'string' && res['refresh_token'] !== '') session.refreshToken = res['refresh_token'];
  const id = typeof res['id'] === 'string' ? /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(res['id']) : null;
  if (id) {
    session.orgId = id[1] as string;
    session.userId = id[2] as string;
  }
  return session;
}
