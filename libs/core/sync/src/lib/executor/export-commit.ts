import { assertGeneratedIdentifier, quoteIdentifier, type SqlDialect } from '@crm-hub/persistence';
import type { Checkpoint, WriteResult } from '@crm-hub/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ExportRow } from './export-rows';
import { chunks, SqlParams } from './sql-text';

/** Where a write pass's results go. */
export interface WriteCommitContext {
  jobId: string;
  runId: string;
  table: string;
  dialect: SqlDialect;
  /** Write CRM ids back to `crm_id` (insert and upsert). */
  linkIds: boolean;
  /** A delete job: successes count as deletions. */
  deleting: boolean;
  /** Delete jobs on rows chosen by filter: soft-delete the rows whose CRM record was deleted. */
  markDeleted: boolean;
}

/** One row's outcome, with what was sent. */
export interface RowOutcome {
  row: ExportRow;
  payload: Record<string, unknown> | undefined;
  result: WriteResult;
}

/** What a committed pass counted. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  deleted: number;
  rejected: number;
}

/**
 * Marks rows in flight before they are sent: a crash between the call and the commit leaves
 * them marked, and the resumed run knows their outcome is unknown.
 *
 * @example
 * ```ts
 * await markInFlight(dataSource, context, rows);
 * ```
 */
export async function markInFlight(dataSource: DataSource, context: WriteCommitContext, rows: ExportRow[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const runner = manager.queryRunner as QueryRunner;
    const now = new Date().toISOString();
    for (const part of chunks(rows, 200)) {
      const params = new SqlParams(context.dialect);
      const values = part.map((r) => `(${params.list([context.jobId, r.hubId, context.runId, r.changeSeq === null ? null : String(r.changeSeq), now])})`);
      await runner.query(
        `INSERT INTO "sync_export_flight" ("job_id", "hub_id", "run_id", "change_seq", "sent_at") VALUES ${values.join(', ')}
         ON CONFLICT ("job_id", "hub_id") DO UPDATE SET "run_id" = excluded."run_id", "change_seq" = excluded."change_seq", "sent_at" = excluded."sent_at"`,
        params.values,
      );
    }
  });
}

/**
 * Stores a pass's results in ONE transaction: CRM ids written back (as the sync engine's write, so
 * change capture does not send them again), rows of deleted records marked, rejects recorded (an
 * earlier open reject of a row is resolved by success or replaced by the new one), the bidirectional
 * state saved, the rows' in-flight marks cleared, the checkpoint moved and the run's counters added.
 *
 * @example
 * ```ts
 * const counts = await commitWrites(dataSource, context, outcomes, { checkpoint: { changeSeq: 420 }, fieldsKey });
 * ```
 */
export async function commitWrites(
  dataSource: DataSource,
  context: WriteCommitContext,
  outcomes: RowOutcome[],
  saved: { checkpoint: Checkpoint; fieldsKey: string } | undefined,
  extra: (runner: QueryRunner) => Promise<void> = async () => undefined,
): Promise<WriteCounts> {
  return dataSource.transaction(async (manager) => {
    const runner = manager.queryRunner as QueryRunner;
    const now = new Date().toISOString();
    const counts: WriteCounts = { inserted: 0, updated: 0, deleted: 0, rejected: 0 };
    const failures = outcomes.filter((o) => !o.result.ok && !o.result.error?.notFound);
    const done = outcomes.filter((o) => !failures.includes(o));
    const taken = context.linkIds ? await linkedElsewhere(runner, context, done) : new Map<string, string>();
    for (const outcome of done) {
      const id = outcome.result.id;
      if (id && taken.has(id) && taken.get(id) !== outcome.row.hubId) {
        failures.push({ ...outcome, result: { ref: outcome.result.ref, ok: false, error: { code: 'ALREADY_LINKED', message: `CRM record ${id} is already linked to hub row ${taken.get(id)}: two rows stand for one record`, retryable: false } } });
        continue;
      }
      if (context.deleting) counts.deleted++;
      else if (outcome.result.created) counts.inserted++;
      else counts.updated++;
      await touchRow(runner, context, outcome, id, now);
    }
    await resolveRejects(runner, context, outcomes.map((o) => o.row.hubId), now);
    for (const failure of failures) await addReject(runner, context, failure, now);
    counts.rejected = failures.length;
    await extra(runner);
    await clearFlight(runner, context, outcomes.map((o) => o.row.hubId));
    if (saved) await saveCheckpoint(runner, context, saved, now);
    const params = new SqlParams(context.dialect);
    const set = (['inserted', 'updated', 'deleted', 'rejected'] as const).map((k) => `"${k}" = "${k}" + ${params.add(counts[k])}`);
    await runner.query(`UPDATE "sync_run" SET ${set.join(', ')}, "records_read" = "records_read" + ${params.add(outcomes.length)}, "heartbeat_at" = ${params.add(now)} WHERE "id" = ${params.add(context.runId)}`, params.values);
    return counts;
  });
}

/** CRM ids of the batch already linked to other rows (crm_id is unique). */
async function linkedElsewhere(runner: QueryRunner, context: WriteCommitContext, outcomes: RowOutcome[]): Promise<Map<string, string>> {
  const ids = outcomes.map((o) => o.result.id).filter((id): id is string => typeof id === 'string');
  const found = new Map<string, string>();
  for (const part of chunks(ids, 500)) {
    const params = new SqlParams(context.dialect);
    const rows = (await runner.query(`SELECT "crm_id", "hub_id" FROM ${table(context)} WHERE "crm_id" ${params.inList(part)}`, params.values)) as { crm_id: string; hub_id: number | string }[];
    rows.forEach((r) => found.set(r.crm_id, String(r.hub_id)));
  }
  return found;
}

async function touchRow(runner: QueryRunner, context: WriteCommitContext, outcome: RowOutcome, id: string | undefined, now: string): Promise<void> {
  const params = new SqlParams(context.dialect);
  const set = [`"hub_sync_token" = COALESCE("hub_sync_token", 0) + 1`];
  if (context.linkIds && id && id !== outcome.row.crmId) set.push(`"crm_id" = ${params.add(id)}`);
  if (context.markDeleted) set.push(`"hub_deleted_at" = COALESCE("hub_deleted_at", ${params.add(now)})`);
  if (set.length === 1) return; // nothing to write back: do not touch the row
  await runner.query(`UPDATE ${table(context)} SET ${set.join(', ')} WHERE "hub_id" = ${params.add(Number(outcome.row.hubId))}`, params.values);
}

async function resolveRejects(runner: QueryRunner, context: WriteCommitContext, hubIds: string[], now: string): Promise<void> {
  for (const part of chunks(hubIds, 500)) {
    const params = new SqlParams(context.dialect);
    await runner.query(
      `UPDATE "sync_reject" SET "status" = 'resolved', "resolved_at" = ${params.add(now)} WHERE "job_id" = ${params.add(context.jobId)} AND "status" = 'open' AND "hub_id" ${params.inList(part)}`,
      params.values,
    );
  }
}

async function addReject(runner: QueryRunner, context: WriteCommitContext, outcome: RowOutcome, now: string): Promise<void> {
  const error = outcome.result.error ?? { code: 'UNKNOWN', message: 'The CRM refused the record without saying why', retryable: false };
  const params = new SqlParams(context.dialect);
  const values = params.list([
    randomUUID(),
    context.jobId,
    context.runId,
    outcome.row.crmId,
    outcome.row.hubId,
    error.fields?.[0] ?? null,
    null,
    error.code.slice(0, 64),
    error.message,
    outcome.payload ? JSON.stringify(outcome.payload) : null,
    error.fields ? JSON.stringify(error.fields) : null,
    error.retryable,
    now,
  ]);
  await runner.query(
    `INSERT INTO "sync_reject" ("id", "job_id", "run_id", "crm_id", "hub_id", "field", "value", "code", "reason", "payload", "fields", "retryable", "created_at") VALUES (${values})`,
    params.values,
  );
}

async function clearFlight(runner: QueryRunner, context: WriteCommitContext, hubIds: string[]): Promise<void> {
  for (const part of chunks(hubIds, 500)) {
    const params = new SqlParams(context.dialect);
    await runner.query(`DELETE FROM "sync_export_flight" WHERE "job_id" = ${params.add(context.jobId)} AND "hub_id" ${params.inList(part)}`, params.values);
  }
}

async function saveCheckpoint(runner: QueryRunner, context: WriteCommitContext, saved: { checkpoint: Checkpoint; fieldsKey: string }, now: string): Promise<void> {
  const params = new SqlParams(context.dialect);
  const values = params.list([context.jobId, JSON.stringify(saved.checkpoint), saved.fieldsKey, false, context.runId, now]);
  await runner.query(
    `INSERT INTO "sync_checkpoint" ("job_id", "checkpoint", "fields_key", "sweeping", "run_id", "updated_at") VALUES (${values})
     ON CONFLICT ("job_id") DO UPDATE SET "checkpoint" = excluded."checkpoint", "fields_key" = excluded."fields_key", "run_id" = excluded."run_id", "updated_at" = excluded."updated_at"`,
    params.values,
  );
}

function table(context: WriteCommitContext): string {
  return quoteIdentifier(assertGeneratedIdentifier(context.table));
}
