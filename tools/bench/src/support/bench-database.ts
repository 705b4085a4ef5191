import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Where a benchmark writes: a fresh SQLite file or a fresh PostgreSQL schema, dropped afterwards. */
export interface BenchDatabase {
  kind: DatabaseKind;
  /** How a hub or a baseline reaches it (the hub's variables; baselines read the same two). */
  env: Record<string, string>;
  /** Runs SQL on it from the benchmark itself (`?` placeholders, translated for PostgreSQL). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A private database of `kind` (PostgreSQL at `BENCH_POSTGRES_URL`, or the machine's default). */
export async function createBenchDatabase(kind: DatabaseKind, label: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `crm-hub-bench-${label}-`));
    const path = join(dir, 'bench.sqlite');
    let db: Database.Database | undefined;
    const open = () => (db ??= new Database(path, { timeout: 5_000 }));
    return {
      kind,
      env: { DATABASE_URL: `sqlite:${path}` },
      query: async <T>(sql: string, params: unknown[] = []) => {
        const statement = open().prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      },
      drop: async () => {
        db?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env['BENCH_POSTGRES_URL'] ?? DEFAULT_POSTGRES_URL;
  const schema = `bench_${label.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  return {
    kind,
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    query: async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      const result = await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
      return result.rows as T[];
    },
    drop: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
