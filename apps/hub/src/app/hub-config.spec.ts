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
