import type { SqlDialect } from './ddl/sql-dialect';

/**
 * Positional parameters of one statement in the dialect's syntax (`?` on SQLite, `$1…` on
 * PostgreSQL): values are always bound, never spliced into SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  /** Binds a value and returns its placeholder. */
  add(value: unknown): string {
    // better-sqlite3 binds no booleans: SQLite keeps them as 0/1.
    this.values.push(this.dialect === 'sqlite' && typeof value === 'boolean' ? Number(value) : value);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  /** Binds several values: `?, ?, ?` / `$1, $2, $3`. */
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}
