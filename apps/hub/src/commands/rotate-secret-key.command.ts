import { AccountsModule, rotateSecretKey } from '@crm-hub/accounts';
import { buildDataSourceOptions, describeDatabase, openDatabase } from '@crm-hub/persistence';
import type { Logger as PinoLogger } from 'pino';
import type { HubConfig } from '../app/hub-config';
import { migrations } from '../migrations';

/** The sub-command of the built hub: `node dist/apps/hub/main.js rotate-secret-key`. */
export const ROTATE_SECRET_KEY_COMMAND = 'rotate-secret-key';

/**
 * Re-seals every stored account secret with HUB_SECRET_KEY, reading them with HUB_SECRET_KEY or
 * HUB_SECRET_KEY_PREVIOUS, in one transaction (see rotateSecretKey). Running hubs may stay up if
 * they were started with both variables; a hub started with the old key alone refuses to start
 * afterwards, saying which key it lacks.
 */
export async function runRotateSecretKey(config: HubConfig, log: PinoLogger): Promise<void> {
  const logger = log.child({ context: 'KeyRotation' });
  if (!config.previousSecretKeys?.length) {
    logger.warn('HUB_SECRET_KEY_PREVIOUS is not set: only secrets already readable with HUB_SECRET_KEY can be re-sealed');
  }
  const dataSource = await openDatabase(
    buildDataSourceOptions({ database: config.database, entities: AccountsModule.entities, migrations }),
  );
  try {
    logger.info(`Rotating the key of the account secrets in the ${describeDatabase(config.database)}`);
    const report = await rotateSecretKey(
      dataSource,
      {
        dataDir: config.dataDir,
        ...(config.secretKey ? { secretKey: config.secretKey } : {}),
        ...(config.previousSecretKeys ? { previousSecretKeys: config.previousSecretKeys } : {}),
      },
      (message) => logger.info(message),
    );
    logger.info(
      { fingerprint: report.fingerprint, accounts: report.accounts, resealed: report.resealed },
      `Key rotation done: ${report.resealed} secret(s) re-sealed; every secret of the ${report.accounts} account(s) is now sealed with key ` +
        `${report.fingerprint}. Remove HUB_SECRET_KEY_PREVIOUS and restart the hubs.`,
    );
  } finally {
    await dataSource.destroy();
  }
}
