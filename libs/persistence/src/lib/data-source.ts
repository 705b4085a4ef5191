import { types as pgTypes } from 'pg';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { DatabaseConfig } from './database-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { ImmediateTransactionsSqlite } from './startup/sqlite-driver';
import { quoteIdentifier } from './quote-identifier';
import { TypeOrmLogger } from './typeorm-logger';

export { quoteIdentifier } from './quote-identifier';
export { openDatabase } from './startup/open-database';

/** What the host gives the persistence layer: where the database is, and the tables it owns. */
export interface PersistenceOptions {
  database: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Waits of the drivers (tests shorten them). */
  timeouts?: { sqliteBusyMs?: number; pgConnectMs?: number };
}

/** How long an SQLite writer waits for another process's write lock before the request gets a 503. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** How long a PostgreSQL connection may take to answer (a port where no PostgreSQL listens would hang forever). */
export const PG_CONNECT_TIMEOUT_MS = 10_000;

// PostgreSQL `date` values stay 'YYYY-MM-DD' strings: node-postgres would make them local-midnight
// Dates, which shift by a day in any time zone west of UTC.
const PG_DATE_OID = 1082;
pgTypes.setTypeParser(PG_DATE_OID, (value: string) => value);

/** TypeORM options for either database; schema changes happen only through migrations. */
export function buildDataSourceOptions(options: PersistenceOptions): DataSourceOptions {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new TypeOrmLogger(),
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    maxQueryExecutionTime: 2000,
  };
  const db = options.database;
  if (db.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      // Several hub processes may share the file: WAL lets readers run beside a writer, writers
      // queue for the lock up to the busy timeout, and transactions take the lock up front.
      driver: ImmediateTransactionsSqlite,
      enableWAL: true,
      timeout: options.timeouts?.sqliteBusyMs ?? SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
        sqlite.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: db.url,
    ...(db.schema ? { schema: db.schema } : {}),
    // search_path too, so that raw SQL (generated tables, health checks) lands in the same schema.
    extra: {
      max: 10,
      application_name: 'crm-hub',
      connectionTimeoutMillis: options.timeouts?.pgConnectMs ?? PG_CONNECT_TIMEOUT_MS,
      ...(db.schema ? { options: `-c search_path=${quoteIdentifier(db.schema)}` } : {}),
    },
  };
}
