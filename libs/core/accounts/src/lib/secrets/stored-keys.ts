import type { HubSettingEntity } from '@crm-hub/persistence';
import type { Repository } from 'typeorm';
import type { ExternalAccountEntity } from '../external-account.entity';
import { SecretKeyring } from './secret-keyring';

/**
 * The hub setting that names a key by its fingerprint. Sealed values of the current format carry
 * their key id; legacy (v1) values do not, and this setting — written by every hub since the first
 * version — says which key sealed them. Without legacy values it names the current key.
 */
export const STORED_KEYS_SETTING = 'secret_key_fingerprint';

/** Key fingerprint → ids of the accounts with a secret sealed by that key. */
export function keysInUse(accounts: Pick<ExternalAccountEntity, 'id' | 'sealedSecrets'>[], recorded: string | undefined): Map<string, string[]> {
  const inUse = new Map<string, string[]>();
  for (const account of accounts) {
    for (const sealed of Object.values(account.sealedSecrets)) {
      const id = SecretKeyring.keyIdOf(sealed) ?? (hasLegacyFormat(sealed) ? recorded : undefined);
      if (!id) continue;
      const ids = inUse.get(id) ?? [];
      if (!ids.includes(account.id)) ids.push(account.id);
      inUse.set(id, ids);
    }
  }
  return inUse;
}

/**
 * Records the fingerprint of the key that sealed legacy values while there are any (it is their
 * only trace), else of the current key.
 */
export async function saveKeyFingerprint(
  settings: Pick<Repository<HubSettingEntity>, 'upsert'>,
  recorded: string | undefined,
  current: string,
  accounts: Pick<ExternalAccountEntity, 'sealedSecrets'>[],
): Promise<void> {
  const legacyLeft = accounts.some((a) => Object.values(a.sealedSecrets).some(hasLegacyFormat));
  const next = legacyLeft && recorded ? recorded : current;
  // An upsert: hubs starting together on a new database would both insert it.
  if (next !== recorded) await settings.upsert({ key: STORED_KEYS_SETTING, value: next }, ['key']);
}

function hasLegacyFormat(sealed: string): boolean {
  return sealed.startsWith('v1.');
}
