import type { Checkpoint } from '@crm-hub/plugin-sdk';
import type { DataSource, QueryRunner } from 'typeorm';
import { SyncCheckpointEntity } from '../runs/sync-checkpoint.entity';
import type { CommitContext } from './batch-committer';
import { SqlParams } from './sql-text';

/**
 * The stored checkpoint of a job (undefined: never read).
 *
 * @example
 * ```ts
 * const saved = await loadCheckpoint(dataSource, job.id);
 * ```
 */
export async function loadCheckpoint(dataSource: DataSource, jobId: string): Promise<SyncCheckpointEntity | undefined> {
  return (await dataSource.getRepository(SyncCheckpointEntity).findOneBy({ jobId })) ?? undefined;
}

/**
 * Starts a full read: forgets the checkpoint (a crash from here on resumes the full read, not the
 * old increment) and the ids seen by an earlier sweep, in one transaction, and records whether the
 * read ends with a sweep and which run it belongs to.
 *
 * @example
 * ```ts
 * await resetFullRead(dataSource, context, fieldsKey, true);
 * ```
 */
export async function resetFullRead(dataSource: DataSource, context: CommitContext, fieldsKey: string, sweeping: boolean): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const runner = manager.queryRunner as QueryRunner;
    const dialect = context.target.dialect;
    const forget = new SqlParams(dialect);
    await runner.query(`DELETE FROM "sync_seen" WHERE "job_id" = ${forget.add(context.jobId)}`, forget.values);
    const params = new SqlParams(dialect);
    const values = params.list([context.jobId, null, fieldsKey, sweeping, context.runId, new Date().toISOString()]);
    await runner.query(
      `INSERT INTO "sync_checkpoint" ("job_id", "checkpoint", "fields_key", "sweeping", "run_id", "updated_at") VALUES (${values})
       ON CONFLICT ("job_id") DO UPDATE SET "checkpoint" = excluded."checkpoint", "fields_key" = excluded."fields_key",
         "sweeping" = excluded."sweeping", "run_id" = excluded."run_id", "updated_at" = excluded."updated_at"`,
      params.values,
    );
  });
}

/** What a job's stored checkpoint says about where the next read starts. */
export interface ReadStart {
  checkpoint: Checkpoint | undefined;
  sweeping: boolean;
  /** Whether this run starts a new full read (its state must be reset first). */
  freshFull: boolean;
  /** Why a full read, when it is one the operator did not ask for. */
  reason?: string;
}

/**
 * Decides where a run's read starts:
 * - the run's own checkpoint when the run is resumed (after a crash or a pause);
 * - an earlier run's unfinished full read with a sweep is continued (its seen ids are still valid);
 * - a full read when asked, when the job is not incremental, when nothing was read yet, or when the
 *   mapped fields changed (the new fields of unchanged records would never be read otherwise);
 * - otherwise the stored checkpoint: only what changed.
 *
 * @example
 * ```ts
 * const start = planReadStart(saved, { runId, full: run.full, incremental: job.options.incremental, fieldsKey, sweepAllowed });
 * ```
 */
export function planReadStart(
  saved: SyncCheckpointEntity | undefined,
  run: { runId: string; full: boolean; incremental: boolean; fieldsKey: string; sweepAllowed: boolean },
): ReadStart {
  if (saved && saved.runId === run.runId) return { checkpoint: saved.checkpoint ?? undefined, sweeping: saved.sweeping, freshFull: false };
  if (saved?.sweeping && saved.fieldsKey === run.fieldsKey) {
    return { checkpoint: saved.checkpoint ?? undefined, sweeping: true, freshFull: false, reason: 'continuing the full read an earlier run left unfinished' };
  }
  const fresh = (reason?: string): ReadStart => ({ checkpoint: undefined, sweeping: run.sweepAllowed, freshFull: true, ...(reason ? { reason } : {}) });
  if (run.full) return fresh();
  if (!run.incremental) return fresh();
  if (!saved?.checkpoint) return fresh('first read of this job');
  if (saved.fieldsKey !== run.fieldsKey) return fresh('the mapped fields or the filter changed since the last read');
  return { checkpoint: saved.checkpoint, sweeping: false, freshFull: false };
}
