import { decodeProtectedHeader, decodeJwt } from 'jose';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { TokenProvider } from './token-provider';

describe(TokenProvider.name, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.emulator.counters.reset());

  it('authenticates with a client secret and reuses the token until it expires', async () => {
    const { connector } = await h.open();
    await expect(connector.check()).resolves.toMatchObject({ ok: true, details: { userId: expect.any(String) } });
    await connector.discover();
    expect(h.emulator.counters.get('token')).toBe(1);
  });

  it('authenticates with a certificate: an RS256 assertion with x5t / x5t#S256, aud = the token endpoint', async () => {
    const { certificatePem, privateKeyPem } = h.emulator.credentials;
    const recorder = recordingFetch();
    const { connector } = await h.open({ clientSecret: undefined, certificatePem, privateKeyPem }, { fetch: recorder.fetch });
    await expect(connector.check()).resolves.toMatchObject({ ok: true });
    const tokenCall = recorder.exchanges.find((e) => e.url.pathname.endsWith('/oauth2/v2.0/token'));
    const form = new URLSearchParams(tokenCall?.body ?? '');
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = form.get('client_assertion') ?? '';
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'RS256', x5t: expect.any(String), 'x5t#S256': expect.any(String) });
    expect(decodeJwt(assertion)).toMatchObject({
      aud: tokenCall?.url.href,
      iss: h.emulator.credentials.clientId,
      sub: h.emulator.credentials.clientId,
      jti: expect.any(String),
    });
    expect(form.get('scope')).toBe(`${h.emulator.url}/.default`);
  });

  it('gets a new token once when Dataverse answers 401, and when the token outlives its lifetime', async () => {
    const { connector } = await h.open();
    await connector.check();
    h.emulator.expireTokens();
    await expect(connector.discover()).resolves.toMatchObject({ objects: expect.any(Array) });
    expect(h.emulator.counters.get('token')).toBe(2);
    h.emulator.clock.advance(2 * 3600_000);
    await expect(connector.check()).resolves.toMatchObject({ ok: true });
    expect(h.emulator.counters.get('token')).toBe(3);
  });

  it('answers check() with ok: false and a reason, never the secret, when the credentials are refused', async () => {
    const secret = 'this-is-not-the-secret';
    const { connector, test } = await h.open({ clientSecret: secret });
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(test.logs)).not.toContain(secret);
  });

  it('refuses a private key that does not belong to the certificate, without calling Entra ID', async () => {
    const { certificatePem } = h.emulator.credentials;
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { connector } = await h.open({ clientSecret: undefined, certificatePem, privateKeyPem: other });
    const result = await connector.check();
    expect(result).toEqual({ ok: false, reason: "Setting 'privateKeyPem' is not the private key of 'certificatePem'" });
    expect(h.emulator.counters.get('token')).toBe(0);
  });
});
