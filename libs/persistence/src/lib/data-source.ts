import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { types as pgTypes } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from './database-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

/** What the host gives the persistence layer: where the database is, and the tables it owns. */
export interface PersistenceOptions {
  database: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

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
      enableWAL: true,
      prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('busy_timeout = 5000');
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
      ...(db.schema ? { options: `-c search_path=${quoteIdentifier(db.schema)}` } : {}),
    },
  };
}

/**
 * Opens the database and brings its schema up to date: creates the SQLite file's folder or the
 * PostgreSQL schema when missing, then runs pending migrations, each in its own transaction.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3') mkdirSync(dirname(options.database), { recursive: true });
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    if (options.type === 'postgres' && options.schema) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    }
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}

/** Quotes an SQL identifier (same rule on SQLite and PostgreSQL): double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An SQL identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
