import { assertGeneratedIdentifier, parameterType, quoteIdentifier, type SqlDialect } from '@crm-hub/persistence';
import { toIsoDateTime } from '@crm-hub/plugin-sdk';
import type { QueryResult, QueryRunner } from 'typeorm';
import { toColumnValue, type ColumnTarget } from '@crm-hub/schemas';
import type { RecordIntent } from './record-batch';
import { chunks, columnList, SqlParams } from './sql-text';

/** Where a job's records go: the generated table and its mapped columns. */
export interface TableTarget {
  table: string;
  dialect: SqlDialect;
  /** Mapped fields by CRM field name. */
  columns: Map<string, ColumnTarget>;
  deletes: 'soft' | 'hard' | 'ignore';
  /** `ignore`: upserts are only counted as seen (an import-deleted job never creates or changes rows). */
  upserts: 'apply' | 'ignore';
  /** Time zone of `date-only` / `no-tz-shift` conversions. */
  timeZone: string;
}

/** A value the table could not take (too long, out of range…): becomes a reject, the rest of the record is stored. */
export interface ValueReject {
  crmId: string;
  field: string | null;
  value: string | null;
  code: string;
  reason: string;
}

/** What applying one batch did. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  deleted: number;
  /** Records not applied because the row holds a newer version (`crm_modified_at`). */
  skipped: number;
  rejects: ValueReject[];
}

/**
 * Parameters per multi-row statement: under SQLite's (32,766) and PostgreSQL's (65,535) limits.
 * Fewer, larger statements matter on PostgreSQL, where each one is a round trip.
 */
const PARAMS_PER_STATEMENT = 30_000;
/** Rows per statement at most, however narrow the table: statements of more rows gained nothing measurable. */
const MAX_ROWS_PER_STATEMENT = 1_000;
const IDS_PER_STATEMENT = 1_000;

/** PostgreSQL parameter types of `crm_id`, `crm_modified_at` and `hub_updated_at`, the first values of every row. */
const HUB_PARAMETER_TYPES = ['varchar', 'timestamptz', 'timestamptz'];

function rowsPerStatement(columnsPerRow: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMS_PER_STATEMENT / columnsPerRow)));
}

/**
 * Applies folded record intents to a generated table, inside the caller's transaction:
 *
 * - upserts by `crm_id`, writing only the columns of the fields each record carries (absent is
 *   not null), with `hub_origin = 'crm'` for new rows, and never with an older version: a record
 *   whose modification time is older than the row's `crm_modified_at` is skipped (the condition is
 *   in the statement itself, so a concurrent writer cannot slip an older value in either);
 * - an upsert revives a soft-deleted row; deletes soft-delete (`hub_deleted_at`) or remove rows;
 * - a value the column cannot take becomes a {@link ValueReject}, never a silent loss.
 *
 * The counts come from the writes themselves (the rows each upsert returns, the rows each delete
 * changed), not from reading the rows first: that read was a quarter of the write path's time on
 * PostgreSQL.
 *
 * @example
 * ```ts
 * const outcome = await applyIntents(runner, target, foldBatch(messages), new Date());
 * ```
 */
export async function applyIntents(runner: QueryRunner, target: TableTarget, intents: RecordIntent[], now: Date): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { inserted: 0, updated: 0, deleted: 0, skipped: 0, rejects: [] };
  if (intents.length === 0) return outcome;
  const nowText = now.toISOString();
  const groups = new Map<string, RowGroup>();
  let lastGroup: RowGroup | undefined;
  const toDelete: string[] = [];
  const rejects: ValueReject[] = [];
  let upserts = 0;
  for (const intent of intents) {
    if (intent.kind === 'delete') {
      if (target.deletes !== 'ignore') toDelete.push(intent.crmId);
      continue;
    }
    if (target.upserts === 'ignore') continue;
    // One text form of instants everywhere: SQLite compares them as text.
    const values: unknown[] = [intent.crmId, intent.modifiedAt === undefined ? null : toIsoDateTime(intent.modifiedAt), nowText];
    const columns = rowValues(intent, target, values, rejects);
    // Records of a read nearly always carry the same fields: reuse the previous group without building its key.
    let group = lastGroup && sameColumns(lastGroup.columns, columns) ? lastGroup : undefined;
    if (!group) {
      const key = columns.map((c) => c.column).join('\u0001');
      group = groups.get(key) ?? { columns, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(values);
    lastGroup = group;
    upserts++;
  }
  outcome.rejects = rejects;
  if (upserts > 0) {
    // Hub ids only grow: a row with a higher id than any before the batch is new.
    const lastHubId = await highestHubId(runner, target);
    let written = 0;
    if (needsWrittenRows(target, rejects)) {
      const writtenIds: string[] = [];
      for (const rows of statementsOf(groups)) {
        for (const row of await upsertReturning(runner, target, rows.columns, rows.values)) {
          writtenIds.push(row.crm_id);
          if (Number(row.hub_id) > lastHubId) outcome.inserted++;
          else outcome.updated++;
        }
      }
      written = writtenIds.length;
      // A record not written (the row holds a newer version) leaves no reject either.
      if (written < upserts) outcome.rejects = rejectsOfWritten(rejects, writtenIds);
    } else {
      for (const rows of statementsOf(groups)) written += await upsertCounting(runner, target, rows.columns, rows.values);
      outcome.inserted = await rowsAbove(runner, target, lastHubId);
      outcome.updated = written - outcome.inserted;
    }
    outcome.skipped = upserts - written;
  }
  outcome.deleted = await deleteRows(runner, target, toDelete, now);
  return outcome;
}

function rejectsOfWritten(rejects: ValueReject[], written: string[]): ValueReject[] {
  const kept = new Set(written);
  return rejects.filter((r) => kept.has(r.crmId));
}

/**
 * Whether the upserts must say which records they wrote, rather than how many. SQLite's
 * transaction holds the database's write lock, so the rows above the highest id before the batch
 * are exactly those it inserted, and counting them is cheaper than a RETURNING clause (which
 * buffers and hands back every row: ~15 % of the CPU time of writing 200,000 rows of the benchmark's
 * Dataverse table).
 * PostgreSQL lets other transactions insert meanwhile; and a batch with rejects must drop those
 * of the records not written.
 */
function needsWrittenRows(target: TableTarget, rejects: readonly ValueReject[]): boolean {
  return target.dialect === 'postgres' || rejects.length > 0;
}

/** Each group's rows in statements under the parameter limits. */
function* statementsOf(groups: Map<string, RowGroup>): Generator<{ columns: ColumnTarget[]; values: unknown[][] }> {
  for (const group of groups.values()) {
    for (const values of chunks(group.rows, rowsPerStatement(group.columns.length + 3))) yield { columns: group.columns, values };
  }
}

interface RowGroup {
  columns: ColumnTarget[];
  rows: unknown[][];
}

/** Appends the record's stored values to `row`; returns their columns, in the same order. */
function rowValues(intent: Extract<RecordIntent, { kind: 'upsert' }>, target: TableTarget, row: unknown[], rejects: ValueReject[]): ColumnTarget[] {
  const columns: ColumnTarget[] = [];
  const data = intent.data;
  for (const field in data) {
    const column = target.columns.get(field);
    if (!column) continue; // read but not mapped (the id and cursor fields, say)
    const value = data[field];
    const converted = toColumnValue(value, column, target.dialect, target.timeZone);
    if (!converted.ok) {
      rejects.push({ crmId: intent.crmId, field, value: describeValue(value), code: converted.code, reason: converted.reason });
      continue;
    }
    columns.push(column);
    row.push(converted.value);
  }
  return columns;
}

function sameColumns(a: readonly ColumnTarget[], b: readonly ColumnTarget[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

async function highestHubId(runner: QueryRunner, target: TableTarget): Promise<number> {
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  const [row] = (await runner.query(`SELECT MAX("hub_id") AS "last" FROM ${table}`)) as { last: number | string | null }[];
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last);
}

/** How many rows have a hub id above `hubId`: a range of the table's own key, as long as the rows inserted. */
async function rowsAbove(runner: QueryRunner, target: TableTarget, hubId: number): Promise<number> {
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  const params = new SqlParams(target.dialect);
  const [row] = (await runner.query(`SELECT COUNT(*) AS "n" FROM ${table} WHERE "hub_id" > ${params.add(hubId)}`, params.values)) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** Upserts the rows; answers those written (inserted, or updated with a version not older than the row's). */
async function upsertReturning(runner: QueryRunner, target: TableTarget, mapped: ColumnTarget[], rows: unknown[][]): Promise<{ crm_id: string; hub_id: number | string }[]> {
  const { sql, values } = upsertStatement(target, mapped, rows);
  return (await runner.query(`${sql} RETURNING "crm_id", "hub_id"`, values)) as { crm_id: string; hub_id: number | string }[];
}

/** Upserts the rows; answers how many were written (SQLite's count of changes leaves out what triggers change). */
async function upsertCounting(runner: QueryRunner, target: TableTarget, mapped: ColumnTarget[], rows: unknown[][]): Promise<number> {
  const { sql, values } = upsertStatement(target, mapped, rows);
  return ((await runner.query(sql, values, true)) as QueryResult).affected ?? 0;
}

function upsertStatement(target: TableTarget, mapped: ColumnTarget[], rows: unknown[][]): { sql: string; values: unknown[] } {
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  const names = mapped.map((c) => assertGeneratedIdentifier(c.column));
  const columns = ['crm_id', 'crm_modified_at', 'hub_updated_at', ...names];
  const params = new SqlParams(target.dialect);
  // hub_sync_token marks the write as the sync engine's: change capture ignores it (no echo).
  const source = params.rows(rows, [...HUB_PARAMETER_TYPES, ...mapped.map((c) => parameterType(c.type))], ["'crm'", '1']);
  const updates = [
    ...[...names, 'crm_modified_at', 'hub_updated_at'].map((c) => `${quoteIdentifier(c)} = excluded.${quoteIdentifier(c)}`),
    `"hub_sync_token" = COALESCE(${table}."hub_sync_token", 0) + 1`,
  ];
  // Never replace a newer version: the statement decides, so a concurrent writer cannot slip an older one in either.
  const newer = `${table}."crm_modified_at" IS NULL OR excluded."crm_modified_at" IS NULL OR ${table}."crm_modified_at" <= excluded."crm_modified_at"`;
  const sql = `INSERT INTO ${table} (${columnList(columns)}, "hub_origin", "hub_sync_token") ${source}
     ON CONFLICT ("crm_id") DO UPDATE SET ${updates.join(', ')}, "hub_deleted_at" = NULL WHERE ${newer}`;
  return { sql, values: params.values };
}

/** Deletes (or soft-deletes) the rows of these CRM ids that are there (and not deleted yet); answers how many. */
async function deleteRows(runner: QueryRunner, target: TableTarget, crmIds: string[], now: Date): Promise<number> {
  if (crmIds.length === 0) return 0;
  const table = quoteIdentifier(assertGeneratedIdentifier(target.table));
  let deleted = 0;
  for (const ids of chunks(crmIds, IDS_PER_STATEMENT)) {
    const params = new SqlParams(target.dialect);
    const sql =
      target.deletes === 'hard'
        ? `DELETE FROM ${table} WHERE "crm_id" ${params.inList(ids)}`
        : `UPDATE ${table} SET "hub_deleted_at" = ${params.add(now.toISOString())}, "hub_updated_at" = ${params.add(now.toISOString())}, "hub_sync_token" = COALESCE("hub_sync_token", 0) + 1
         WHERE "crm_id" ${params.inList(ids)} AND "hub_deleted_at" IS NULL`;
    deleted += ((await runner.query(sql, params.values, true)) as QueryResult).affected ?? 0;
  }
  return deleted;
}
