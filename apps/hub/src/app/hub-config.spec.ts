import { HubConfigError, parseHubConfig } from './hub-config';

describe(parseHubConfig.name, () => {
  it('starts with no environment at all: port 3000, SQLite in ./data, plugins in ./plugins.d', () => {
    const { config, warnings } = parseHubConfig({}, '/srv/hub');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/hub/data',
      database: { kind: 'sqlite', path: '/srv/hub/data/hub.sqlite' },
      pluginsDir: '/srv/hub/plugins.d',
      apiKeys: [],
      logLevel: 'info',
    });
    expect(warnings).toEqual([]);
  });

  it('lists every problem at once, with what is expected', () => {
    try {
      parseHubConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', HUB_API_KEYS: 'short', DATABASE_URL: 'mysql://x', NODE_TLS_REJECT_UNAUTHORIZED: '0' }, '/srv');
      throw new Error('expected a HubConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(HubConfigError);
      const { problems } = err as HubConfigError;
      expect(problems).toEqual([
        "PORT must be a whole number from 1 to 65535 (got 'eighty')",
        expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ URL or sqlite:<path>/),
        expect.stringMatching(/^HUB_API_KEYS: each key must be at least 24 characters/),
        "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got 'loud')",
        expect.stringMatching(/^NODE_TLS_REJECT_UNAUTHORIZED=0 switches off certificate verification/),
      ]);
    }
  });

  it('reads PostgreSQL, keys and limits, and warns about unknown HUB_ settings', () => {
    const { config, warnings } = parseHubConfig(
      {
        DATABASE_URL: 'postgres://hub@db/hub',
        DATABASE_SCHEMA: 'crm',
        HUB_API_KEYS: 'a'.repeat(24) + ', ' + 'b'.repeat(30),
        HUB_CHECK_TIMEOUT_MS: '1500',
        HUB_SECRETKEY: 'typo',
      },
      '/srv',
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://hub@db/hub', schema: 'crm' });
    expect(config.apiKeys).toEqual(['a'.repeat(24), 'b'.repeat(30)]);
    expect(config.checkTimeoutMs).toBe(1500);
    expect(warnings).toEqual(['Unknown setting HUB_SECRETKEY is ignored (a typo?)']);
  });
});

describe('the keys that encrypt account secrets', () => {
  it('are checked with the other settings, all problems at once, without quoting a key', () => {
    try {
      parseHubConfig({ PORT: '0', HUB_SECRET_KEY: 'not-a-key-but-a-secret-text', HUB_SECRET_KEY_PREVIOUS: `${'a'.repeat(64)},short-secret-text` }, '/srv');
      throw new Error('expected a HubConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(HubConfigError);
      const { problems, message } = err as HubConfigError;
      expect(problems).toEqual([
        "PORT must be a whole number from 1 to 65535 (got '0')",
        'HUB_SECRET_KEY must be a 32-byte key as 64 hex characters or base64 (make one with: openssl rand -base64 32)',
        'HUB_SECRET_KEY_PREVIOUS (key 2 of 2, comma-separated) must be a 32-byte key as 64 hex characters or base64 (make one with: openssl rand -base64 32)',
      ]);
      expect(message).not.toMatch(/not-a-key|short-secret/);
    }
  });

  it('reads the previous keys of a rotation', () => {
    const previous = [Buffer.alloc(32, 1).toString('base64'), 'b'.repeat(64)];
    const { config, warnings } = parseHubConfig({ HUB_SECRET_KEY: 'c'.repeat(64), HUB_SECRET_KEY_PREVIOUS: ` ${previous.join(' , ')} ` }, '/srv');
    expect(config.previousSecretKeys).toEqual(previous);
    expect(warnings).toEqual([]);
  });

  it('reads the scale-out settings: role, Redis, worker name, account concurrency and budget reserve', () => {
    const { config } = parseHubConfig(
      { HUB_ROLE: 'Worker', REDIS_URL: 'redis://:pass-word-1234@redis.internal:6379/2', HUB_WORKER_NAME: 'worker-7', HUB_SYNC_ACCOUNT_CONCURRENCY: '8', HUB_SYNC_BUDGET_RESERVE: '200' },
      '/srv',
    );
    expect(config).toMatchObject({ role: 'worker', redisUrl: 'redis://:pass-word-1234@redis.internal:6379/2', workerName: 'worker-7', syncAccountConcurrency: 8, syncBudgetReserve: 200 });
    expect(parseHubConfig({}, '/srv').config).toMatchObject({ role: 'all', workerName: expect.stringMatching(/^[\w.-]+-\d+$/), syncAccountConcurrency: 4, syncBudgetReserve: 50 });
  });

  it('refuses a role without Redis, an unknown role and a Redis URL that is not one, without quoting the URL', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseHubConfig(env, '/srv');
        return [];
      } catch (err) {
        return (err as HubConfigError).problems;
      }
    };
    expect(problems({ HUB_ROLE: 'api' })).toEqual(['HUB_ROLE=api needs REDIS_URL: processes with separate roles share the run queue through Redis']);
    expect(problems({ HUB_ROLE: 'boss', REDIS_URL: 'redis://127.0.0.1' })).toEqual(["HUB_ROLE must be one of all, api, scheduler, worker (got 'boss')"]);
    const bad = problems({ REDIS_URL: 'http://user:hunter2-secret@redis' });
    expect(bad).toEqual([expect.stringMatching(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/)]);
    expect(bad.join()).not.toContain('hunter2');
    expect(problems({ HUB_WORKER_NAME: 'no spaces please' })).toEqual([expect.stringMatching(/^HUB_WORKER_NAME must be 1 to 64 letters/)]);
  });
});
