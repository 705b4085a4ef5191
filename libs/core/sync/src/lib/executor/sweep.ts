import { assertGeneratedIdentifier, quoteIdentifier } from '@crm-hub/persistence';
import type { DataSource, QueryRunner } from 'typeorm';
import type { CommitContext } from './batch-committer';
import { SqlParams } from './sql-text';

/**
 * Ends a full read that replaced an expired (or distrusted) checkpoint: the rows the read did not
 * see are gone from the CRM (the deletions the lost checkpoint would have reported), so they are
 * soft-deleted or removed as the job says — in one transaction with forgetting the seen ids and
 * closing the sweep. Rows created in the hub and never exported (no `crm_id`) are not touched.
 * Returns how many rows the CRM no longer has.
 *
 * @example
 * ```ts
 * const gone = await sweepUnseen(dataSource, context);
 * ```
 */
export async function sweepUnseen(dataSource: DataSource, context: CommitContext): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const runner = manager.queryRunner as QueryRunner;
    const { target } = context;
    const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
    const unseen = (params: SqlParams) =>
      `"hub_deleted_at" IS NULL AND "crm_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "sync_seen" s WHERE s."job_id" = ${params.add(context.jobId)} AND s."crm_id" = ${table}."crm_id")`;
    const counting = new SqlParams(target.dialect);
    const [{ n }] = (await runner.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${unseen(counting)}`, counting.values)) as [{ n: number | string }];
    const gone = Number(n);
    if (gone > 0 && target.deletes !== 'ignore') {
      const params = new SqlParams(target.dialect);
      if (target.deletes === 'hard') {
        await runner.query(`DELETE FROM ${table} WHERE ${unseen(params)}`, params.values);
      } else {
        const now = new Date().toISOString();
        const at = params.add(now);
        const updated = params.add(now);
        await runner.query(
          `UPDATE ${table} SET "hub_deleted_at" = ${at}, "hub_updated_at" = ${updated}, "hub_sync_token" = COALESCE("hub_sync_token", 0) + 1 WHERE ${unseen(params)}`,
          params.values,
        );
      }
    }
    await finishSweep(runner, context, target.deletes === 'ignore' ? 0 : gone);
    return gone;
  });
}

async function finishSweep(runner: QueryRunner, context: CommitContext, deleted: number): Promise<void> {
  const dialect = context.target.dialect;
  const forget = new SqlParams(dialect);
  await runner.query(`DELETE FROM "sync_seen" WHERE "job_id" = ${forget.add(context.jobId)}`, forget.values);
  const close = new SqlParams(dialect);
  await runner.query(`UPDATE "sync_checkpoint" SET "sweeping" = ${close.add(false)} WHERE "job_id" = ${close.add(context.jobId)}`, close.values);
  const run = new SqlParams(dialect);
  await runner.query(`UPDATE "sync_run" SET "deleted" = "deleted" + ${run.add(deleted)} WHERE "id" = ${run.add(context.runId)}`, run.values);
}

/**
 * Whether a full read starting now could have anything to sweep: a table without live CRM rows
 * (the job's first read, say) has none, so its read need not remember every id it sees — a
 * write per record saved on the largest reads of all.
 *
 * @example
 * ```ts
 * if (start.sweeping && !(await mayNeedSweep(dataSource, context.target))) start.sweeping = false;
 * ```
 */
export async function mayNeedSweep(dataSource: DataSource, target: CommitContext['target']): Promise<boolean> {
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  const rows = (await dataSource.query(`SELECT 1 AS found FROM ${table} WHERE "crm_id" IS NOT NULL AND "hub_deleted_at" IS NULL LIMIT 1`)) as unknown[];
  return rows.length > 0;
}
