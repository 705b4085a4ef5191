import type { CrmSchemaEntity, CrmSchemaFieldEntity } from '@crm-hub/schemas';
import { validateFilter, type FilterExpr } from '@crm-hub/plugin-sdk';
import type { FieldMappingDto, JobOptionsDto } from './dto/job-input.dto';
import type { JobContext, JobProblem } from './job-rules';
import type { FieldMapping, SyncJobOptions, SyncOperation } from './sync-job.entity';

type WriteMode = NonNullable<SyncJobOptions['writeMode']>;

/** Whether a CRM field can be written in a mode: created (insert), changed (update), either (upsert). */
function writable(field: CrmSchemaFieldEntity, mode: WriteMode): boolean {
  if (mode === 'insert') return field.createable;
  if (mode === 'update') return field.updateable;
  return field.createable || field.updateable;
}

/**
 * The mapping of an export job, column → CRM field: by default every active column whose field the
 * CRM lets the job write; a requested field the CRM cannot write in the job's mode (read-only,
 * computed) or unknown is refused, naming it.
 *
 * @example
 * ```ts
 * const mapping = checkExportMapping(dto.mapping, schema, 'upsert', problems);
 * ```
 */
export function checkExportMapping(requested: FieldMappingDto[] | undefined, schema: CrmSchemaEntity, mode: WriteMode, problems: JobProblem[]): FieldMapping[] {
  const columns = schema.fields.filter((f) => f.active && f.columnName && f.columnType);
  if (requested === undefined) {
    return columns.filter((f) => writable(f, mode) && !f.computed).map((f) => ({ field: f.fieldName, column: f.columnName as string, conversion: 'default' }));
  }
  if (requested.length === 0) problems.push({ field: 'mapping', message: 'map at least one field (or leave mapping out to map every writable field)' });
  const mapping: FieldMapping[] = [];
  for (const [i, m] of requested.entries()) {
    const where = `mapping[${i}]`;
    const field = schema.fields.find((f) => f.fieldName === m.field && f.active);
    if (!field) {
      problems.push({ field: `${where}.field`, message: `'${m.field}' is not a field of the schema (${schema.objectName})` });
      continue;
    }
    const parts = field.columnName ? [field] : schema.fields.filter((f) => f.compoundOf === field.fieldName && f.active && f.columnName);
    for (const part of parts) {
      if (!writable(part, mode)) {
        problems.push({ field: `${where}.field`, message: `the CRM does not let '${part.fieldName}' be written by ${mode}: it is read-only${part.computed ? ' (computed)' : ''}` });
        continue;
      }
      const column = part === field ? (m.column ?? part.columnName) : part.columnName;
      if (!schema.fields.some((f) => f.columnName === column)) {
        problems.push({ field: `${where}.column`, message: `'${column}' is not a column of table ${schema.tableName}` });
        continue;
      }
      mapping.push({ field: part.fieldName, column: column as string, conversion: m.conversion ?? 'default' });
    }
  }
  return mapping;
}

/**
 * A filter of an export or delete job selects hub rows (evaluated by the database, not pushed to
 * the CRM): any operator, on the schema's fields.
 *
 * @example
 * ```ts
 * const filter = checkRowFilter(dto.filter, schema, problems);
 * ```
 */
export function checkRowFilter(filter: unknown, schema: CrmSchemaEntity, problems: JobProblem[]): FilterExpr | null {
  if (filter === null || filter === undefined) return null;
  const fields = schema.fields.filter((f) => f.columnName).map((f) => f.fieldName);
  const found = validateFilter(filter, { fields, maxDepth: 16 });
  found.forEach((p) => problems.push({ field: p.path ? `filter.${p.path}` : 'filter', message: p.message }));
  return found.length ? null : (filter as FilterExpr);
}

/**
 * The options only export and delete jobs have: the write mode the plugin must support, the
 * upsert's external-id field (mapped), rejects retried, the rows a delete job takes.
 *
 * @example
 * ```ts
 * checkWriteOptions('export', dto.options ?? {}, { manifest, schema, mapping, filter }, options, problems);
 * ```
 */
export function checkWriteOptions(
  operation: Extract<SyncOperation, 'export' | 'delete'>,
  input: JobOptionsDto,
  context: JobContext & { mapping: FieldMapping[]; filter: FilterExpr | null },
  options: SyncJobOptions,
  problems: JobProblem[],
): void {
  const write = context.manifest.capabilities.write;
  if (input.retryRejects !== undefined) options.retryRejects = input.retryRejects;
  if (operation === 'delete') {
    if (!write.delete) problems.push({ field: 'operation', message: `the ${context.manifest.displayName} plugin cannot delete records` });
    options.deleteSource = input.deleteSource ?? 'soft-deleted';
    if (options.deleteSource === 'filter' && !context.filter) problems.push({ field: 'filter', message: "deleteSource 'filter' needs a filter choosing the rows" });
    return;
  }
  const mode = input.writeMode ?? 'upsert';
  options.writeMode = mode;
  if (!write[mode]) problems.push({ field: 'options.writeMode', message: `the ${context.manifest.displayName} plugin cannot ${mode} records` });
  if (mode !== 'upsert') {
    if (input.matchField !== undefined) problems.push({ field: 'options.matchField', message: 'a match field applies to upsert' });
    return;
  }
  if (!input.matchField) {
    problems.push({ field: 'options.matchField', message: "upsert needs the CRM's external-id field that identifies records (or use writeMode 'update', by crm_id)" });
    return;
  }
  const field = context.schema.fields.find((f) => f.fieldName === input.matchField);
  if (!field) problems.push({ field: 'options.matchField', message: `'${input.matchField}' is not a field of the schema` });
  else if (!field.externalId) problems.push({ field: 'options.matchField', message: `'${input.matchField}' is not an external-id field of the CRM (see the schema's externalId flags)` });
  else if (!context.mapping.some((m) => m.field === input.matchField)) problems.push({ field: 'options.matchField', message: `map '${input.matchField}' too: its value identifies the record` });
  else options.matchField = input.matchField;
}
