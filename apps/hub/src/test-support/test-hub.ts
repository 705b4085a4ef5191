import { createTestDatabase, type TestDatabase } from '@crm-hub/persistence/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createHubApp } from '../app/create-hub-app';
import { type HubConfig, findHostRoot } from '../app/hub-config';
import { installFixturePlugins } from '@crm-hub/fixture-plugins';

/** A hub running in this process on a private database, with its log lines captured. */
export interface TestHub {
  app: NestExpressApplication;
  config: HubConfig;
  apiKey: string;
  /** Every log line written so far (JSON text, after redaction). */
  logs: string[];
  /** supertest against the hub, with the API key already set. */
  api(): ReturnType<typeof authorized>;
  /** supertest without credentials. */
  anonymous(): request.Agent;
  close(): Promise<void>;
}

function authorized(app: NestExpressApplication, key: string) {
  const agent = request(app.getHttpServer());
  const withKey = <T extends { set(name: string, value: string): T }>(req: T) => req.set('authorization', `Bearer ${key}`);
  return {
    get: (path: string) => withKey(agent.get(path)),
    post: (path: string) => withKey(agent.post(path)),
    patch: (path: string) => withKey(agent.patch(path)),
    delete: (path: string) => withKey(agent.delete(path)),
  };
}

/**
 * Starts a hub with the fixture plugin dropped into its PLUGINS_DIR (outside the workspace, so the
 * host must provide the plugin's peer dependencies). Reuse `database`/`dataDir` to restart a hub.
 */
export async function startTestHub(
  overrides: Partial<HubConfig> & { database?: TestDatabase['config']; keepFolders?: boolean } = {},
): Promise<TestHub & { db: TestDatabase | undefined; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-test-'));
  const db = overrides.database ? undefined : createTestDatabase();
  const pluginsDir = overrides.pluginsDir ?? join(root, 'plugins.d');
  mkdirSync(pluginsDir, { recursive: true });
  installFixturePlugins(pluginsDir, ['fixture-crm']);
  const apiKey = `test-${randomBytes(24).toString('base64url')}`;
  const config: HubConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(root, 'data'),
    database: overrides.database ?? (db as TestDatabase).config,
    pluginsDir,
    hostRoot: findHostRoot(__dirname) ?? process.cwd(),
    consoleDir: join(root, 'console'),
    apiKeys: [apiKey],
    auditRetentionDays: 365,
    logLevel: 'info',
    checkTimeoutMs: 2_000,
    describeTtlMs: 600_000,
    shutdownTimeoutMs: 5_000,
    syncConcurrency: 4,
    syncLeaseMs: 30_000,
    syncQuotaPauseMs: 3_600_000,
    pluginMemoryLimitMb: 512,
    pluginIdleStopMs: 120_000,
    role: 'all',
    workerName: 'test-hub',
    syncAccountConcurrency: 4,
    syncBudgetReserve: 50,
    secretKey: randomBytes(32).toString('base64'),
    ...overrides,
  };
  const logs: string[] = [];
  const app = await createHubApp(config, { logDestination: { write: (line: string) => void logs.push(line) } });
  try {
    await app.init();
  } catch (err) {
    // A hub that fails to start must not leave its database pool open behind it.
    await app.close().catch(() => undefined);
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return {
    app,
    config,
    apiKey,
    logs,
    db,
    root,
    api: () => authorized(app, config.apiKeys[0] ?? apiKey),
    anonymous: () => request.agent(app.getHttpServer()),
    close: async () => {
      await app.close();
      await db?.drop();
      if (!overrides.keepFolders) rmSync(root, { recursive: true, force: true });
    },
  };
}
