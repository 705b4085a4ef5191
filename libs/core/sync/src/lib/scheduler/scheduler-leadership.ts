import { dialectOf } from '@crm-hub/persistence';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Which scheduler process is the active one: the holder of a PostgreSQL session advisory lock
 * (per database schema, so hub installations sharing a server do not compete). The lock lives as
 * long as the holder's connection: a scheduler that dies or loses the database frees it at once,
 * and a standby takes it at its next look. Ticks stay exactly-once even if two were briefly
 * active, since each tick is claimed by a compare-and-set on the job row.
 *
 * On SQLite (one machine), every scheduler process is active and that compare-and-set alone
 * keeps each tick once.
 */
@Injectable()
export class SchedulerLeadership implements OnApplicationShutdown {
  private readonly logger = new Logger('SyncScheduler');
  private runner: QueryRunner | undefined;
  private leading = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether this process is the active scheduler now (takes the lock when it is free). */
  async lead(): Promise<boolean> {
    if (dialectOf(this.dataSource) !== 'postgres') return true;
    try {
      this.runner ??= this.dataSource.createQueryRunner();
      if (this.leading) {
        await this.runner.query('SELECT 1');
        return true;
      }
      const rows = (await this.runner.query(`SELECT pg_try_advisory_lock(hashtext(current_schema() || ':crm-hub-scheduler')) AS locked`)) as { locked: boolean }[];
      this.leading = rows[0]?.locked === true;
      if (this.leading) this.logger.log('This process is the active scheduler');
    } catch (error) {
      if (this.leading) this.logger.warn(`Lost the scheduler lock with the database connection (${(error as Error).message}); another scheduler takes over`);
      this.leading = false;
      await this.drop();
    }
    return this.leading;
  }

  async onApplicationShutdown(): Promise<void> {
    this.leading = false;
    await this.drop();
  }

  private async drop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    // The connection goes back to the pool, its session alive: unlock first (a broken one has lost it already).
    await runner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await runner.release().catch(() => undefined);
  }
}
