// The parts of better-sqlite3 12 the benchmarks use (the workspace has no @types package for it).
declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      readonly reader: boolean;
      run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): Database;
      pragma(source: string): unknown;
      transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
      close(): void;
    }
  }
  interface DatabaseConstructor {
    new (path: string, options?: { timeout?: number; readonly?: boolean }): Database.Database;
  }
  const Database: DatabaseConstructor;
  export = Database;
}
