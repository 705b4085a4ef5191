// better-sqlite3 (the hub's SQLite driver) ships no types and @types/better-sqlite3 is not a
// dependency: these are the few calls the demo makes to write rows "as the platform would".
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number };
  }
  class Database {
    constructor(file: string, options?: { fileMustExist?: boolean });
    pragma(source: string): unknown;
    prepare(sql: string): Statement;
    transaction<Args extends unknown[]>(fn: (...args: Args) => void): (...args: Args) => void;
    close(): void;
  }
  export = Database;
}
