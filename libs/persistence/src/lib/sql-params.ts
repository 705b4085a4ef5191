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
    this.values.push(this.bindable(value));
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  /** Binds several values: `?, ?, ?` / `$1, $2, $3`. */
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }

  /**
   * A membership test for the expression before it: `IN (?, ?, ?)` on SQLite, `= ANY($1)` on
   * PostgreSQL, where one array parameter spares the server parsing and planning a thousand (in a
   * direct test of the sync engine's lookups of 1,000 ids, ~3 ms of every 40 per 1,000 rows).
   *
   * @example
   * ```ts
   * const params = new SqlParams(dialect);
   * await runner.query(`SELECT "hub_id" FROM "t" WHERE "crm_id" ${params.inList(ids)}`, params.values);
   * ```
   */
  inList(values: readonly unknown[]): string {
    if (this.dialect === 'sqlite') return `IN (${this.list(values)})`;
    return `= ANY(${this.add([...values])})`;
  }

  /**
   * The rows of an `INSERT INTO t (a, b, …) <rows>`, each followed by the same SQL `constants`:
   * `VALUES (?, ?, 'crm'), (?, ?, 'crm')` on SQLite; on PostgreSQL one array per column,
   * `SELECT u.*, 'crm' FROM unnest($1::text[], $2::numeric[]) AS u`. PostgreSQL parses, binds and
   * plans every parameter of a statement one by one: for a thousand rows of the benchmark's 15
   * columns that took three times as long as storing them. `types` are the columns' PostgreSQL
   * parameter types (`parameterType`); SQLite ignores them.
   *
   * @example
   * ```ts
   * const params = new SqlParams(dialect);
   * const source = params.rows([['a', 1], ['b', 2]], ['text', 'bigint'], ["'crm'"]);
   * await runner.query(`INSERT INTO "t" ("id", "n", "origin") ${source}`, params.values);
   * ```
   */
  rows(rows: readonly (readonly unknown[])[], types: readonly string[], constants: readonly string[] = []): string {
    const tail = constants.map((c) => `, ${c}`).join('');
    if (this.dialect === 'sqlite') return `VALUES ${this.sqliteTuples(rows, tail).join(', ')}`;
    const arrays = types.map((type, i) => `${this.add(rows.map((row) => row[i] ?? null))}::${type}[]`);
    return `SELECT u.*${tail} FROM unnest(${arrays.join(', ')}) AS u`;
  }

  /**
   * One `(?, ?, …, constants)` per row, each row's values bound. Rows of a statement have the same
   * width, so one text serves them all: building it per value took ~0.38 s of the hub thread's
   * CPU profile in the benchmark's 200,000-row SQLite import, this ~0.1 s.
   */
  private sqliteTuples(rows: readonly (readonly unknown[])[], tail: string): string[] {
    const tuples: string[] = [];
    let width = -1;
    let tuple = '';
    for (const row of rows) {
      if (row.length !== width) {
        width = row.length;
        tuple = `(${new Array<string>(width).fill('?').join(', ')}${tail})`;
      }
      for (const value of row) this.values.push(this.bindable(value));
      tuples.push(tuple);
    }
    return tuples;
  }

  /** better-sqlite3 binds no booleans: SQLite keeps them as 0/1. */
  private bindable(value: unknown): unknown {
    return this.dialect === 'sqlite' && typeof value === 'boolean' ? Number(value) : value;
  }
}
