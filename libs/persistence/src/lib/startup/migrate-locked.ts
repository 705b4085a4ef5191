import { type DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../quote-identifier';

/** First key of the PostgreSQL advisory lock that serialises migrations (the second is the schema's hash). */
const MIGRATION_LOCK_CLASS = 0x43524d48; // "CRMH"

/**
 * Runs pending migrations while holding a lock that every hub process takes before it even reads
 * which migrations ran, so that hubs started together never run one twice:
 *
 * - PostgreSQL: a session advisory lock per schema (released by the server if the process dies);
 *   the schema is created under it too (`CREATE SCHEMA IF NOT EXISTS` races between sessions).
 * - SQLite: an IMMEDIATE transaction around all migrations — the file's write lock, which other
 *   processes wait for within the busy timeout; DDL is transactional, so a crash undoes it all.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    if (dataSource.options.type === 'postgres') await migratePostgres(dataSource, runner, dataSource.options.schema);
    else await migrateSqlite(dataSource, runner);
  } finally {
    await runner.release();
  }
}

async function migratePostgres(dataSource: DataSource, runner: QueryRunner, schema: string | undefined): Promise<void> {
  const key = [MIGRATION_LOCK_CLASS, hash32(schema ?? '')];
  await runner.query('SELECT pg_advisory_lock($1, $2)', key);
  try {
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.executePendingMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1, $2)', key);
  }
}

async function migrateSqlite(dataSource: DataSource, runner: QueryRunner): Promise<void> {
  // As TypeORM does around each migration: foreign keys off (a no-op inside a transaction), so
  // that rebuilding a table does not cascade into the tables that refer to it.
  await runner.beforeMigration();
  await runner.query('BEGIN IMMEDIATE');
  try {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'none';
    await executor.executePendingMigrations();
    await runner.query('COMMIT');
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await runner.afterMigration();
  }
}

/** A stable signed 32-bit hash (FNV-1a) of a schema name, for the advisory lock key. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h | 0;
}
