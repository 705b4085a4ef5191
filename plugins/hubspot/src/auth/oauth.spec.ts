import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

describe('OAuth refresh tokens', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  const oauth = () => {
    const { clientId, clientSecret, refreshToken } = h.hs.credentials;
    return { accessToken: undefined, clientId, clientSecret, refreshToken };
  };

  it('refreshes the access token once, keeps it, and gets a new one when HubSpot says it expired', async () => {
    const { connector, test } = await h.open(oauth());
    expect(await connector.check()).toMatchObject({ ok: true, details: { portalId: h.hs.portalId, auth: 'oauth' } });
    await connector.discover({ objects: ['contacts'] });
    expect(test.calls['token']).toBe(1);
    h.hs.clock.advance(31 * 60_000); // HubSpot's clock passes the 30-minute lifetime; the plugin's does not
    await connector.discover({ objects: ['contacts'] });
    expect(test.calls['token']).toBe(2);
  });

  it('answers a revoked refresh token as a refusal naming HubSpot status, never a secret', async () => {
    const { connector } = await h.open({ ...oauth(), clientSecret: 'not-the-secret' });
    const refused = await connector.check();
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('BAD_CLIENT_SECRET') });
    h.hs.revokeRefreshToken();
    const { connector: revoked } = await h.open(oauth());
    const result = await revoked.check();
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('BAD_REFRESH_TOKEN') });
    expect(JSON.stringify(result)).not.toContain(h.hs.credentials.refreshToken);
  });

  it('refuses an http:// host before sending anything', async () => {
    const { connector, test } = await h.open({ baseUrl: h.hs.url.replace('https:', 'http:') });
    await expect(connector.check()).rejects.toMatchObject({ name: 'InsecureUrlError', setting: 'baseUrl' });
    expect(test.calls).toEqual({});
  });
});
