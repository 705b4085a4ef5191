import { assertGeneratedIdentifier, quoteIdentifier, type HubColumnType, type SqlDialect } from '@crm-hub/persistence';
import { fromColumn } from '@crm-hub/schemas';
import type { QueryRunner } from 'typeorm';
import { SqlParams } from './sql-text';

/** A mapped column of an export, with what its values are. */
export interface ExportColumn {
  field: string;
  column: string;
  type: HubColumnType;
}

/** One hub row to write to the CRM, its values canonical and keyed by CRM field name. */
export interface ExportRow {
  hubId: string;
  crmId: string | null;
  changeSeq: number | null;
  /** When the hub last changed the row (latest-wins conflicts). */
  hubUpdatedAt: string | null;
  deletedAt: string | null;
  values: Record<string, unknown>;
}

/** Which rows a pass reads. */
export type RowSelection =
  | { kind: 'changed'; after: number }
  | { kind: 'rejected'; jobId: string; upTo: number }
  | { kind: 'deleted'; after: number }
  | { kind: 'matching'; where: (params: SqlParams) => string };

/**
 * Reads the next rows of a generated table for an export or delete pass, in change order:
 * rows changed since the job's checkpoint (by `hub_change_seq`, numbered by change capture), rows
 * whose last write was rejected (retryRejects), rows soft-deleted since the checkpoint, or rows
 * matching a delete job's filter.
 *
 * @example
 * ```ts
 * const rows = await readExportRows(runner, 'sqlite', 'crm_acme_contact', columns, { kind: 'changed', after: 120 }, 200);
 * ```
 */
export async function readExportRows(
  runner: QueryRunner,
  dialect: SqlDialect,
  table: string,
  columns: ExportColumn[],
  selection: RowSelection,
  limit: number,
): Promise<ExportRow[]> {
  const name = quoteIdentifier(assertGeneratedIdentifier(table));
  const params = new SqlParams(dialect);
  const where: string[] = [];
  if (selection.kind === 'changed') where.push(`"hub_change_seq" > ${params.add(selection.after)}`, `"hub_deleted_at" IS NULL`);
  if (selection.kind === 'deleted') where.push(`"hub_change_seq" > ${params.add(selection.after)}`, `"hub_deleted_at" IS NOT NULL`, `"crm_id" IS NOT NULL`);
  if (selection.kind === 'rejected') {
    where.push(
      `"hub_change_seq" <= ${params.add(selection.upTo)}`,
      `CAST("hub_id" AS TEXT) IN (SELECT "hub_id" FROM "sync_reject" WHERE "job_id" = ${params.add(selection.jobId)} AND "status" = 'open')`,
    );
  }
  if (selection.kind === 'matching') where.push(`(${selection.where(params)})`, `"hub_deleted_at" IS NULL`, `"crm_id" IS NOT NULL`);
  const order = selection.kind === 'matching' ? '"hub_id"' : '"hub_change_seq", "hub_id"';
  const select = ['hub_id', 'crm_id', 'hub_change_seq', 'hub_updated_at', 'hub_deleted_at', ...new Set(columns.map((c) => assertGeneratedIdentifier(c.column)))];
  const rows = (await runner.query(
    `SELECT ${select.map(quoteIdentifier).join(', ')} FROM ${name} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(limit)}`,
    params.values,
  )) as Record<string, unknown>[];
  const instant = (v: unknown) => (v === null || v === undefined ? null : (fromColumn(v, { kind: 'timestamp' }) as string));
  return rows.map((row) => ({
    hubId: String(row['hub_id']),
    crmId: (row['crm_id'] as string | null) ?? null,
    changeSeq: row['hub_change_seq'] === null ? null : Number(row['hub_change_seq']),
    hubUpdatedAt: instant(row['hub_updated_at']),
    deletedAt: instant(row['hub_deleted_at']),
    values: Object.fromEntries(columns.map((c) => [c.field, fromColumn(row[c.column], c.type)])),
  }));
}
