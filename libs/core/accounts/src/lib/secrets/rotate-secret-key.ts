import { HubSettingEntity } from '@crm-hub/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountsOptions } from '../accounts.options';
import { ExternalAccountEntity } from '../external-account.entity';
import { openKeyring } from './open-keyring';
import type { SecretKeyring } from './secret-keyring';
import { STORED_KEYS_SETTING } from './stored-keys';

/** What a rotation did. */
export interface RotationReport {
  /** Fingerprint of the key that now seals every stored secret. */
  fingerprint: string;
  accounts: number;
  /** Secrets re-sealed (those already sealed with the current key are left alone). */
  resealed: number;
}

const PROGRESS_EVERY = 500;

/**
 * Re-seals every stored account secret with the current key (HUB_SECRET_KEY), reading them with
 * the current or a previous key (HUB_SECRET_KEY_PREVIOUS), and records the new key's fingerprint —
 * all in ONE transaction: a crash or a kill at any point leaves the database as it was, every
 * secret readable with the old key, and the command can simply be run again. A secret that no
 * given key decrypts stops the rotation before anything is written (its account is named, never
 * a value). The current key must be given: a rotation never generates one.
 */
export async function rotateSecretKey(
  dataSource: DataSource,
  options: Pick<AccountsOptions, 'dataDir' | 'secretKey' | 'previousSecretKeys'>,
  log: (message: string) => void,
): Promise<RotationReport> {
  const { keyring, describe } = openKeyring(options, false);
  log(describe.message);
  return dataSource.transaction(async (manager) => {
    const accounts = await lockAccounts(manager, dataSource.options.type === 'postgres');
    const updates = resealAll(accounts, keyring);
    log(`Re-sealing ${updates.resealed} secret(s) of ${updates.changed.length} of ${accounts.length} account(s) with key ${keyring.current.fingerprint}`);
    let done = 0;
    for (const account of updates.changed) {
      await manager.update(ExternalAccountEntity, { id: account.id }, { sealedSecrets: account.sealedSecrets });
      if (++done % PROGRESS_EVERY === 0) log(`Re-sealed the secrets of ${done}/${updates.changed.length} account(s)`);
    }
    await manager.upsert(HubSettingEntity, { key: STORED_KEYS_SETTING, value: keyring.current.fingerprint }, ['key']);
    return { fingerprint: keyring.current.fingerprint, accounts: accounts.length, resealed: updates.resealed };
  });
}

/** Every account, locked against concurrent writers until the rotation commits (PostgreSQL; SQLite's write transaction locks the file). */
async function lockAccounts(manager: EntityManager, postgres: boolean): Promise<ExternalAccountEntity[]> {
  return manager.getRepository(ExternalAccountEntity).find({ order: { id: 'ASC' }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

function resealAll(accounts: ExternalAccountEntity[], keyring: SecretKeyring): { changed: ExternalAccountEntity[]; resealed: number } {
  const changed: ExternalAccountEntity[] = [];
  const unreadable: string[] = [];
  let resealed = 0;
  for (const account of accounts) {
    let touched = false;
    const next: Record<string, string> = {};
    for (const [field, sealed] of Object.entries(account.sealedSecrets)) {
      next[field] = sealed;
      if (sealed.startsWith(`v2.${keyring.current.fingerprint}.`)) continue;
      try {
        next[field] = keyring.seal(keyring.unseal(sealed, `${account.id}:${field}`), `${account.id}:${field}`);
        touched = true;
        resealed++;
      } catch (err) {
        unreadable.push(`account '${account.name}' (${account.id}) setting ${field}: ${(err as Error).message}`);
      }
    }
    if (touched) changed.push(Object.assign(account, { sealedSecrets: next }));
  }
  if (unreadable.length > 0) {
    throw new Error(
      `Nothing was changed: ${unreadable.length} secret(s) cannot be decrypted with HUB_SECRET_KEY or HUB_SECRET_KEY_PREVIOUS — ` +
        `${unreadable.slice(0, 5).join('; ')}${unreadable.length > 5 ? `; and ${unreadable.length - 5} more` : ''}`,
    );
  }
  return { changed, resealed };
}
