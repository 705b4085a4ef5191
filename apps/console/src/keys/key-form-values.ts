import { localDayStart } from '../audit/local-day';
import type { components } from '../generated/hub-api';
import type { Scope } from './scopes';

type CreateKey = components['schemas']['CreateKeyDto'];

/** What the "New key" form holds. */
export interface KeyFormValues {
  name: string;
  scope: Scope;
  /** Ids of the accounts the key is limited to; none: every account. */
  accounts: string[];
  /** `YYYY-MM-DD` (a date input), or '' for a key that does not expire. */
  expiresOn: string;
}

/** Read is the default: a new key gets the least it may need, more only when asked for. */
export const emptyKeyValues: KeyFormValues = { name: '', scope: 'read', accounts: [], expiresOn: '' };

/**
 * The body of `POST /api/keys`: accounts only when some are chosen (the hub reads an absent list as
 * every account and refuses an empty one), the expiry as the start of that day in the browser's time zone.
 */
export function keyBody(values: KeyFormValues): CreateKey {
  return {
    name: values.name.trim(),
    scope: values.scope,
    ...(values.accounts.length > 0 ? { accounts: values.accounts } : {}),
    ...(values.expiresOn ? { expiresAt: localDayStart(values.expiresOn) } : {}),
  };
}
