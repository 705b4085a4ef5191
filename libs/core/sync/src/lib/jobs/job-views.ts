import type { CrmSchemaEntity } from '@crm-hub/schemas';
import type { SyncRunEntity } from '../runs/sync-run.entity';
import type { JobView } from './dto/job.view';
import type { SyncJobEntity } from './sync-job.entity';

/** The API's view of a job. */
export function toJobView(job: SyncJobEntity, schema: CrmSchemaEntity, lastRun: SyncRunEntity | undefined): JobView {
  const computed = job.mapping.filter((m) => schema.fields.find((f) => f.fieldName === m.field)?.computed).map((m) => m.field);
  const warning =
    computed.length && job.operation === 'import' && !job.options.computedRefresh && job.options.incremental
      ? `Computed field(s) ${computed.join(', ')} change without the record's modification stamp: incremental runs miss those changes. Set options.computedRefresh to re-read them on a schedule.`
      : undefined;
  return {
    id: job.id,
    name: job.name,
    accountId: job.accountId,
    schemaId: job.schemaId,
    object: schema.objectName,
    table: schema.tableName,
    operation: job.operation,
    mapping: job.mapping,
    filter: job.filter,
    options: { ...job.options },
    mode: job.mode,
    ...(job.cron ? { schedule: { cron: job.cron, timeZone: job.timeZone ?? 'UTC' } } : {}),
    enabled: job.enabled,
    ...(job.nextRunAt ? { nextRunAt: job.nextRunAt.toISOString() } : {}),
    computedFields: computed,
    ...(warning ? { warning } : {}),
    ...(lastRun
      ? {
          lastRun: {
            id: lastRun.id,
            status: lastRun.status,
            queuedAt: lastRun.queuedAt.toISOString(),
            ...(lastRun.finishedAt ? { finishedAt: lastRun.finishedAt.toISOString() } : {}),
          },
        }
      : {}),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}
