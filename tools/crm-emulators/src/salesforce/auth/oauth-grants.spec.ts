import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { Connection, OAuth2 } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { API_VERSION, connect, failure, rest } from '../test-support/salesforce-test-kit';
import { grantToken } from './oauth-grants';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe(grantToken.name, () => {
  let sf: SalesforceEmulator;
  beforeAll(async () => (sf = await startSalesforceEmulator({ sessionLifetimeMs: 60 * 60 * 1000 })));
  afterAll(() => sf.close());

  const oauth2 = () => new OAuth2({ loginUrl: sf.url, clientId: sf.credentials.clientId, clientSecret: sf.credentials.clientSecret });
  const connection = () => new Connection({ loginUrl: sf.url, version: API_VERSION, oauth2: oauth2() });
  const assertion = async (claims: { aud?: string; iss?: string; sub?: string; expInS?: number; key?: string }) => {
    const key = await importPKCS8(claims.key ?? sf.credentials.jwtPrivateKeyPem, 'RS256');
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(claims.iss ?? sf.credentials.clientId)
      .setSubject(claims.sub ?? sf.credentials.username)
      .setAudience(claims.aud ?? 'https://login.salesforce.com')
      .setExpirationTime(Math.floor(sf.clock.nowMs() / 1000) + (claims.expInS ?? 120))
      .sign(key);
  };

  it('answers the client-credentials grant with instance_url and no expires_in or refresh_token', async () => {
    const res = await fetch(`${sf.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sf.credentials.clientId, client_secret: sf.credentials.clientSecret }),
    });
    const body = (await res.json()) as Record<string, string>;
    expect(res.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(body).toMatchObject({ instance_url: sf.instanceUrl, token_type: 'Bearer' });
    expect(res.headers.get('sforce-limit-info')).toBeNull();
    const conn = await connect(sf);
    expect(conn.instanceUrl).toBe(sf.instanceUrl);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
    expect(await conn.identity()).toMatchObject({ username: sf.credentials.username, user_id: conn.userInfo?.id, organization_id: conn.userInfo?.organizationId });
  });

  it('logs in with username, password + security token (jsforce login) and refuses a bad password', async () => {
    const conn = connection();
    const { password, securityToken, username } = sf.credentials;
    await conn.login(username, password + securityToken);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(0);
    const err = await failure(connection().login(username, password));
    expect(err.name).toBe('invalid_grant');
    expect(err.message).toBe('authentication failure');
  });

  it('refreshes with the refresh token until it is revoked, then answers invalid_grant', async () => {
    const res = await oauth2().refreshToken(sf.credentials.refreshToken);
    expect(res.instance_url).toBe(sf.instanceUrl);
    expect(res.refresh_token).toBeUndefined();
    sf.revokeRefreshToken();
    const err = await failure(oauth2().refreshToken(sf.credentials.refreshToken));
    expect([err.name, err.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
  });

  it('accepts a JWT bearer assertion signed with the connected app key, for login, test and its own audience', async () => {
    for (const aud of ['https://login.salesforce.com', 'https://test.salesforce.com', sf.url]) {
      const conn = connection();
      await conn.authorize({ grant_type: JWT_GRANT, assertion: await assertion({ aud }) });
      expect(conn.refreshToken).toBeUndefined();
      expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(0);
    }
  });

  it.each([
    ['another audience', { aud: 'https://example.com' }, 'invalid_grant', 'audience is invalid'],
    ['an expired assertion', { expInS: -10 }, 'invalid_grant', 'expired authorization code'],
    ['an expiry further than 3 minutes', { expInS: 600 }, 'invalid_grant', 'invalid assertion'],
    ['another consumer key', { iss: 'someone-else' }, 'invalid_client_id', 'client identifier invalid'],
    ['another user', { sub: 'nobody@example.com' }, 'invalid_grant', "user hasn't approved this consumer"],
  ])('refuses a JWT with %s', async (_what, claims, error, description) => {
    const err = await failure(connection().authorize({ grant_type: JWT_GRANT, assertion: await assertion(claims) }));
    expect([err.name, err.message]).toEqual([error, description]);
  });

  it('refuses a JWT signed with a key whose certificate is not on the connected app', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const err = await failure(connection().authorize({ grant_type: JWT_GRANT, assertion: await assertion({ key }) }));
    expect([err.name, err.message]).toEqual(['invalid_grant', 'invalid assertion']);
  });

  it('refuses bad client credentials and unknown grant types', async () => {
    const bad = new OAuth2({ loginUrl: sf.url, clientId: sf.credentials.clientId, clientSecret: 'wrong' });
    expect((await failure(bad.requestToken({ grant_type: 'client_credentials' }))).name).toBe('invalid_client');
    expect((await failure(oauth2().requestToken({ grant_type: 'authorization_code_x' }))).name).toBe('unsupported_grant_type');
  });

  it('expires sessions after the session lifetime of inactivity, with the exact 401 body', async () => {
    const conn = await connect(sf);
    sf.clock.advance(40 * 60 * 1000);
    expect((await rest(conn, '/limits')).status).toBe(200); // activity keeps the session alive
    sf.clock.advance(40 * 60 * 1000);
    expect((await rest(conn, '/limits')).status).toBe(200);
    sf.clock.advance(60 * 60 * 1000);
    const res = await rest(conn, '/limits');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    // A connection without refresh means surfaces the REST error as err.errorCode.
    const tokenOnly = new Connection({ instanceUrl: conn.instanceUrl, accessToken: conn.accessToken as string, version: API_VERSION });
    expect((await failure(tokenOnly.query('SELECT Id FROM Account'))).errorCode).toBe('INVALID_SESSION_ID');
  });

  it('lets jsforce recover from expireSessions() by refreshing its token', async () => {
    const fresh = await startSalesforceEmulator();
    try {
      const { clientId, clientSecret, refreshToken } = fresh.credentials;
      const conn = new Connection({ oauth2: { loginUrl: fresh.url, clientId, clientSecret }, instanceUrl: fresh.instanceUrl, refreshToken, version: API_VERSION });
      fresh.seed('Account', 3);
      expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(3);
      fresh.expireSessions();
      fresh.counters.reset();
      expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(3);
      expect(fresh.counters.snapshot()).toEqual({ query: 2, token: 1 });
    } finally {
      await fresh.close();
    }
  });

  it('switches instance_url; tokens only work on the instance they were issued for', async () => {
    const before = await connect(sf);
    const ipInstance = sf.switchInstance();
    expect(ipInstance).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const after = await connect(sf);
    expect(after.instanceUrl).toBe(ipInstance);
    expect((await after.query('SELECT COUNT() FROM Account')).done).toBe(true);
    expect((await rest(before, `${ipInstance}/services/data/v${API_VERSION}/limits`)).status).toBe(401);
    expect((await rest(after, `${before.instanceUrl}/services/data/v${API_VERSION}/limits`)).status).toBe(401);
    expect(sf.switchInstance()).toBe(sf.url);
  });
});
