/** What the persistence layer uses of a better-sqlite3 database (the package ships no types here). */
export interface SqliteDatabase {
  prepare(sql: string): unknown;
  pragma(source: string): unknown;
  close(): unknown;
}

/** The better-sqlite3 constructor. */
export type SqliteConstructor = new (filename: string, options?: Record<string, unknown>) => SqliteDatabase;

// require, typed by hand: no type declarations are installed for better-sqlite3.
const BetterSqlite3 = require('better-sqlite3') as SqliteConstructor;

/**
 * better-sqlite3 with every transaction started as `BEGIN IMMEDIATE` (TypeORM starts them with a
 * plain, deferred `BEGIN`). Several hub processes may write to one SQLite file: a deferred
 * transaction that reads, then writes after another process committed, fails at once with
 * SQLITE_BUSY_SNAPSHOT ("database is locked") — the busy timeout cannot help it. An immediate one
 * takes the write lock first, so writers queue behind each other within the busy timeout.
 */
export class ImmediateTransactionsSqlite extends BetterSqlite3 {
  override prepare(sql: string): unknown {
    return super.prepare(/^BEGIN( TRANSACTION)?$/i.test(sql.trim()) ? 'BEGIN IMMEDIATE TRANSACTION' : sql);
  }
}

/** Opens a database directly (outside TypeORM): to create a file, or to look at one. */
export function openSqlite(path: string, options: Record<string, unknown> = {}): SqliteDatabase {
  return new BetterSqlite3(path, options);
}
