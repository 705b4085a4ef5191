import { HubSettingEntity } from '@crm-hub/persistence';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../accounts.options';
import { ExternalAccountEntity } from '../external-account.entity';
import { openKeyring } from './open-keyring';
import { SecretKeyring } from './secret-keyring';
import { SecretRedactor } from './secret-redactor';
import { keysInUse, saveKeyFingerprint, STORED_KEYS_SETTING } from './stored-keys';

/**
 * Seals and unseals account secrets. At start-up it makes sure the keys it has are the ones that
 * sealed the stored secrets (a changed key is refused loudly instead of failing later, account by
 * account), then teaches the redactor every stored secret.
 *
 * Several hub processes may share one database: a secret another process stored after this one
 * started is learnt when this process unseals it — `unseal` registers every value with the
 * redactor before returning it, so nothing this process logs, returns or stores can carry it.
 */
@Injectable()
export class AccountSecretsService implements OnModuleInit {
  private readonly logger = new Logger('Accounts');
  private keyring: SecretKeyring | undefined;

  constructor(
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
    private readonly redactor: SecretRedactor,
    @InjectRepository(HubSettingEntity) private readonly settings: Repository<HubSettingEntity>,
    @InjectRepository(ExternalAccountEntity) private readonly accounts: Repository<ExternalAccountEntity>,
  ) {}

  async onModuleInit(): Promise<void> {
    const { keyring, describe } = openKeyring(this.options);
    this.logger[describe.generated ? 'warn' : 'log'](describe.message);
    this.keyring = keyring;
    const stored = await this.accounts.find();
    await this.verifyKeys(stored);
    let unreadable = 0;
    let previousKey = 0;
    for (const account of stored) {
      try {
        this.unseal(account);
        const ids = Object.values(account.sealedSecrets).map((s) => SecretKeyring.keyIdOf(s));
        if (ids.some((id) => id !== keyring.current.fingerprint)) previousKey++;
      } catch (err) {
        unreadable++;
        this.logger.error(`Secrets of account '${account.name}' cannot be read: ${(err as Error).message}`);
      }
    }
    if (previousKey > 0 && unreadable === 0) {
      this.logger.warn(`${previousKey} account(s) have secrets sealed with a previous key: run rotate-secret-key (see the README) to re-seal them`);
    }
  }

  seal(accountId: string, secrets: Record<string, string>): Record<string, string> {
    const keyring = this.requireKeyring();
    return Object.fromEntries(
      Object.entries(secrets).map(([field, value]) => {
        this.redactor.add(value);
        return [field, keyring.seal(value, `${accountId}:${field}`)];
      }),
    );
  }

  /** The account's secrets in clear, each already known to the redactor. */
  unseal(account: Pick<ExternalAccountEntity, 'id' | 'sealedSecrets'>): Record<string, string> {
    const keyring = this.requireKeyring();
    return Object.fromEntries(
      Object.entries(account.sealedSecrets).map(([field, sealed]) => {
        const value = keyring.unseal(sealed, `${account.id}:${field}`);
        this.redactor.add(value);
        return [field, value];
      }),
    );
  }

  private requireKeyring(): SecretKeyring {
    if (!this.keyring) throw new Error('Account secrets are not ready yet');
    return this.keyring;
  }

  /** Refuses to start when stored secrets were sealed with a key this hub does not have. */
  private async verifyKeys(stored: ExternalAccountEntity[]): Promise<void> {
    const keyring = this.requireKeyring();
    const recorded = await this.settings.findOneBy({ key: STORED_KEYS_SETTING });
    const inUse = keysInUse(stored, recorded?.value);
    const unknown = [...inUse.keys()].filter((id) => !keyring.knows(id));
    if (unknown.length > 0) {
      const accounts = new Set(unknown.flatMap((id) => inUse.get(id) ?? [])).size;
      throw new Error(
        `The secret key (fingerprint ${keyring.current.fingerprint}) is not the one that encrypted the ${accounts} stored account(s) ` +
          `(fingerprint ${unknown.join(', ')}). Restore the original HUB_SECRET_KEY or data/secret.key (when rotating keys, give the old one ` +
          'in HUB_SECRET_KEY_PREVIOUS); CRM Hub will not start with a different key.',
      );
    }
    await saveKeyFingerprint(this.settings, recorded?.value, keyring.current.fingerprint, stored);
  }
}
