import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';
import { isDatabaseBusy } from './startup/database-errors';

/** Routes TypeORM's own messages (migrations, errors, slow queries) to the host's structured log. */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('Database');

  logQuery(): void {
    // Individual queries are not logged: they may carry record values.
  }

  logQueryError(error: string | Error, query: string): void {
    // Another process holds the write lock: the caller retries or answers 503; not a fault.
    if (isDatabaseBusy(error)) return this.logger.warn(`Database busy: ${error instanceof Error ? error.message : error} — ${query.slice(0, 200)}`);
    this.logger.error(`Query failed: ${error instanceof Error ? error.message : error} — ${query.slice(0, 200)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query.slice(0, 200)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
