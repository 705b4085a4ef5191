import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, clientAssertion, fetchToken, json, requestToken, webApiClient } from './test-support/dataverse-test-client';

type AadError = { error: string; error_description: string; error_codes: number[] };

describe(startDataverseEmulator.name, () => {
  describe('Entra-like token endpoint and bearer tokens', () => {
    let dv: DataverseEmulator;

    beforeAll(async () => {
      dv = await startDataverseEmulator();
    });
    afterAll(() => dv.close());

    const base = () => ({ grant_type: 'client_credentials', client_id: dv.credentials.clientId, scope: `${dv.url}/.default` });

    it('issues a bearer token for the client secret, and dynamics-web-api uses it through onTokenRefresh', async () => {
      const res = await requestToken(dv, { ...base(), client_secret: dv.credentials.clientSecret });
      expect(res.status).toBe(200);
      const body = await json<{ token_type: string; expires_in: number; access_token: string }>(res);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
      const client = webApiClient(dv, () => body.access_token);
      const who = await client.callFunction<{ UserId: string }>('WhoAmI');
      expect(who.UserId).toMatch(/^[0-9a-f-]{36}$/);
      expect(dv.counters.get('token')).toBe(1);
      expect(dv.counters.get('whoAmI')).toBe(1);
    });

    it('accepts a certificate client assertion signed with the registered key', async () => {
      const token = await fetchToken(dv, 'certificate');
      const res = await api(dv, token, 'accounts?$top=1');
      expect(res.status).toBe(200);
    });

    it.each([
      ['a wrong secret', () => ({ ...base(), client_secret: 'nope' }), 401, 'invalid_client', 7000215],
      ['a scope without /.default', () => ({ ...base(), scope: dv.url, client_secret: dv.credentials.clientSecret }), 400, 'invalid_scope', 1002012],
      ['another resource', () => ({ ...base(), scope: 'https://other.crm.dynamics.com/.default', client_secret: dv.credentials.clientSecret }), 400, 'invalid_resource', 500011],
      ['an unknown client', () => ({ ...base(), client_id: '00000000-0000-0000-0000-000000000000', client_secret: 'x' }), 400, 'unauthorized_client', 700016],
      ['another grant', () => ({ ...base(), grant_type: 'password', client_secret: dv.credentials.clientSecret }), 400, 'unsupported_grant_type', 70003],
      ['no credential', () => base(), 401, 'invalid_client', 7000218],
    ])('refuses %s with the AADSTS error', async (_name, form, status, error, code) => {
      const res = await requestToken(dv, form());
      expect(res.status).toBe(status);
      const body = await json<AadError>(res);
      expect(body.error).toBe(error);
      expect(body.error_codes).toEqual([code]);
      expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    });

    it('checks the assertion audience, certificate thumbprint and expiry', async () => {
      const form = async (overrides: Parameters<typeof clientAssertion>[1]) => ({
        ...base(),
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await clientAssertion(dv, overrides),
      });
      const codes = async (overrides: Parameters<typeof clientAssertion>[1]) => (await json<AadError>(await requestToken(dv, await form(overrides)))).error_codes;
      expect(await codes({ aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' })).toEqual([700023]);
      expect(await codes({ x5t: Buffer.from('not the registered certificate').toString('base64url') })).toEqual([700027]);
      expect(await codes({ expiresInSeconds: -3600 })).toEqual([700024]);
    });

    it('refuses an unknown tenant', async () => {
      const res = await requestToken(dv, { ...base(), client_secret: dv.credentials.clientSecret }, 'contoso.onmicrosoft.com');
      expect((await json<AadError>(res)).error_codes).toEqual([90002]);
    });

    it('answers API calls without a valid token with 401 and the authority challenge', async () => {
      const anonymous = await fetch(`${dv.apiUrl}/accounts`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe(
        `Bearer authorization_uri=${dv.url}/${dv.credentials.tenantId}/oauth2/authorize, resource_id=${dv.url}/`,
      );
      const forged = await api(dv, 'not-a-token', 'accounts');
      expect(forged.status).toBe(401);
      expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer error=invalid_token, /);
    });

    it('expires tokens with the clock and on demand', async () => {
      const token = await fetchToken(dv);
      expect((await api(dv, token, 'accounts')).status).toBe(200);
      dv.clock.advance(60 * 60 * 1000);
      expect((await api(dv, token, 'accounts')).status).toBe(401);
      const fresh = await fetchToken(dv);
      dv.expireTokens();
      expect((await api(dv, fresh, 'accounts')).status).toBe(401);
    });
  });
});
