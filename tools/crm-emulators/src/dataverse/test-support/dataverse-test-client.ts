import { randomUUID } from 'node:crypto';
import { DynamicsWebApi } from 'dynamics-web-api';
import { importPKCS8, SignJWT } from 'jose';
import { thumbprints } from '../auth/credentials';
import type { DataverseEmulator, DataverseEmulatorOptions } from '../dataverse-emulator.types';
import { startDataverseEmulator } from '../start-dataverse-emulator';

/** Builds the certificate client assertion an MSAL confidential client would send. */
export async function clientAssertion(emulator: DataverseEmulator, overrides: { aud?: string; x5t?: string; expiresInSeconds?: number } = {}): Promise<string> {
  const { credentials } = emulator;
  const key = await importPKCS8(credentials.privateKeyPem, 'RS256');
  const now = Math.floor(emulator.clock.nowMs() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: overrides.x5t ?? thumbprints(credentials.certificatePem).x5t })
    .setAudience(overrides.aud ?? emulator.tokenEndpoint)
    .setIssuer(credentials.clientId)
    .setSubject(credentials.clientId)
    .setJti(randomUUID())
    .setNotBefore(now - 10)
    .setIssuedAt(now)
    .setExpirationTime(now + (overrides.expiresInSeconds ?? 600))
    .sign(key);
}

/** POSTs a form to the emulator's token endpoint. */
export function requestToken(emulator: DataverseEmulator, form: Record<string, string>, tenant = emulator.credentials.tenantId): Promise<Response> {
  return fetch(`${emulator.authorityUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

/** An access token by client secret (default) or by certificate assertion. */
export async function fetchToken(emulator: DataverseEmulator, mode: 'secret' | 'certificate' = 'secret'): Promise<string> {
  const { credentials } = emulator;
  const credential: Record<string, string> =
    mode === 'secret'
      ? { client_secret: credentials.clientSecret }
      : { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await clientAssertion(emulator) };
  const res = await requestToken(emulator, { grant_type: 'client_credentials', client_id: credentials.clientId, scope: `${emulator.url}/.default`, ...credential });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** dynamics-web-api pointed at the emulator, authenticated through onTokenRefresh. */
export function webApiClient(emulator: DataverseEmulator, token: () => Promise<string> | string): DynamicsWebApi {
  return new DynamicsWebApi({ serverUrl: emulator.url, dataApi: { version: '9.2' }, onTokenRefresh: async () => token() });
}

/** Raw fetch to the Web API (path below /api/data/v9.2/ or an absolute URL). */
export function api(emulator: DataverseEmulator, token: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const url = path.startsWith('https://') ? path : `${emulator.apiUrl}/${path}`;
  return fetch(url, {
    ...init,
    headers: { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0', Authorization: `Bearer ${token}`, ...init.headers },
  });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** An emulator started for a spec, with a token and an independent client (dynamics-web-api) using it. */
export async function startWithClient(options?: DataverseEmulatorOptions): Promise<{ dv: DataverseEmulator; token: string; client: DynamicsWebApi }> {
  const dv = await startDataverseEmulator(options);
  const token = await fetchToken(dv);
  return { dv, token, client: webApiClient(dv, () => token) };
}
