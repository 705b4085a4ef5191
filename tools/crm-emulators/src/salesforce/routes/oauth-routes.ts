import type { HttpsEmulator } from '../../common/https-emulator';
import { grantToken } from '../auth/oauth-grants';
import type { SalesforceOrg } from '../salesforce-org';
import { json } from './route-kit';

/** Token endpoint, revocation and identity URL, on the login host (any host of the emulator). */
export function oauthRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const context = {
    credentials: org.credentials,
    sessions: org.sessions,
    clock: org.clock,
    orgId: org.store.orgId,
    userId: org.store.userId,
    instanceUrl: () => org.instanceUrl,
    audiences: () => org.audiences(),
    refreshTokenRevoked: () => org.refreshTokenRevoked,
  };

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm
  server.route('POST', '/services/oauth2/token', 'token', async (req) => {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const form = new URLSearchParams(req.text());
    const body = await grantToken(context, form, id !== undefined && secret !== undefined ? { id, secret } : undefined, `https://${req.headers.host ?? ''}`);
    return { status: 200, headers: { 'Cache-Control': 'no-cache, no-store' }, body };
  });

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm
  server.route('POST', '/services/oauth2/revoke', 'revoke', (req) => {
    const token = new URLSearchParams(req.text()).get('token') ?? '';
    if (token === org.credentials.refreshToken) org.refreshTokenRevoked = true;
    const session = org.sessions.lookup(token);
    if (session) session.revoked = true;
    return { status: 200 };
  });

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm (identity URL)
  server.route('GET', '/id/:orgId/:userId', 'identity', (req) => {
    org.sessions.authenticate(req, true);
    const base = `/services/data/v${org.options.apiVersions[org.options.apiVersions.length - 1]}`;
    return json({
      id: `${org.loginUrl}/id/${org.store.orgId}/${org.store.userId}`,
      asserted_user: true,
      user_id: org.store.userId,
      organization_id: org.store.orgId,
      username: org.credentials.username,
      nick_name: 'integration',
      display_name: 'Integration User',
      email: org.credentials.username,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${org.instanceUrl}/services/data/v{version}/`,
        sobjects: `${org.instanceUrl}/services/data/v{version}/sobjects/`,
        query: `${org.instanceUrl}/services/data/v{version}/query/`,
        limits: `${org.instanceUrl}${base}/limits`,
      },
    });
  });
}
