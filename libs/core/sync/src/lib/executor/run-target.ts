import type { CrmSchemaEntity } from '@crm-hub/schemas';
import type { SqlDialect } from '@crm-hub/persistence';
import type { FilterExpr } from '@crm-hub/plugin-sdk';
import { createHash } from 'node:crypto';
import type { SyncJobEntity } from '../jobs/sync-job.entity';
import type { ColumnTarget } from '@crm-hub/schemas';
import type { TableTarget } from './table-writer';

/**
 * Where a job's records go: its schema's table and the mapped columns with their types.
 * Mappings were checked when the job was saved; a column that disappeared since (it cannot: drift
 * never drops one) would simply not be written.
 *
 * @example
 * ```ts
 * const target = tableTarget(job, schema, 'postgres');
 * ```
 */
export function tableTarget(job: SyncJobEntity, schema: CrmSchemaEntity, dialect: SqlDialect): TableTarget {
  const columns = new Map<string, ColumnTarget>();
  for (const mapping of job.mapping) {
    const field = schema.fields.find((f) => f.columnName === mapping.column);
    if (!field?.columnType) continue;
    columns.set(mapping.field, {
      field: mapping.field,
      column: mapping.column,
      type: field.columnType,
      canonicalType: field.canonicalType,
      conversion: mapping.conversion,
    });
  }
  return {
    table: schema.tableName,
    dialect,
    columns,
    deletes: job.options.deletes,
    upserts: job.operation === 'import' ? 'apply' : 'ignore',
    timeZone: job.options.timeZone ?? job.timeZone ?? 'UTC',
  };
}

/**
 * A digest of what a job reads (operation, fields, filter): a checkpoint taken with other fields
 * or another filter cannot be resumed from without missing values, so a change starts a full read.
 *
 * @example
 * ```ts
 * fieldsKey(job); // '3f1c…'
 * ```
 */
export function fieldsKey(job: Pick<SyncJobEntity, 'operation' | 'mapping' | 'filter'>): string {
  const fields = [...new Set(job.mapping.map((m) => m.field))].sort();
  return createHash('sha256')
    .update(JSON.stringify([job.operation, fields, job.filter ?? null]))
    .digest('hex')
    .slice(0, 32);
}

/** The CRM fields a job reads. */
export function readFields(job: SyncJobEntity): string[] {
  return [...new Set(job.mapping.map((m) => m.field))];
}

/** Whether a full read of the job may end with a sweep: it covers the whole object and the job keeps deletions. */
export function sweepAllowed(job: SyncJobEntity, filter: FilterExpr | null = job.filter): boolean {
  return filter === null && job.options.deletes !== 'ignore' && job.options.window === undefined;
}
