import { InsecureUrlError } from '@crm-hub/plugin-sdk';
import { DEFAULTS } from '../manifest/connection-spec';

/** How the plugin authenticates. */
export type HubSpotAuth =
  | { kind: 'private-app'; accessToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string };

/** The account settings, checked, defaults filled in. */
export interface HubSpotConfig {
  /** The API origin, without a trailing slash. */
  baseUrl: string;
  auth: HubSpotAuth;
  pageSize: number;
  pollIntervalMs: number;
  safetyLagMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  searchRequestsPerSecond: number;
}

/** Settings that cannot work (no credentials); `check()` answers them as a refusal. */
export class HubSpotConfigError extends Error {}

/**
 * Reads the account settings. An `http:` (or otherwise non-https) `baseUrl` throws
 * {@link InsecureUrlError}; missing credentials throw {@link HubSpotConfigError}.
 *
 * @example
 * ```ts
 * const config = parseHubSpotConfig({ accessToken: 'pat-na1-…' });
 * config.baseUrl; // 'https://api.hubapi.com'
 * ```
 */
export function parseHubSpotConfig(raw: Readonly<Record<string, unknown>>): HubSpotConfig {
  const baseText = typeof raw['baseUrl'] === 'string' && raw['baseUrl'] !== '' ? raw['baseUrl'] : DEFAULTS.baseUrl;
  let base: URL;
  try {
    base = new URL(baseText);
  } catch {
    throw new HubSpotConfigError('baseUrl is not a URL');
  }
  if (base.protocol !== 'https:') throw new InsecureUrlError(base, 'baseUrl');
  const text = (key: string): string | undefined => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const num = (key: keyof typeof DEFAULTS): number => (typeof raw[key] === 'number' ? (raw[key] as number) : (DEFAULTS[key] as number));
  const accessToken = text('accessToken');
  const [clientId, clientSecret, refreshToken] = [text('clientId'), text('clientSecret'), text('refreshToken')];
  let auth: HubSpotAuth;
  if (accessToken) auth = { kind: 'private-app', accessToken };
  else if (clientId && clientSecret && refreshToken) auth = { kind: 'oauth', clientId, clientSecret, refreshToken };
  else throw new HubSpotConfigError('Give either a private app access token, or an OAuth client id, client secret and refresh token');
  return {
    baseUrl: base.origin,
    auth,
    pageSize: Math.min(200, Math.max(1, num('pageSize'))),
    pollIntervalMs: num('pollIntervalMs'),
    safetyLagMs: num('safetyLagMs'),
    maxRetries: num('maxRetries'),
    maxRetryWaitMs: num('maxRetryWaitMs'),
    searchRequestsPerSecond: num('searchRequestsPerSecond'),
  };
}
