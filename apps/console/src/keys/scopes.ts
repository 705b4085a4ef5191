import type { components } from '../generated/hub-api';

export type Scope = components['schemas']['KeyView']['scope'];

/**
 * The scopes, narrowest first, each in one line. They mirror the hub's definition (libs/core/access
 * scopes.ts, also in the OpenAPI description of `scope`): nested, each covering the one before.
 */
export const SCOPES: readonly { scope: Scope; explanation: string }[] = [
  { scope: 'read', explanation: 'sees everything (accounts, schemas, jobs, runs, records, the audit log) but never a secret, and changes nothing' },
  { scope: 'operate', explanation: 'read, and also runs, cancels and schedules jobs, retries rejects and tests connections' },
  { scope: 'admin', explanation: 'everything, including changing accounts, schemas and jobs, and managing API keys' },
];
