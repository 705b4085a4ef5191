import type { Scope } from './scopes';

/** The API key a request was made with, as the guard, the audit log and the controllers see it. */
export interface CallerKey {
  /** The stored key's id, or `env:<n>` for the n-th key of HUB_API_KEYS. */
  id: string;
  /** The first characters of the key: enough to tell keys apart, never enough to use one. */
  prefix: string;
  name: string;
  scope: Scope;
  /** The accounts the key is limited to; null: every account. */
  accounts: string[] | null;
}

const CALLER = Symbol('crm-hub.caller-key');

/** Attaches the authenticated key to its request (done once, by the API key middleware). */
export function setCallerKey(request: object, key: CallerKey): void {
  (request as Record<symbol, CallerKey>)[CALLER] = key;
}

/** The key of an authenticated request (undefined outside `/api`). */
export function callerKeyOf(request: object): CallerKey | undefined {
  return (request as Record<symbol, CallerKey | undefined>)[CALLER];
}
