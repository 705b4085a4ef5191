import { dialectOf, type SqlParams } from '@crm-hub/persistence';
import type { CrmConnector } from '@crm-hub/plugin-sdk';
import type { CrmSchemaEntity } from '@crm-hub/schemas';
import type { DataSource } from 'typeorm';
import type { SyncJobEntity } from '../jobs/sync-job.entity';
import type { RunNote } from '../runs/sync-run.entity';
import { loadCheckpoint } from './checkpoint-store';
import type { ExportColumn } from './export-rows';
import { runExport, type ExportPlan } from './export-run';
import { fieldsKey } from './run-target';

/** What a write job (export or delete) needs from its run. */
export interface WriteJobDeps {
  dataSource: DataSource;
  connector: CrmConnector;
  signal: AbortSignal;
  runId: string;
  full: boolean;
  maxBatch: number;
  note(note: RunNote): void;
  /** SQL for a delete job's filter on the hub rows (the records browser's translation). */
  rowFilter(params: SqlParams): string;
  /** The CRM throttled us until then: every run on the org backs off (the shared org budget). */
  throttled?(until: Date): void;
}

/**
 * Runs an export or a delete job: the columns mapped to CRM fields with their types, where the
 * job left off (a full run, or changed fields, send everything again), and the bidirectional pair.
 *
 * @example
 * ```ts
 * await runWriteJob(deps, job, schema);
 * ```
 */
export async function runWriteJob(deps: WriteJobDeps, job: SyncJobEntity, schema: CrmSchemaEntity): Promise<void> {
  const dialect = dialectOf(deps.dataSource);
  const columns: ExportColumn[] = job.mapping.flatMap((m) => {
    const field = schema.fields.find((f) => f.columnName === m.column);
    return field?.columnType ? [{ field: m.field, column: m.column, type: field.columnType }] : [];
  });
  const key = fieldsKey(job);
  const saved = await loadCheckpoint(deps.dataSource, job.id);
  const stored = Number(saved?.checkpoint?.['changeSeq'] ?? 0);
  const fresh = deps.full || !saved || saved.fieldsKey !== key;
  if (fresh && saved) deps.note({ code: 'FULL_WRITE', message: deps.full ? 'Sending every row again (a full run)' : 'The mapping changed: sending every row again' });
  const deleting = job.operation === 'delete';
  const bySource = job.options.deleteSource === 'filter' ? { kind: 'matching' as const, where: deps.rowFilter } : { kind: 'deleted' as const };
  const plan: ExportPlan = {
    object: schema.objectName,
    operation: deleting ? 'delete' : (job.options.writeMode ?? 'upsert'),
    ...(job.options.matchField ? { matchField: job.options.matchField } : {}),
    columns,
    batchSize: Math.max(1, deps.maxBatch),
    retryRejects: job.options.retryRejects === true,
    fieldsKey: key,
    after: fresh ? 0 : stored,
    ...(job.options.pair ? { pair: { id: job.id, policy: job.options.pair.conflictPolicy } } : {}),
    ...(deleting ? { deleteRows: bySource } : {}),
  };
  const mode = job.options.writeMode ?? 'upsert';
  await runExport(
    {
      dataSource: deps.dataSource,
      connector: deps.connector,
      signal: deps.signal,
      note: deps.note,
      ...(deps.throttled ? { throttled: deps.throttled } : {}),
      context: {
        jobId: job.id,
        runId: deps.runId,
        table: schema.tableName,
        dialect,
        linkIds: !deleting && mode !== 'update',
        deleting,
        markDeleted: deleting && bySource.kind === 'matching',
      },
    },
    plan,
  );
}
