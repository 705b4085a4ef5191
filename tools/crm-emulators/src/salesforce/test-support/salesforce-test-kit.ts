import { Connection } from 'jsforce';
import type { SalesforceEmulator } from '../salesforce-emulator.types';

export const API_VERSION = '62.0';

/** A jsforce connection logged in with the client-credentials flow (the plugin's default). */
export async function connect(sf: SalesforceEmulator, version = API_VERSION): Promise<Connection> {
  const { clientId, clientSecret } = sf.credentials;
  const conn = new Connection({ loginUrl: sf.url, version, oauth2: { loginUrl: sf.url, clientId, clientSecret } });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

/** Raw REST call with the connection's token, for what jsforce hides (status codes, headers). */
export async function rest(conn: Connection, path: string, init: RequestInit = {}): Promise<Response> {
  const url = path.startsWith('https://') ? path : `${conn.instanceUrl}/services/data/v${conn.version}${path}`;
  return fetch(url, { ...init, headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });
}

/** Runs a promise that must fail, and returns its error. */
export async function failure(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected a failure');
}
