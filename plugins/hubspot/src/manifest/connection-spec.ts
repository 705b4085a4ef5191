import type { JsonSchema } from '@crm-hub/plugin-sdk';

/** HubSpot's API host (the EU data centre answers on the same host). */
export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** Defaults of the tuning knobs (see {@link hubspotConnectionSpec} for why each is what it is). */
export const DEFAULTS = {
  baseUrl: DEFAULT_BASE_URL,
  pageSize: 200,
  pollIntervalMs: 60_000,
  safetyLagMs: 30_000,
  maxRetries: 6,
  maxRetryWaitMs: 15_000,
  searchRequestsPerSecond: 4,
} as const;

/**
 * The account settings of the HubSpot plugin, as JSON Schema.
 *
 * Authentication is either a private app's access token (`accessToken`), or an OAuth app's
 * `clientId`, `clientSecret` and a `refreshToken` obtained when the portal installed it (the
 * plugin refreshes 30-minute access tokens itself). Exactly one of the two (`oneOf`).
 *
 * Tuning knobs:
 * - `pageSize` (default 200, the search endpoint's maximum): records per search page.
 * - `safetyLagMs` (default 30 s): incremental reads stop this far behind HubSpot's clock,
 *   because the search index lags writes by a few seconds — a record changed just before a read
 *   may not be searchable yet, and must not fall behind the watermark.
 * - `pollIntervalMs` (default 60 s): how often `changes()` polls.
 * - `maxRetries` (default 6) and `maxRetryWaitMs` (default 15 s): retries of one call after a
 *   429 (waiting out the 10-second window), a 5xx or a dropped connection; longer waits go to the
 *   host, which resumes the run from its last checkpoint.
 * - `searchRequestsPerSecond` (default 4): the plugin paces its searches below the search
 *   endpoint's own limit (5 per second per account) rather than collecting 429s.
 *
 * @example
 * ```ts
 * const config = { accessToken: 'pat-na1-…' };
 * const oauth = { clientId: '…', clientSecret: '…', refreshToken: 'na1-…' };
 * ```
 */
export const hubspotConnectionSpec: JsonSchema = {
  type: 'object',
  title: 'HubSpot',
  additionalProperties: false,
  properties: {
    baseUrl: {
      type: 'string',
      format: 'uri',
      title: 'API host',
      description: 'https://api.hubapi.com (https only).',
      default: DEFAULTS.baseUrl,
      pattern: '^https://',
    },
    accessToken: { type: 'string', title: 'Private app access token', minLength: 1, 'x-secret': true },
    clientId: { type: 'string', title: 'OAuth client ID', minLength: 1 },
    clientSecret: { type: 'string', title: 'OAuth client secret', minLength: 1, 'x-secret': true },
    refreshToken: { type: 'string', title: 'OAuth refresh token', minLength: 1, 'x-secret': true },
    pageSize: { type: 'integer', title: 'Records per search page', minimum: 1, maximum: 200, default: DEFAULTS.pageSize },
    pollIntervalMs: { type: 'integer', title: 'Change poll interval (ms)', minimum: 100, default: DEFAULTS.pollIntervalMs },
    safetyLagMs: { type: 'integer', title: 'Search index safety lag (ms)', minimum: 0, default: DEFAULTS.safetyLagMs },
    maxRetries: { type: 'integer', title: 'Retries per call', minimum: 0, maximum: 20, default: DEFAULTS.maxRetries },
    maxRetryWaitMs: { type: 'integer', title: 'Longest wait before a retry (ms)', minimum: 1000, default: DEFAULTS.maxRetryWaitMs },
    searchRequestsPerSecond: { type: 'number', title: 'Searches per second', exclusiveMinimum: 0, maximum: 5, default: DEFAULTS.searchRequestsPerSecond },
  },
  oneOf: [
    { required: ['accessToken'], not: { anyOf: [{ required: ['clientSecret'] }, { required: ['refreshToken'] }] } },
    { required: ['clientId', 'clientSecret', 'refreshToken'], not: { required: ['accessToken'] } },
  ],
} as JsonSchema;
