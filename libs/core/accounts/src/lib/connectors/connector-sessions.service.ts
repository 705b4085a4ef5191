import { type ApiMeter, createSecureFetch, type CrmConnector, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { PluginRegistry } from '@crm-hub/plugin-registry';
import { Injectable, Logger } from '@nestjs/common';
import type { ExternalAccountEntity } from '../external-account.entity';
import { AccountSecretsService } from '../secrets/account-secrets.service';
import { SecretRedactor } from '../secrets/secret-redactor';
import { CountingMeter } from './counting-meter';
import { createPluginLogger } from './plugin-logger';
import { redactingConnector } from './redacting-connector';

/** A connector opened for one account, with its meter; `close()` disposes it and stops its requests. */
export interface ConnectorSession {
  connector: CrmConnector;
  meter: CountingMeter;
  close(): Promise<void>;
}

const DISPOSE_TIMEOUT_MS = 10_000;

/**
 * Opens connectors for accounts: builds the plugin's context (decrypted settings, HTTPS-only fetch,
 * redacting logger, meter, cancellation) and re-checks at every connection that URL settings are
 * https, whatever was stored. Unsealing teaches this process's redactor the account's secrets
 * before the plugin sees them (the account may have been stored by another hub process), and what
 * the connector answers passes through the redactor.
 */
@Injectable()
export class ConnectorSessions {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly registry: PluginRegistry,
    private readonly secrets: AccountSecretsService,
    private readonly redactor: SecretRedactor,
  ) {}

  async open(account: ExternalAccountEntity, options: { signal?: AbortSignal; meterListener?: ApiMeter } = {}): Promise<ConnectorSession> {
    const config = { ...account.settings, ...this.secrets.unseal(account) };
    for (const key of this.registry.validatorFor(account.pluginId).uriKeys) {
      const value = config[key];
      if (typeof value === 'string' && !/^https:\/\//i.test(value)) throw new InsecureUrlError(value, key);
    }
    const abort = new AbortController();
    const signal = options.signal ? AbortSignal.any([abort.signal, options.signal]) : abort.signal;
    const meter = new CountingMeter(account.pluginId, account.id, options.meterListener);
    const plugin = await this.registry.createConnector(account.pluginId, {
      accountId: account.id,
      config: Object.freeze(config),
      http: createSecureFetch({ signal }),
      logger: createPluginLogger(account.pluginId, account.id, this.redactor),
      meter,
      signal,
    });
    const connector = redactingConnector(plugin, this.redactor);
    let closed = false;
    return {
      connector,
      meter,
      close: async () => {
        if (closed) return;
        closed = true;
        abort.abort(new Error('connector session closed'));
        await this.dispose(connector, account);
      },
    };
  }

  private async dispose(connector: CrmConnector, account: ExternalAccountEntity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connector.dispose(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`dispose() did not finish within ${DISPOSE_TIMEOUT_MS} ms`)), DISPOSE_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      this.logger.warn(this.redactor.redact(`Connector of account '${account.name}' failed to close: ${(err as Error).message}`));
    } finally {
      clearTimeout(timer);
    }
  }
}
