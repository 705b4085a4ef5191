import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { buildDataSourceOptions } from '../data-source';
import type { DatabaseConfig } from '../database-config';
import { DatabaseStartupError } from './database-errors';
import { openDatabase } from './open-database';

/** A migration slow enough that two hubs starting together overlap inside it. */
class SlowMigration1700000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(new Table({ name: 'slow_item', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }] }));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('slow_item');
  }
}

const options = (database: DatabaseConfig, timeouts = {}) =>
  buildDataSourceOptions({ database, entities: [], migrations: [SlowMigration1700000000001], timeouts });

describe(openDatabase.name, () => {
  let db: TestDatabase;
  beforeEach(() => (db = createTestDatabase()));
  afterEach(() => db.drop());

  it('serialises the migrations of hubs that start together: each migration runs once, both hubs open', async () => {
    // One test process plays both hubs on one thread: a short busy timeout stands in for the other
    // process making progress while this one waits.
    const quick = { attempts: 50, delayMs: 100 };
    const hubs = await Promise.all([1, 2].map(() => openDatabase(options(db.config, { sqliteBusyMs: 50 }), quick)));
    try {
      const ran = (await hubs[0].query(`SELECT name FROM ${hubs[0].driver.escape('migrations')}`)) as unknown[];
      expect(ran).toHaveLength(1);
    } finally {
      await Promise.all(hubs.map((h) => h.destroy()));
    }
  }, 30_000);

  it('reports a damaged database at once (no retry loop), saying what to do', async () => {
    const config = db.config;
    const damaged: DatabaseConfig =
      config.kind === 'sqlite'
        ? config
        : { kind: 'postgres', url: withUrl(config.url, { username: 'no_such_role_crm_hub' }), ...(config.schema ? { schema: config.schema } : {}) };
    if (config.kind === 'sqlite') writeFileSync(config.path, 'not a database, '.repeat(512));
    const started = Date.now();
    const failure = openDatabase(options(damaged), { attempts: 5, delayMs: 5_000 });
    await expect(failure).rejects.toThrow(DatabaseStartupError);
    await expect(failure).rejects.toThrow(config.kind === 'sqlite' ? /is damaged \(file is not a database\): restore it from a backup/ : /the role is unknown/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('reports a missing PostgreSQL database or a port where no PostgreSQL answers, without a password', async () => {
    const silent = createServer((socket: Socket) => socket.on('error', () => undefined));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    try {
      const url = `postgres://hub:hunter2-password@127.0.0.1:${port}/hub`;
      const failure = openDatabase(options({ kind: 'postgres', url }, { pgConnectMs: 500 }), { attempts: 3, delayMs: 5_000 });
      await expect(failure).rejects.toThrow(/No PostgreSQL server answered at PostgreSQL postgres:\/\/hub:\*\*\*@127\.0\.0\.1:\d+\/hub within the connect timeout/);
      await expect(failure).rejects.not.toThrow(/hunter2/);
    } finally {
      silent.close();
    }
    if (db.config.kind === 'postgres') {
      const missing = openDatabase(options({ kind: 'postgres', url: withUrl(db.config.url, { pathname: '/no_such_database_crm_hub' }) }), { attempts: 5, delayMs: 5_000 });
      await expect(missing).rejects.toThrow(/the database does not exist/);
    }
  });
});

function withUrl(url: string, parts: { username?: string; pathname?: string }): string {
  const u = new URL(url);
  if (parts.username) u.username = parts.username;
  if (parts.pathname) u.pathname = parts.pathname;
  return u.toString();
}
