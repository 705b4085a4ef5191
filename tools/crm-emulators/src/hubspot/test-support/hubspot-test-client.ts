import { Client } from '@hubspot/api-client';
import type { HubSpotEmulator, HubSpotEmulatorOptions } from '../hubspot-emulator.types';
import { startHubSpotEmulator } from '../start-hubspot-emulator';

/** The official client on the emulator, authenticated with the private app token (no client-side limiter or retries). */
export function officialClient(hs: HubSpotEmulator, options: { accessToken?: string; retries?: number } = {}): Client {
  return new Client({
    accessToken: options.accessToken ?? hs.credentials.privateAppToken,
    basePath: hs.url,
    numberOfApiCallRetries: options.retries ?? 0,
    limiterOptions: { maxConcurrent: 6, minTime: 0 },
  });
}

/** A raw API call with the private app token (or `token`); `path` below the host. */
export function api(hs: HubSpotEmulator, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Response> {
  return fetch(`${hs.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${init.token ?? hs.credentials.privateAppToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** A JSON body. */
export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** `POST /oauth/v1/token` with the refresh-token grant; the access token. */
export async function oauthToken(hs: HubSpotEmulator): Promise<string> {
  const { clientId, clientSecret, refreshToken } = hs.credentials;
  const res = await fetch(`${hs.url}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken }).toString(),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await json<{ access_token: string }>(res)).access_token;
}

/** Starts an emulator for one spec; `close()` it in afterAll. */
export function startEmulator(options?: HubSpotEmulatorOptions): Promise<HubSpotEmulator> {
  return startHubSpotEmulator(options);
}
