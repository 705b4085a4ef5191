import { HubSettingEntity } from '@crm-hub/persistence';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../accounts.options';
import { ExternalAccountEntity } from '../external-account.entity';
import { SecretCipher } from './secret-cipher';
import { loadSecretKey } from './secret-key';
import { SecretRedactor } from './secret-redactor';

const FINGERPRINT_SETTING = 'secret_key_fingerprint';

/**
 * Seals and unseals account secrets, and at start-up makes sure the key is the one that sealed the
 * stored secrets (a changed key is refused loudly instead of failing later, account by account),
 * then teaches the redactor every stored secret.
 */
@Injectable()
export class AccountSecretsService implements OnModuleInit {
  private readonly logger = new Logger('Accounts');
  private cipher: SecretCipher | undefined;

  constructor(
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
    private readonly redactor: SecretRedactor,
    @InjectRepository(HubSettingEntity) private readonly settings: Repository<HubSettingEntity>,
    @InjectRepository(ExternalAccountEntity) private readonly accounts: Repository<ExternalAccountEntity>,
  ) {}

  async onModuleInit(): Promise<void> {
    const loaded = loadSecretKey({ dataDir: this.options.dataDir, ...(this.options.secretKey ? { envKey: this.options.secretKey } : {}) });
    if (loaded.source === 'generated') {
      this.logger.warn(
        `Generated a new secret key in ${loaded.path} (mode 0600). Back it up, or set HUB_SECRET_KEY: without it the stored CRM secrets cannot be decrypted.`,
      );
    } else {
      this.logger.log(`Account secrets are encrypted with the key from ${loaded.source === 'env' ? 'HUB_SECRET_KEY' : loaded.path}`);
    }
    this.cipher = new SecretCipher(loaded.key);
    await this.verifyFingerprint(this.cipher.fingerprint);
    for (const account of await this.accounts.find()) {
      try {
        Object.values(this.unseal(account)).forEach((secret) => this.redactor.add(secret));
      } catch (err) {
        this.logger.error(`Secrets of account '${account.name}' cannot be read: ${(err as Error).message}`);
      }
    }
  }

  seal(accountId: string, secrets: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(secrets).map(([field, value]) => {
        this.redactor.add(value);
        return [field, this.requireCipher().encrypt(value, `${accountId}:${field}`)];
      }),
    );
  }

  unseal(account: Pick<ExternalAccountEntity, 'id' | 'sealedSecrets'>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(account.sealedSecrets).map(([field, sealed]) => [
        field,
        this.requireCipher().decrypt(sealed, `${account.id}:${field}`),
      ]),
    );
  }

  private requireCipher(): SecretCipher {
    if (!this.cipher) throw new Error('Account secrets are not ready yet');
    return this.cipher;
  }

  private async verifyFingerprint(fingerprint: string): Promise<void> {
    const stored = await this.settings.findOneBy({ key: FINGERPRINT_SETTING });
    if (stored?.value === fingerprint) return;
    const sealedAccounts = (await this.accounts.find()).filter((a) => Object.keys(a.sealedSecrets).length > 0);
    if (stored && sealedAccounts.length > 0) {
      throw new Error(
        `The secret key (fingerprint ${fingerprint}) is not the one that encrypted the ${sealedAccounts.length} stored account(s) ` +
          `(fingerprint ${stored.value}). Restore the original HUB_SECRET_KEY or data/secret.key; CRM Hub will not start with a different key.`,
      );
    }
    await this.settings.save({ key: FINGERPRINT_SETTING, value: fingerprint });
  }
}
