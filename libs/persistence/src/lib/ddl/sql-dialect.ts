import type { DataSource } from 'typeorm';

/** The two databases the hub runs on. Generated tables use the same code for both. */
export type SqlDialect = 'sqlite' | 'postgres';

export function dialectOf(dataSource: DataSource): SqlDialect {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  throw new Error(`Unsupported database type '${type}'`);
}
