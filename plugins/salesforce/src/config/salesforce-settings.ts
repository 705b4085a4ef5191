import { CrmAuthError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { AUTH_FLOWS, SETTING_DEFAULTS, type AuthFlow } from '../manifest/connection-spec';

/**
 * The connection settings, checked and with defaults applied. Holds secrets: never log it, never
 * put it in an error or a checkpoint.
 *
 * @example
 * ```ts
 * const settings = parseSettings(ctx.config);
 * settings.loginUrl; // 'https://login.salesforce.com'
 * ```
 */
export interface SalesforceSettings {
  /** Origin to sign in at, without a trailing slash (sandbox applied). */
  loginUrl: string;
  authFlow: AuthFlow;
  clientId: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  securityToken?: string;
  refreshToken?: string;
  privateKey?: string;
  /** JWT `aud`. */
  jwtAudience: string;
  apiVersion: string;
  sandbox: boolean;
  bulkReadThreshold: number;
  bulkWriteThreshold: number;
  pollIntervalMs: number;
  safetyLagMs: number;
}

/** What each flow cannot do without (the connection spec's `if/then` clauses, checked here too). */
const REQUIRED: Record<AuthFlow, (keyof SalesforceSettings)[]> = {
  'client-credentials': ['clientSecret'],
  'jwt-bearer': ['username', 'privateKey'],
  'refresh-token': ['refreshToken'],
  'username-password': ['clientSecret', 'username', 'password'],
};

/** An https URL reduced to its origin and path (no trailing slash); anything else is refused. */
function httpsUrl(value: unknown, setting: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`Setting '${setting}' must be an https:// URL`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new TypeError(`Setting '${setting}' is not a valid URL`);
  }
  if (url.protocol !== 'https:') throw new InsecureUrlError(url, setting);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function optionalString(config: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = config[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new TypeError(`Setting '${key}' must be a string`);
  return value;
}

function integer(config: Readonly<Record<string, unknown>>, key: keyof typeof SETTING_DEFAULTS, min: number): number {
  const value = config[key] ?? SETTING_DEFAULTS[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`Setting '${key}' must be an integer ≥ ${min}`);
  }
  return value;
}

/**
 * Checks the account settings and applies defaults. URLs are checked first, so an http:// URL
 * always fails with {@link InsecureUrlError} before anything else; missing credentials fail with
 * `CrmAuthError` naming the setting (never its value).
 *
 * A sandbox signs in at https://test.salesforce.com: with `sandbox: true` the production default
 * `https://login.salesforce.com` is replaced by it, while a My Domain URL is kept as given.
 *
 * @example
 * ```ts
 * parseSettings({ authFlow: 'refresh-token', clientId: 'x', refreshToken: 'r', sandbox: true }).loginUrl;
 * // 'https://test.salesforce.com'
 * ```
 */
export function parseSettings(config: Readonly<Record<string, unknown>>): SalesforceSettings {
  const sandbox = config['sandbox'] ?? SETTING_DEFAULTS.sandbox;
  if (typeof sandbox !== 'boolean') throw new TypeError("Setting 'sandbox' must be a boolean");
  let loginUrl = httpsUrl(config['loginUrl'] ?? SETTING_DEFAULTS.loginUrl, 'loginUrl');
  if (sandbox && loginUrl === SETTING_DEFAULTS.loginUrl) loginUrl = SETTING_DEFAULTS.sandboxLoginUrl;
  const jwtAudience =
    config['jwtAudience'] === undefined
      ? sandbox
        ? SETTING_DEFAULTS.sandboxLoginUrl
        : SETTING_DEFAULTS.loginUrl
      : httpsUrl(config['jwtAudience'], 'jwtAudience');

  const authFlow = config['authFlow'];
  if (!(AUTH_FLOWS as readonly unknown[]).includes(authFlow)) {
    throw new CrmAuthError(`Setting 'authFlow' must be one of ${AUTH_FLOWS.join(', ')}`, { code: 'INVALID_SETTINGS' });
  }
  const clientId = optionalString(config, 'clientId');
  if (!clientId) throw new CrmAuthError("Setting 'clientId' (the connected app's consumer key) is missing", { code: 'INVALID_SETTINGS' });
  const apiVersion = optionalString(config, 'apiVersion') ?? SETTING_DEFAULTS.apiVersion;
  if (!/^[1-9]\d\.0$/.test(apiVersion)) throw new TypeError("Setting 'apiVersion' must look like 62.0");

  const settings: SalesforceSettings = {
    loginUrl,
    authFlow: authFlow as AuthFlow,
    clientId,
    jwtAudience,
    apiVersion,
    sandbox,
    bulkReadThreshold: integer(config, 'bulkReadThreshold', 1),
    bulkWriteThreshold: integer(config, 'bulkWriteThreshold', 1),
    pollIntervalMs: integer(config, 'pollIntervalMs', 1_000),
    safetyLagMs: integer(config, 'safetyLagMs', 0),
  };
  for (const key of ['clientSecret', 'username', 'password', 'securityToken', 'refreshToken', 'privateKey'] as const) {
    const value = optionalString(config, key);
    if (value !== undefined) settings[key] = value;
  }
  const missing = REQUIRED[settings.authFlow].filter((key) => settings[key] === undefined);
  if (missing.length) {
    throw new CrmAuthError(`The ${settings.authFlow} flow needs the setting(s) ${missing.join(', ')}`, { code: 'INVALID_SETTINGS' });
  }
  return settings;
}
