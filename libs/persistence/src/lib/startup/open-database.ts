import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../database-config';
import { classifyDatabaseError, DatabaseStartupError } from './database-errors';
import { runMigrationsLocked } from './migrate-locked';
import { prepareSqliteFile } from './sqlite-file';

/** How long transient failures (a server starting, a lock held) are retried before start-up gives up. */
export interface RetryPolicy {
  attempts: number;
  delayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 15, delayMs: 2_000 };

/**
 * Opens the database and brings its schema up to date (see {@link runMigrationsLocked}). Permanent
 * failures — a damaged or emptied SQLite file, a refused password, an unknown role or database, no
 * PostgreSQL answer — are reported at once as a {@link DatabaseStartupError} saying what to check;
 * transient ones are retried, each retry logged.
 */
export async function openDatabase(options: DataSourceOptions, retry: RetryPolicy = DEFAULT_RETRY): Promise<DataSource> {
  const logger = new Logger('Database');
  const database = describedConfig(options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(options);
    } catch (err) {
      const failure = classifyDatabaseError(err, database);
      if (!failure.transient) throw new DatabaseStartupError(failure.message, { cause: err });
      if (attempt >= retry.attempts) {
        throw new DatabaseStartupError(`${failure.message}; gave up after ${attempt} attempts over ${Math.round((attempt * retry.delayMs) / 1000)} s`, {
          cause: err,
        });
      }
      logger.warn(`${failure.message}; retrying in ${retry.delayMs / 1000} s (attempt ${attempt} of ${retry.attempts})`);
      // The host buffers its start-up log until the application exists; an operator waiting for a
      // database must see why now, not when the start finally succeeds or fails.
      Logger.flush();
      await sleep(retry.delayMs);
    }
  }
}

async function openOnce(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3') prepareSqliteFile(options.database);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}

function describedConfig(options: DataSourceOptions): DatabaseConfig {
  if (options.type === 'better-sqlite3') return { kind: 'sqlite', path: options.database };
  if (options.type === 'postgres') return { kind: 'postgres', url: options.url ?? '', ...(options.schema ? { schema: options.schema } : {}) };
  throw new DatabaseStartupError(`Unsupported database type ${options.type}`);
}
