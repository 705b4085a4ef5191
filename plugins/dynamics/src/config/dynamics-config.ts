import { InsecureUrlError } from '@crm-hub/plugin-sdk';
import { DataverseConfigError } from '../errors';
import { DEFAULT_AUTHORITY_URL, DEFAULTS } from '../manifest/connection-spec';

/** How the app proves who it is to Entra ID. */
export type DynamicsCredential =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'certificate'; certificatePem: string; privateKeyPem: string };

/**
 * The account settings, checked and normalised: URLs are https origins without trailing
 * slashes, knobs have their defaults. Secrets stay in `credential` and are never logged.
 *
 * @example
 * ```ts
 * const config = parseDynamicsConfig(ctx.config);
 * config.webApiUrl; // 'https://contoso.crm4.dynamics.com/api/data/v9.2/'
 * ```
 */
export interface DynamicsConfig {
  /** The environment's origin, e.g. `https://contoso.crm4.dynamics.com`. */
  instanceUrl: string;
  /** The Web API service root, ending with `/`. */
  webApiUrl: string;
  /** The service root's path (`/api/data/v9.2/`), for `$batch` parts. */
  webApiPath: string;
  tenantId: string;
  clientId: string;
  credential: DynamicsCredential;
  /** The v2 token endpoint of the tenant. */
  tokenUrl: string;
  /** `<instance>/.default`: the Dataverse permissions granted to the app user. */
  scope: string;
  apiVersion: string;
  pageSize: number;
  pollIntervalMs: number;
  safetyLagMs: number;
  maxRetries: number;
  batchSize: number;
}

/**
 * Checks and normalises the account settings. `http://` URLs throw {@link InsecureUrlError};
 * missing or contradictory settings throw {@link DataverseConfigError} naming the setting (never
 * its value). The host validates against the connection spec first; this is the plugin's own
 * guard for callers that do not.
 *
 * @example
 * ```ts
 * parseDynamicsConfig({ instanceUrl: 'http://contoso.crm.dynamics.com', … }); // throws InsecureUrlError
 * ```
 */
export function parseDynamicsConfig(raw: Readonly<Record<string, unknown>>): DynamicsConfig {
  const instance = httpsUrl(raw, 'instanceUrl', undefined);
  const authority = httpsUrl(raw, 'authorityUrl', DEFAULT_AUTHORITY_URL);
  const tenantId = requiredString(raw, 'tenantId');
  const clientId = requiredString(raw, 'clientId');
  const apiVersion = optionalString(raw, 'apiVersion') ?? DEFAULTS.apiVersion;
  if (!/^\d+\.\d+$/.test(apiVersion)) throw new DataverseConfigError("Setting 'apiVersion' must look like 9.2");
  const webApiPath = `/api/data/v${apiVersion}/`;
  const authorityBase = `${authority.origin}${authority.pathname.replace(/\/+$/, '')}`;
  return {
    instanceUrl: instance.origin,
    webApiUrl: `${instance.origin}${webApiPath}`,
    webApiPath,
    tenantId,
    clientId,
    credential: credentialOf(raw),
    tokenUrl: `${authorityBase}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    scope: `${instance.origin}/.default`,
    apiVersion,
    pageSize: integer(raw, 'pageSize', DEFAULTS.pageSize, 1, 5000),
    pollIntervalMs: integer(raw, 'pollIntervalMs', DEFAULTS.pollIntervalMs, 100, Number.MAX_SAFE_INTEGER),
    safetyLagMs: integer(raw, 'safetyLagMs', DEFAULTS.safetyLagMs, 0, Number.MAX_SAFE_INTEGER),
    maxRetries: integer(raw, 'maxRetries', DEFAULTS.maxRetries, 0, 20),
    batchSize: integer(raw, 'batchSize', DEFAULTS.batchSize, 1, 1000),
  };
}

function credentialOf(raw: Readonly<Record<string, unknown>>): DynamicsCredential {
  const clientSecret = optionalString(raw, 'clientSecret');
  const certificatePem = optionalString(raw, 'certificatePem');
  const privateKeyPem = optionalString(raw, 'privateKeyPem');
  const certificate = certificatePem !== undefined || privateKeyPem !== undefined;
  if (clientSecret !== undefined && certificate) {
    throw new DataverseConfigError("Give either 'clientSecret' or 'certificatePem' + 'privateKeyPem', not both");
  }
  if (clientSecret !== undefined) return { kind: 'secret', clientSecret };
  if (certificatePem === undefined || privateKeyPem === undefined) {
    throw new DataverseConfigError(
      certificate
        ? "A certificate credential needs both 'certificatePem' and 'privateKeyPem'"
        : "A credential is required: 'clientSecret', or 'certificatePem' + 'privateKeyPem'",
    );
  }
  return { kind: 'certificate', certificatePem, privateKeyPem };
}

function httpsUrl(raw: Readonly<Record<string, unknown>>, setting: string, fallback: string | undefined): URL {
  const value = optionalString(raw, setting) ?? fallback;
  if (value === undefined) throw new DataverseConfigError(`Setting '${setting}' is required`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DataverseConfigError(`Setting '${setting}' is not a valid URL`);
  }
  if (url.protocol !== 'https:') throw new InsecureUrlError(url, setting);
  if (url.username || url.password) throw new DataverseConfigError(`Setting '${setting}' must not contain credentials`);
  return url;
}

function requiredString(raw: Readonly<Record<string, unknown>>, setting: string): string {
  const value = optionalString(raw, setting);
  if (value === undefined) throw new DataverseConfigError(`Setting '${setting}' is required`);
  return value;
}

function optionalString(raw: Readonly<Record<string, unknown>>, setting: string): string | undefined {
  const value = raw[setting];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new DataverseConfigError(`Setting '${setting}' must be a string`);
  return value.trim() === '' ? undefined : value.trim();
}

function integer(raw: Readonly<Record<string, unknown>>, setting: string, fallback: number, min: number, max: number): number {
  const value = raw[setting];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DataverseConfigError(`Setting '${setting}' must be an integer between ${min} and ${max}`);
  }
  return value;
}
