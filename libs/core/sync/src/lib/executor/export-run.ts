import { abortableDelay, backoffMs, CrmError, CrmRateLimitError, type CrmConnector, type WriteRecord, type WriteRequest, type WriteResult } from '@crm-hub/plugin-sdk';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ConflictPolicy } from '../jobs/sync-job.entity';
import type { RunNote } from '../runs/sync-run.entity';
import { commitWrites, markInFlight, type RowOutcome, type WriteCommitContext } from './export-commit';
import { readExportRows, type ExportColumn, type ExportRow, type RowSelection } from './export-rows';
import { changedInHub, loadSynced, saveSynced, type SyncedValues } from './pair-state';

/** Retries of the records the CRM refused as retryable (lock contention), within one batch. */
const RECORD_RETRIES = 2;
/** Retries of a whole write call after transient failures or throttling. */
const CALL_RETRIES = 5;
const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** What an export run writes and how. */
export interface ExportPlan {
  object: string;
  operation: WriteRequest['operation'];
  matchField?: string;
  columns: ExportColumn[];
  batchSize: number;
  retryRejects: boolean;
  fieldsKey: string;
  /** The change number exported so far (the job's checkpoint). */
  after: number;
  /** A bidirectional pair: send only what changed in the hub since the last sync. */
  pair?: { id: string; policy: ConflictPolicy };
  /** Delete jobs: which rows. */
  deleteRows?: { kind: 'deleted' } | Extract<RowSelection, { kind: 'matching' }>;
}

/** What the run gives the export. */
export interface ExportDeps {
  dataSource: DataSource;
  connector: CrmConnector;
  context: WriteCommitContext;
  signal: AbortSignal;
  note(note: RunNote): void;
  /** The CRM throttled us until then: every run on the org backs off (the shared org budget). */
  throttled?(until: Date): void;
}

/**
 * Writes hub rows to the CRM: first the rows whose last attempt was rejected (retryRejects), then the
 * rows changed since the checkpoint, in change order, `batchSize` (the plugin's maxBatch) at a time.
 * Each batch is marked in flight, written, and its results committed with the checkpoint in one
 * transaction. A resumed run finds unfinished rows still past the checkpoint and sends them again —
 * safe for upsert (by external id) and update (by CRM id); for inserts see the README.
 *
 * @example
 * ```ts
 * await runExport(deps, plan);
 * ```
 */
export async function runExport(deps: ExportDeps, plan: ExportPlan): Promise<void> {
  let after = plan.after;
  if (plan.retryRejects) {
    for (;;) {
      const rows = await read(deps, plan, { kind: 'rejected', jobId: deps.context.jobId, upTo: after }, plan.batchSize);
      if (rows.length === 0) break;
      await sendBatch(deps, plan, rows, undefined);
      if (rows.length < plan.batchSize) break;
    }
  }
  for (;;) {
    if (deps.signal.aborted) throw deps.signal.reason;
    const selection: RowSelection = plan.deleteRows?.kind === 'matching' ? { kind: 'matching', where: plan.deleteRows.where } : { kind: plan.deleteRows ? 'deleted' : 'changed', after };
    const rows = await read(deps, plan, selection, plan.batchSize);
    if (rows.length === 0) return;
    const last = Math.max(after, ...rows.map((r) => r.changeSeq ?? 0));
    await sendBatch(deps, plan, rows, selection.kind === 'matching' ? undefined : last);
    after = last;
    if (rows.length < plan.batchSize && selection.kind !== 'matching') return;
  }
}

function read(deps: ExportDeps, plan: ExportPlan, selection: RowSelection, limit: number): Promise<ExportRow[]> {
  const runner = deps.dataSource.createQueryRunner();
  return readExportRows(runner, deps.context.dialect, deps.context.table, plan.columns, selection, limit).finally(() => runner.release());
}

/** One batch: the records to send, the call (retried), the results committed with the checkpoint. */
async function sendBatch(deps: ExportDeps, plan: ExportPlan, rows: ExportRow[], checkpoint: number | undefined): Promise<void> {
  const synced = plan.pair ? await withRunner(deps, (r) => loadSynced(r, deps.context.dialect, plan.pair?.id as string, rows.map((x) => x.hubId))) : new Map();
  const prepared = rows.map((row) => prepare(plan, row, synced));
  const toSend = prepared.filter((p): p is { row: ExportRow; record: WriteRecord } => 'record' in p);
  const outcomes: RowOutcome[] = prepared.flatMap((p) => ('outcome' in p && p.outcome ? [p.outcome] : []));
  if (toSend.length) {
    await markInFlight(deps.dataSource, deps.context, toSend.map((s) => s.row));
    const results = await writeWithRetries(deps, plan, toSend.map((s) => s.record));
    toSend.forEach((s, i) => outcomes.push({ row: s.row, payload: s.record.data, result: results[i] as WriteResult }));
  }
  const sentState: SyncedValues = new Map();
  if (plan.pair) {
    for (const o of outcomes) if (o.result.ok && o.payload) sentState.set(o.row.hubId, o.payload);
  }
  await commitWrites(
    deps.dataSource,
    deps.context,
    outcomes,
    checkpoint === undefined ? undefined : { checkpoint: { changeSeq: checkpoint }, fieldsKey: plan.fieldsKey },
    plan.pair ? (runner: QueryRunner) => saveSynced(runner, deps.context.dialect, plan.pair?.id as string, sentState) : undefined,
  );
}

type Prepared = { row: ExportRow; record: WriteRecord } | { row: ExportRow; outcome?: RowOutcome };

/** The record to send for a row, or why it is not sent (an outcome), or nothing to send. */
function prepare(plan: ExportPlan, row: ExportRow, synced: SyncedValues): Prepared {
  const refuse = (code: string, message: string): Prepared => ({ row, outcome: { row, payload: undefined, result: { ref: row.hubId, ok: false, error: { code, message, retryable: false } } } });
  if (plan.operation === 'delete') {
    return row.crmId ? { row, record: { ref: row.hubId, id: row.crmId } } : { row };
  }
  if (plan.operation === 'update' && !row.crmId) return refuse('NO_CRM_ID', 'The row has no crm_id: an update job changes records the hub knows; use upsert or insert to create it');
  if (plan.operation === 'insert' && row.crmId) return { row }; // already in the CRM: an insert job does not change it
  let data = row.values;
  if (plan.pair && row.crmId) {
    const fields = changedInHub(row.values, synced.get(row.hubId));
    if (fields.length === 0) return { row };
    data = Object.fromEntries(fields.map((f) => [f, row.values[f]]));
    if (plan.matchField) data[plan.matchField] = row.values[plan.matchField];
  }
  if (plan.operation === 'upsert' && plan.matchField && (data[plan.matchField] === null || data[plan.matchField] === undefined)) {
    return refuse('MATCH_FIELD_EMPTY', `The row has no ${plan.matchField}: upsert needs it to find the record`);
  }
  return { row, record: { ref: row.hubId, ...(row.crmId && plan.operation !== 'insert' ? { id: row.crmId } : {}), data } };
}

/** The write call, retried as a whole after transient failures, and for the records refused as retryable. */
async function writeWithRetries(deps: ExportDeps, plan: ExportPlan, records: WriteRecord[]): Promise<WriteResult[]> {
  const results = await call(deps, plan, records);
  for (let attempt = 0; attempt < RECORD_RETRIES; attempt++) {
    const again = results.map((r, i) => ({ r, i })).filter(({ r }) => !r.ok && r.error?.retryable);
    if (again.length === 0) break;
    await abortableDelay(backoffMs(attempt, 1_000, 10_000), deps.signal);
    const retried = await call(deps, plan, again.map(({ i }) => records[i] as WriteRecord));
    again.forEach(({ i }, k) => (results[i] = retried[k] as WriteResult));
  }
  return results;
}

async function call(deps: ExportDeps, plan: ExportPlan, records: WriteRecord[]): Promise<WriteResult[]> {
  const request: WriteRequest = { object: plan.object, operation: plan.operation, ...(plan.matchField ? { matchField: plan.matchField } : {}), records };
  for (let attempt = 0; ; attempt++) {
    try {
      const results = await deps.connector.write(request);
      if (!Array.isArray(results) || results.length !== records.length) {
        throw new CrmError(`The plugin returned ${Array.isArray(results) ? results.length : 'no'} results for ${records.length} records`, { code: 'PLUGIN_CONTRACT' });
      }
      return results;
    } catch (error) {
      if (deps.signal.aborted || !(error instanceof CrmError) || !error.retryable || attempt >= CALL_RETRIES) throw error;
      const wait = error instanceof CrmRateLimitError ? error.retryAfterMs : backoffMs(attempt, 1_000, 30_000);
      if (wait > MAX_RATE_LIMIT_WAIT_MS) throw error;
      if (error instanceof CrmRateLimitError) deps.throttled?.(new Date(Date.now() + wait));
      deps.note({ code: 'WRITE_RETRIED', message: `Writing to the CRM failed (${error.message}); trying again in ${Math.ceil(wait / 1000)} s` });
      await abortableDelay(wait, deps.signal);
    }
  }
}

async function withRunner<T>(deps: ExportDeps, use: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = deps.dataSource.createQueryRunner();
  try {
    return await use(runner);
  } finally {
    await runner.release();
  }
}
