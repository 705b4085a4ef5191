import { describeDatabase, parseDatabaseConfig } from './database-config';

describe(parseDatabaseConfig.name, () => {
  it('defaults to an SQLite file in the data folder', () => {
    expect(parseDatabaseConfig({ dataDir: '/srv/hub/data' })).toEqual({ kind: 'sqlite', path: '/srv/hub/data/hub.sqlite' });
  });

  it('takes PostgreSQL URLs, with an optional schema', () => {
    expect(parseDatabaseConfig({ DATABASE_URL: 'postgres://u:p@db/hub', DATABASE_SCHEMA: 'crm', dataDir: 'd' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db/hub',
      schema: 'crm',
    });
  });

  it('refuses other URLs and bad schema names, without showing the password', () => {
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'mysql://u:hunter2@db/hub', dataDir: 'd' })).toThrow(
      /must be a postgres:\/\/ URL or sqlite:<path>/,
    );
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'mysql://u:hunter2@db/hub', dataDir: 'd' })).not.toThrow(/hunter2/);
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'postgres://db/hub', DATABASE_SCHEMA: 'x; drop', dataDir: 'd' })).toThrow(
      /not a valid schema name/,
    );
  });

  it('describes a database without its password', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://u:hunter2@db:5432/hub' })).toBe(
      'PostgreSQL postgres://u:***@db:5432/hub',
    );
  });
});
