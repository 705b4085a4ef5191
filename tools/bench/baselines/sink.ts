import Database from 'better-sqlite3';
import { Client } from 'pg';

/**
 * What a hand-written loader would write into: one table keyed by the CRM id, a typed column per
 * field, and one state row (the watermark or delta link) saved in the same transaction as the rows
 * it covers. SQLite through better-sqlite3 (one prepared statement, a transaction per page, WAL as
 * the hub runs it); PostgreSQL through pg (multi-row INSERT … ON CONFLICT, a transaction per page).
 */
export interface SinkColumn {
  name: string;
  sqlite: string;
  postgres: string;
}

export interface Sink {
  /** Upserts one page of rows (values in column order, the id first) and the state, in one transaction. */
  upsertPage(rows: unknown[][], state?: string): Promise<void>;
  state(): Promise<string | undefined>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs statements in one transaction. */
  transaction(statements: { sql: string; params: unknown[] }[]): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
const PG_MAX_PARAMS = 60_000;

export async function openSink(table: string, columns: SinkColumn[]): Promise<Sink> {
  const url = process.env['DATABASE_URL'] ?? '';
  const names = columns.map((c) => `"${c.name}"`);
  const updates = columns.slice(1).map((c) => `"${c.name}" = excluded."${c.name}"`).join(', ');
  const upsertHead = `INSERT INTO "${table}" (${names.join(', ')}) VALUES `;
  // A key-only table (the export baseline's) has nothing to update on conflict.
  const upsertTail = ` ON CONFLICT ("${columns[0]?.name}") ${updates ? `DO UPDATE SET ${updates}` : 'DO NOTHING'}`;
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (${columns.map((c, i) => `"${c.name}" ${c.sqlite}${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`);
    db.exec(`CREATE TABLE IF NOT EXISTS "loader_state" ("name" TEXT PRIMARY KEY, "value" TEXT)`);
    const upsert = db.prepare(`${upsertHead}(${columns.map(() => '?').join(', ')})${upsertTail}`);
    const saveState = db.prepare(`INSERT INTO "loader_state" VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`);
    const page = db.transaction((rows: unknown[][], state?: string) => {
      for (const row of rows) upsert.run(row);
      if (state !== undefined) saveState.run(table, state);
    });
    return {
      upsertPage: async (rows, state) => page(rows, state),
      state: async () => (db.prepare(`SELECT "value" FROM "loader_state" WHERE "name" = ?`).get(table) as { value: string } | undefined)?.value,
      all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
      transaction: async (statements) => db.transaction(() => statements.forEach((s) => db.prepare(s.sql).run(...s.params)))(),
      close: async () => db.close(),
    };
  }
  const schema = process.env['DATABASE_SCHEMA'];
  const client = new Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  await client.query(`CREATE TABLE IF NOT EXISTS "${table}" (${columns.map((c, i) => `"${c.name}" ${c.postgres}${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`);
  await client.query(`CREATE TABLE IF NOT EXISTS "loader_state" ("name" TEXT PRIMARY KEY, "value" TEXT)`);
  const perStatement = Math.floor(PG_MAX_PARAMS / columns.length);
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    upsertPage: async (rows, state) => {
      await client.query('BEGIN');
      try {
        for (let i = 0; i < rows.length; i += perStatement) {
          const part = rows.slice(i, i + perStatement);
          let n = 0;
          const values = part.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
          await client.query(upsertHead + values + upsertTail, part.flat());
        }
        if (state !== undefined) {
          await client.query(`INSERT INTO "loader_state" VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`, [table, state]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    state: async () => ((await client.query(`SELECT "value" FROM "loader_state" WHERE "name" = $1`, [table])).rows[0] as { value: string } | undefined)?.value,
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    transaction: async (statements) => {
      await client.query('BEGIN');
      try {
        for (const s of statements) await client.query(numbered(s.sql), s.params);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: async () => client.end(),
  };
}
