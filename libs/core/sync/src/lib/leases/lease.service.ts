import { dialectOf } from '@crm-hub/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SqlParams } from '../executor/sql-text';
import { SYNC_OPTIONS, type SyncOptions } from '../sync.options';

/**
 * One run per job at a time, across every hub process sharing the database: a lease row per job,
 * taken with an atomic insert-or-take-over-if-expired, renewed by the holder's heartbeat, released
 * at the end. Works the same on SQLite and PostgreSQL (`INSERT … ON CONFLICT DO UPDATE … WHERE`).
 * Expiry uses each process's clock: keep hub clocks in sync (NTP); a skew shorter than the TTL is harmless.
 */
@Injectable()
export class LeaseService {
  /** This process, as lease holders are named. */
  readonly owner = `${process.pid}-${randomUUID()}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
  ) {}

  /** Takes the job's lease for `runId` when it is free, expired, or already ours. */
  async acquire(jobId: string, runId: string, now = new Date()): Promise<boolean> {
    const params = new SqlParams(dialectOf(this.dataSource));
    const expires = new Date(now.getTime() + this.options.leaseTtlMs).toISOString();
    await this.dataSource.query(
      `INSERT INTO "sync_lease" ("job_id", "owner", "run_id", "expires_at") VALUES (${params.list([jobId, this.owner, runId, expires])})
       ON CONFLICT ("job_id") DO UPDATE SET "owner" = excluded."owner", "run_id" = excluded."run_id", "expires_at" = excluded."expires_at"
       WHERE "sync_lease"."expires_at" < ${params.add(now.toISOString())} OR ("sync_lease"."owner" = excluded."owner" AND "sync_lease"."run_id" = excluded."run_id")`,
      params.values,
    );
    return this.holds(jobId, runId);
  }

  /** Extends our lease; false when it was lost (expired and taken over): the run must stop. */
  async renew(jobId: string, runId: string, now = new Date()): Promise<boolean> {
    const params = new SqlParams(dialectOf(this.dataSource));
    const expires = new Date(now.getTime() + this.options.leaseTtlMs).toISOString();
    await this.dataSource.query(
      `UPDATE "sync_lease" SET "expires_at" = ${params.add(expires)} WHERE "job_id" = ${params.add(jobId)} AND "owner" = ${params.add(this.owner)} AND "run_id" = ${params.add(runId)}`,
      params.values,
    );
    return this.holds(jobId, runId);
  }

  /** Gives the job back at once (the next run need not wait for expiry). */
  async release(jobId: string, runId: string): Promise<void> {
    const params = new SqlParams(dialectOf(this.dataSource));
    await this.dataSource.query(
      `DELETE FROM "sync_lease" WHERE "job_id" = ${params.add(jobId)} AND "owner" = ${params.add(this.owner)} AND "run_id" = ${params.add(runId)}`,
      params.values,
    );
  }

  /** Whether a live lease (of anyone) covers the job. */
  async isHeld(jobId: string, now = new Date()): Promise<boolean> {
    const params = new SqlParams(dialectOf(this.dataSource));
    const rows = (await this.dataSource.query(
      `SELECT 1 AS held FROM "sync_lease" WHERE "job_id" = ${params.add(jobId)} AND "expires_at" >= ${params.add(now.toISOString())}`,
      params.values,
    )) as unknown[];
    return rows.length > 0;
  }

  private async holds(jobId: string, runId: string): Promise<boolean> {
    const params = new SqlParams(dialectOf(this.dataSource));
    const rows = (await this.dataSource.query(
      `SELECT "owner", "run_id" FROM "sync_lease" WHERE "job_id" = ${params.add(jobId)}`,
      params.values,
    )) as { owner: string; run_id: string }[];
    return rows[0]?.owner === this.owner && rows[0]?.run_id === runId;
  }
}
