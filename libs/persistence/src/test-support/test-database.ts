import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { quoteIdentifier } from '../lib/data-source';
import type { DatabaseConfig } from '../lib/database-config';

/** A private, empty database for one test file, and how to throw it away. */
export interface TestDatabase {
  config: DatabaseConfig;
  /** The same settings as environment variables, for a hub started as a child process. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * SQLite in a fresh temporary folder, or — when `DATABASE_URL` is a postgres:// URL (the second CI
 * pass) — a fresh schema in that database, so test files can run in parallel without sharing rows.
 */
export function createTestDatabase(): TestDatabase {
  const url = process.env['DATABASE_URL'];
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    return {
      config: { kind: 'postgres', url, schema },
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      drop: async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'crm-hub-db-'));
  const path = join(dir, 'hub.sqlite');
  return {
    config: { kind: 'sqlite', path },
    env: { DATABASE_URL: `sqlite:${path}` },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
