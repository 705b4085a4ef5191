import type { JsonSchema } from '@crm-hub/plugin-sdk';

/** Microsoft Entra ID's public-cloud authority; sovereign clouds (and tests) override it. */
export const DEFAULT_AUTHORITY_URL = 'https://login.microsoftonline.com';

/** Defaults of the tuning knobs (see {@link dynamicsConnectionSpec} for why each is what it is). */
export const DEFAULTS = {
  apiVersion: '9.2',
  pageSize: 5000,
  pollIntervalMs: 60_000,
  safetyLagMs: 120_000,
  maxRetries: 6,
  batchSize: 1000,
} as const;

/**
 * The account settings of the Dynamics 365 / Dataverse plugin, as JSON Schema.
 *
 * Authentication is server-to-server (an Entra ID app registration set up in Dataverse as an
 * application user): the client-credentials grant with either a client secret or a certificate
 * (a client assertion signed with its private key). Exactly one of the two must be given
 * (`oneOf`). Unlike the reference product we ask for the tenant, because Entra ID's v2 token
 * endpoint is per tenant, and we do not offer username/password (ROPC), which Microsoft
 * discourages and MFA breaks.
 *
 * Tuning knobs:
 * - `pageSize` (default 5000, Dataverse's maximum `odata.maxpagesize`): rows per page.
 * - `pollIntervalMs` (default 60 s): how often `changes()` polls the delta link or watermark.
 * - `safetyLagMs` (default 120 s): watermark reads (tables without change tracking) stop this far
 *   behind the server's clock, because `modifiedon` is stamped when a transaction starts and a
 *   synchronous plug-in can keep it open until the 2-minute plug-in timeout: a row committed late
 *   with an older stamp would otherwise be skipped forever. Delta reads do not need it.
 * - `maxRetries` (default 6): retries of one call after 429 (honouring `Retry-After`), 5xx or a
 *   dropped connection (idempotent calls only) before giving up.
 * - `batchSize` (default 1000, the `$batch` maximum): operations per `$batch` request.
 *
 * @example
 * ```ts
 * const config = {
 *   instanceUrl: 'https://contoso.crm4.dynamics.com',
 *   tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
 *   clientId: '51f81489-12ee-4a9e-aaae-a2591f45987d',
 *   clientSecret: '…',
 * };
 * ```
 */
export const dynamicsConnectionSpec: JsonSchema = {
  type: 'object',
  title: 'Microsoft Dynamics 365 (Dataverse)',
  required: ['instanceUrl', 'tenantId', 'clientId'],
  additionalProperties: false,
  properties: {
    instanceUrl: {
      type: 'string',
      format: 'uri',
      title: 'Environment URL',
      description: 'The environment URL, e.g. https://contoso.crm4.dynamics.com (https only).',
      pattern: '^https://',
    },
    tenantId: {
      type: 'string',
      title: 'Tenant ID',
      description: 'The Microsoft Entra tenant (directory) ID or a verified domain of the tenant.',
      minLength: 1,
    },
    clientId: {
      type: 'string',
      title: 'Client ID',
      description: 'The application (client) ID of the app registration set up as a Dataverse application user.',
      minLength: 1,
    },
    clientSecret: { type: 'string', title: 'Client secret', minLength: 1, 'x-secret': true },
    certificatePem: {
      type: 'string',
      title: 'Certificate (PEM)',
      description: "The app registration's certificate, PEM-encoded (used to compute the x5t thumbprints).",
      minLength: 1,
    },
    privateKeyPem: {
      type: 'string',
      title: 'Certificate private key (PEM)',
      description: 'The RSA private key of the certificate (PKCS#8 or PKCS#1 PEM).',
      minLength: 1,
      'x-secret': true,
    },
    authorityUrl: {
      type: 'string',
      format: 'uri',
      title: 'Authority URL',
      description: 'Entra ID authority host; change it for sovereign clouds (e.g. https://login.microsoftonline.us).',
      default: DEFAULT_AUTHORITY_URL,
      pattern: '^https://',
    },
    apiVersion: {
      type: 'string',
      title: 'Web API version',
      default: DEFAULTS.apiVersion,
      pattern: '^\\d+\\.\\d+$',
    },
    pageSize: { type: 'integer', title: 'Rows per page', minimum: 1, maximum: 5000, default: DEFAULTS.pageSize },
    pollIntervalMs: { type: 'integer', title: 'Change poll interval (ms)', minimum: 100, default: DEFAULTS.pollIntervalMs },
    safetyLagMs: { type: 'integer', title: 'Watermark safety lag (ms)', minimum: 0, default: DEFAULTS.safetyLagMs },
    maxRetries: { type: 'integer', title: 'Retries per call', minimum: 0, maximum: 20, default: DEFAULTS.maxRetries },
    batchSize: { type: 'integer', title: 'Operations per $batch', minimum: 1, maximum: 1000, default: DEFAULTS.batchSize },
  },
  oneOf: [
    { required: ['clientSecret'], not: { anyOf: [{ required: ['certificatePem'] }, { required: ['privateKeyPem'] }] } },
    { required: ['certificatePem', 'privateKeyPem'], not: { required: ['clientSecret'] } },
  ],
} as JsonSchema;
