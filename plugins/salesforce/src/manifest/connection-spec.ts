import type { JsonSchema } from '@crm-hub/plugin-sdk';

/** The OAuth 2.0 flows the plugin signs in with (see `auth/`). */
export const AUTH_FLOWS = ['client-credentials', 'jwt-bearer', 'refresh-token', 'username-password'] as const;

/** One of {@link AUTH_FLOWS}. */
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/**
 * Defaults of the connection settings. The host may or may not apply JSON Schema defaults, so
 * `parseSettings()` applies these too.
 *
 * - `apiVersion` 62.0 (Winter '25): every endpoint used here exists since 47.0 (Bulk 2.0 query)
 *   and 46.0 (collections upsert); the value is pinned so an org upgrade never changes answers.
 * - `bulkReadThreshold` 20 000: below it a full read costs ≤ 10 REST calls, about what a Bulk job
 *   costs in calls (create, polls, result pages) while being much slower to start.
 * - `bulkWriteThreshold` 2 000: Salesforce's own advice (Bulk 2.0 above 2,000 records).
 * - `pollIntervalMs` 60 s: one query a minute per followed object is 1,440 calls a day.
 * - `safetyLagMs` 60 s: rows become visible when their transaction commits, which can be after
 *   rows stamped later were already read; reads stop this far behind the server's clock.
 *
 * @example
 * ```ts
 * const lag = settings.safetyLagMs ?? SETTING_DEFAULTS.safetyLagMs;
 * ```
 */
export const SETTING_DEFAULTS = {
  loginUrl: 'https://login.salesforce.com',
  sandboxLoginUrl: 'https://test.salesforce.com',
  apiVersion: '62.0',
  sandbox: false,
  bulkReadThreshold: 20_000,
  bulkWriteThreshold: 2_000,
  pollIntervalMs: 60_000,
  safetyLagMs: 60_000,
} as const;

const secret = (description: string): JsonSchema => ({ type: 'string', minLength: 1, 'x-secret': true, description });

/** Settings each flow needs, as `if/then` clauses. */
function requiredFor(flow: AuthFlow, required: string[]): JsonSchema {
  return { if: { properties: { authFlow: { const: flow } }, required: ['authFlow'] }, then: { required } };
}

/**
 * The account settings of a Salesforce connection, as JSON Schema (`manifest.connectionSpec`).
 * Secrets carry `"x-secret": true`; `loginUrl` must be https (the host enforces `format: uri`
 * settings, and the plugin refuses http:// itself with `InsecureUrlError`).
 *
 * @example
 * ```ts
 * const config = {
 *   loginUrl: 'https://acme.my.salesforce.com',
 *   authFlow: 'client-credentials',
 *   clientId: '3MVG9…',
 *   clientSecret: '…',
 * };
 * ```
 */
export const connectionSpec: JsonSchema = {
  type: 'object',
  title: 'Salesforce connection',
  required: ['authFlow', 'clientId'],
  additionalProperties: false,
  properties: {
    loginUrl: {
      type: 'string',
      format: 'uri',
      default: SETTING_DEFAULTS.loginUrl,
      description:
        'Where to sign in: https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the org\'s My Domain URL (required for client credentials).',
    },
    authFlow: {
      type: 'string',
      enum: [...AUTH_FLOWS],
      description: 'OAuth 2.0 flow: client credentials (server-to-server), JWT bearer, refresh token, or username-password (discouraged by Salesforce).',
    },
    clientId: { type: 'string', minLength: 1, description: 'Consumer key of the connected app / external client app.' },
    clientSecret: secret('Consumer secret (client credentials, username-password; refresh token for confidential apps).'),
    username: { type: 'string', minLength: 1, description: 'Salesforce username (JWT bearer: the subject; username-password).' },
    password: secret('Password of the user (username-password flow).'),
    securityToken: secret('Security token appended to the password, unless the IP range is trusted (username-password flow).'),
    refreshToken: secret('Refresh token issued to the connected app (refresh-token flow).'),
    privateKey: secret('PEM private key whose certificate is uploaded to the connected app (JWT bearer flow).'),
    jwtAudience: {
      type: 'string',
      format: 'uri',
      description: 'JWT `aud` (default: https://login.salesforce.com, or https://test.salesforce.com with sandbox; an Experience Cloud site URL when signing in there).',
    },
    apiVersion: {
      type: 'string',
      pattern: '^[1-9][0-9]\\.0$',
      default: SETTING_DEFAULTS.apiVersion,
      description: 'REST API version, e.g. 62.0.',
    },
    sandbox: {
      type: 'boolean',
      default: SETTING_DEFAULTS.sandbox,
      description: 'A sandbox org: signs in at https://test.salesforce.com instead of login.salesforce.com, and uses it as JWT audience.',
    },
    bulkReadThreshold: {
      type: 'integer',
      minimum: 1,
      default: SETTING_DEFAULTS.bulkReadThreshold,
      description: 'Full reads of at least this many records use a Bulk API 2.0 query job instead of REST pages.',
    },
    bulkWriteThreshold: {
      type: 'integer',
      minimum: 1,
      default: SETTING_DEFAULTS.bulkWriteThreshold,
      description: 'Write batches of at least this many records use a Bulk API 2.0 ingest job instead of sObject Collections.',
    },
    pollIntervalMs: {
      type: 'integer',
      minimum: 1_000,
      default: SETTING_DEFAULTS.pollIntervalMs,
      description: 'How often changes() polls for changed records.',
    },
    safetyLagMs: {
      type: 'integer',
      minimum: 0,
      default: SETTING_DEFAULTS.safetyLagMs,
      description: 'Incremental reads stop this far behind the server clock, so records of slow transactions are not skipped (0: no lag).',
    },
  },
  allOf: [
    requiredFor('client-credentials', ['clientSecret']),
    requiredFor('jwt-bearer', ['username', 'privateKey']),
    requiredFor('refresh-token', ['refreshToken']),
    requiredFor('username-password', ['clientSecret', 'username', 'password']),
  ],
};
