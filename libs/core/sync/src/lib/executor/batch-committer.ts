import type { Checkpoint } from '@crm-hub/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { SqlParams, chunks } from './sql-text';
import { applyIntents, type BatchOutcome, type TableTarget } from './table-writer';
import type { RecordIntent } from './record-batch';
import { settlePairedImport, type PairImport } from './pair-import';

/** Which run a batch belongs to, and what to remember with it. */
export interface CommitContext {
  jobId: string;
  runId: string;
  target: TableTarget;
  /** Record the CRM ids read, for the sweep that ends a full read. */
  recordSeen: boolean;
  /** The import side of a bidirectional pair: fields changed in the hub are not overwritten. */
  pair?: PairImport;
}

/**
 * Commits one batch in ONE transaction: the records, their rejects, the CRM ids seen (for a
 * sweep), the run's counters and — when given — the checkpoint that covers them. A crash before
 * the commit leaves none of it; after, all of it: resuming from the stored checkpoint neither
 * misses nor repeats anything, and the counters stay exact.
 *
 * @example
 * ```ts
 * await commitBatch(dataSource, context, foldBatch(buffer), { checkpoint: msg.checkpoint, fieldsKey }, read);
 * ```
 */
export async function commitBatch(
  dataSource: DataSource,
  context: CommitContext,
  intents: RecordIntent[],
  checkpoint: { checkpoint: Checkpoint; fieldsKey: string; sweeping: boolean } | undefined,
  recordsRead: number,
): Promise<BatchOutcome> {
  return dataSource.transaction(async (manager) => {
    const runner = manager.queryRunner as QueryRunner;
    const now = new Date();
    const settled = context.pair ? await settlePairedImport(runner, context.target, context.pair, intents) : undefined;
    const outcome = await applyIntents(runner, context.target, settled?.intents ?? intents, now);
    await settled?.afterApply();
    if (context.recordSeen) await rememberSeen(runner, context, intents.filter((i) => i.kind === 'upsert').map((i) => i.crmId));
    await saveRejects(runner, context, outcome, now);
    if (checkpoint) await saveCheckpoint(runner, context, checkpoint, now);
    await addToRun(runner, context, outcome, recordsRead, now);
    return outcome;
  });
}

async function rememberSeen(runner: QueryRunner, context: CommitContext, crmIds: string[]): Promise<void> {
  for (const ids of chunks(crmIds, 400)) {
    const params = new SqlParams(context.target.dialect);
    const rows = ids.map((id) => `(${params.add(context.jobId)}, ${params.add(id)})`).join(', ');
    await runner.query(`INSERT INTO "sync_seen" ("job_id", "crm_id") VALUES ${rows} ON CONFLICT DO NOTHING`, params.values);
  }
}

async function saveRejects(runner: QueryRunner, context: CommitContext, outcome: BatchOutcome, now: Date): Promise<void> {
  for (const rejects of chunks(outcome.rejects, 100)) {
    const params = new SqlParams(context.target.dialect);
    const rows = rejects.map(
      (r) =>
        `(${params.list([randomUUID(), context.jobId, context.runId, r.crmId, r.field, r.value, r.code.slice(0, 64), r.reason, now.toISOString()])})`,
    );
    await runner.query(
      `INSERT INTO "sync_reject" ("id", "job_id", "run_id", "crm_id", "field", "value", "code", "reason", "created_at") VALUES ${rows.join(', ')}`,
      params.values,
    );
  }
}

async function saveCheckpoint(
  runner: QueryRunner,
  context: CommitContext,
  saved: { checkpoint: Checkpoint; fieldsKey: string; sweeping: boolean },
  now: Date,
): Promise<void> {
  const params = new SqlParams(context.target.dialect);
  const values = params.list([context.jobId, JSON.stringify(saved.checkpoint), saved.fieldsKey, saved.sweeping, context.runId, now.toISOString()]);
  await runner.query(
    `INSERT INTO "sync_checkpoint" ("job_id", "checkpoint", "fields_key", "sweeping", "run_id", "updated_at") VALUES (${values})
     ON CONFLICT ("job_id") DO UPDATE SET "checkpoint" = excluded."checkpoint", "fields_key" = excluded."fields_key",
       "sweeping" = excluded."sweeping", "run_id" = excluded."run_id", "updated_at" = excluded."updated_at"`,
    params.values,
  );
}

async function addToRun(runner: QueryRunner, context: CommitContext, outcome: BatchOutcome, recordsRead: number, now: Date): Promise<void> {
  const params = new SqlParams(context.target.dialect);
  const set = [
    `"records_read" = "records_read" + ${params.add(recordsRead)}`,
    `"inserted" = "inserted" + ${params.add(outcome.inserted)}`,
    `"updated" = "updated" + ${params.add(outcome.updated)}`,
    `"deleted" = "deleted" + ${params.add(outcome.deleted)}`,
    `"skipped" = "skipped" + ${params.add(outcome.skipped)}`,
    `"rejected" = "rejected" + ${params.add(outcome.rejects.length)}`,
    `"heartbeat_at" = ${params.add(now.toISOString())}`,
  ];
  await runner.query(`UPDATE "sync_run" SET ${set.join(', ')} WHERE "id" = ${params.add(context.runId)}`, params.values);
}
