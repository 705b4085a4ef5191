import type { CrmSchemaEntity, CrmSchemaFieldEntity } from '@crm-hub/schemas';
import { sameType } from '@crm-hub/persistence';
import { validateFilter, type CrmPluginCapabilities, type FilterExpr } from '@crm-hub/plugin-sdk';
import type { CreateJobDto, FieldMappingDto, JobOptionsDto, ScheduleDto } from './dto/job-input.dto';
import { cronProblem, isTimeZone } from './schedule-time';
import { checkExportMapping, checkRowFilter, checkWriteOptions } from './write-job-rules';
import type { FieldMapping, SyncJobOptions, SyncOperation } from './sync-job.entity';

/** One bad field of a job, named as in the request. */
export interface JobProblem {
  field: string;
  message: string;
}

/** Everything of a job that is checked against its schema and plugin, as it will be stored. */
export interface JobSpec {
  operation: SyncOperation;
  mapping: FieldMapping[];
  filter: FilterExpr | null;
  options: SyncJobOptions;
  mode: 'manual' | 'scheduled' | 'continuous';
  cron: string | null;
  timeZone: string | null;
}

/** What a job's input is checked against. */
export interface JobContext {
  schema: CrmSchemaEntity;
  /** The account's plugin: what it can push down and read. */
  manifest: { displayName: string; capabilities: CrmPluginCapabilities };
}

const TEXT_KINDS = new Set(['text', 'varchar', 'json']);

/**
 * Checks a job against its schema and its plugin, collecting every problem (each naming its
 * field) instead of stopping at the first: mapped fields and columns exist and fit, conversions
 * suit the field types, the filter names schema fields and only operators the plugin can push
 * down (AND/OR mixing and string comparisons allowed), the schedule and time zones are valid, and
 * the options suit the operation.
 *
 * @example
 * ```ts
 * const problems: JobProblem[] = [];
 * const spec = checkJob(input, { schema, manifest }, problems);
 * if (problems.length) throw new BadRequestException({ message: 'The job is invalid', errors: problems });
 * ```
 */
export function checkJob(input: JobSpecInput, context: JobContext, problems: JobProblem[]): JobSpec {
  const writes = input.operation === 'export' || input.operation === 'delete';
  const mode = input.options?.writeMode ?? 'upsert';
  const mapping =
    input.operation === 'export'
      ? checkExportMapping(input.mapping, context.schema, mode, problems)
      : (input.operation === 'import-deleted' || input.operation === 'delete') && input.mapping === undefined
        ? []
        : checkMapping(input.mapping, context.schema, problems);
  const filter = writes ? checkRowFilter(input.filter, context.schema, problems) : checkFilter(input.filter ?? null, context, problems);
  const options = checkOptions(input.operation, input.options ?? {}, context.manifest, problems);
  if (writes) checkWriteOptions(input.operation as 'export' | 'delete', input.options ?? {}, { ...context, mapping, filter }, options, problems);
  else if (input.options?.writeMode || input.options?.matchField || input.options?.deleteSource || input.options?.pair) {
    problems.push({ field: 'options', message: 'writeMode, matchField, deleteSource and pair apply to export and delete jobs' });
  }
  const trigger = checkTrigger(input, problems);
  if (trigger.mode === 'continuous' && input.operation !== 'import') problems.push({ field: 'mode', message: 'only import jobs can follow the change stream' });
  if (trigger.mode === 'continuous' && filter) problems.push({ field: 'filter', message: 'a continuous job follows every change of the object: remove the filter, or schedule the job instead' });
  return { operation: input.operation, mapping, filter, options, ...trigger };
}

/** The input `checkJob` takes: a create request, or a stored job with a change applied. */
export type JobSpecInput = Pick<CreateJobDto, 'operation' | 'mapping' | 'filter' | 'options' | 'schedule' | 'mode'>;

function activeColumns(schema: CrmSchemaEntity): CrmSchemaFieldEntity[] {
  return schema.fields.filter((f) => f.active && f.columnName && f.columnType);
}

function checkMapping(requested: FieldMappingDto[] | undefined, schema: CrmSchemaEntity, problems: JobProblem[]): FieldMapping[] {
  if (requested === undefined) {
    return activeColumns(schema).map((f) => ({ field: f.fieldName, column: f.columnName as string, conversion: 'default' }));
  }
  if (requested.length === 0) problems.push({ field: 'mapping', message: 'map at least one field (or leave mapping out to map every field)' });
  const mapping: FieldMapping[] = [];
  for (const [i, m] of requested.entries()) {
    const problem = mapOne(m, `mapping[${i}]`, schema, mapping);
    if (problem) problems.push(problem);
  }
  const columnsUsed = new Map<string, number>();
  mapping.forEach((m) => columnsUsed.set(m.column, (columnsUsed.get(m.column) ?? 0) + 1));
  for (const [column, uses] of columnsUsed) {
    if (uses > 1) problems.push({ field: 'mapping', message: `column '${column}' is mapped ${uses} times` });
  }
  return mapping;
}

/** Adds one requested mapping (a compound adds its components), or says what is wrong with it. */
function mapOne(m: FieldMappingDto, where: string, schema: CrmSchemaEntity, mapping: FieldMapping[]): JobProblem | undefined {
  const field = schema.fields.find((f) => f.fieldName === m.field);
  if (!field) return { field: `${where}.field`, message: `'${m.field}' is not a field of the schema (${schema.objectName}); see GET /api/schemas/${schema.id}` };
  if (!field.active) return { field: `${where}.field`, message: `'${m.field}' was removed from the CRM (its column keeps its data but is no longer read)` };
  if (!field.columnName || !field.columnType) {
    // A compound (address) stored as its components: map the components.
    const parts = schema.fields.filter((f) => f.compoundOf === field.fieldName && f.active && f.columnName);
    parts.forEach((p) => mapping.push({ field: p.fieldName, column: p.columnName as string, conversion: m.conversion ?? 'default' }));
    return undefined;
  }
  const column = m.column ?? field.columnName;
  const target = schema.fields.find((f) => f.columnName === column);
  if (!target?.columnType) return { field: `${where}.column`, message: `'${column}' is not a column of table ${schema.tableName}` };
  if (target !== field && !sameType(target.columnType, field.columnType)) {
    return { field: `${where}.column`, message: `column '${column}' holds ${target.canonicalType} values, '${m.field}' is ${field.canonicalType}` };
  }
  const conversion = m.conversion ?? 'default';
  if ((conversion === 'date-only' || conversion === 'no-tz-shift') && field.canonicalType !== 'datetime') {
    return { field: `${where}.conversion`, message: `'${conversion}' applies to date-times; '${m.field}' is ${field.canonicalType}` };
  }
  if (conversion === 'raw' && !TEXT_KINDS.has(target.columnType.kind)) {
    return { field: `${where}.conversion`, message: `'raw' stores text: column '${column}' is not a text or JSON column` };
  }
  mapping.push({ field: m.field, column, conversion });
  return undefined;
}

function checkFilter(filter: unknown, context: JobContext, problems: JobProblem[]): FilterExpr | null {
  if (filter === null) return null;
  const fields = context.schema.fields.filter((f) => f.active).map((f) => f.fieldName);
  const found = validateFilter(filter, { operators: context.manifest.capabilities.filterOperators, fields, maxDepth: 16 });
  for (const p of found) {
    const message = p.unsupported
      ? `${p.message}: the ${context.manifest.displayName} plugin pushes down only ${context.manifest.capabilities.filterOperators.join(', ')}`
      : p.message;
    problems.push({ field: p.path ? `filter.${p.path}` : 'filter', message });
  }
  return found.length ? null : (filter as FilterExpr);
}

function checkOptions(operation: SyncOperation, input: JobOptionsDto, manifest: JobContext['manifest'], problems: JobProblem[]): SyncJobOptions {
  const options: SyncJobOptions = { incremental: input.incremental ?? true, deletes: input.deletes ?? 'soft' };
  if (input.pageSize !== undefined) options.pageSize = input.pageSize;
  if (input.timeZone !== undefined) {
    if (isTimeZone(input.timeZone)) options.timeZone = input.timeZone;
    else problems.push({ field: 'options.timeZone', message: `'${input.timeZone}' is not an IANA time zone (e.g. Europe/Rome)` });
  }
  if (input.window) {
    if (operation !== 'import-deleted') problems.push({ field: 'options.window', message: 'a window applies to import-deleted jobs' });
    else if (Date.parse(input.window.from) > Date.parse(input.window.to)) problems.push({ field: 'options.window', message: "'from' must not be after 'to'" });
    else options.window = { from: new Date(input.window.from).toISOString(), to: new Date(input.window.to).toISOString() };
  }
  if (operation === 'import-deleted') {
    if (options.deletes === 'ignore') problems.push({ field: 'options.deletes', message: "an import-deleted job must 'soft' or 'hard' delete the rows" });
    if (manifest.capabilities.deletes === 'none') problems.push({ field: 'operation', message: `the ${manifest.displayName} plugin cannot read deletions` });
  }
  if (input.computedRefresh) {
    const refresh = checkSchedule(input.computedRefresh, 'options.computedRefresh', problems);
    if (refresh) options.computedRefresh = refresh;
  }
  return options;
}

function checkSchedule(schedule: ScheduleDto, field: string, problems: JobProblem[]): { cron: string; timeZone: string } | undefined {
  const timeZone = schedule.timeZone ?? 'UTC';
  const cron = cronProblem(schedule.cron);
  if (cron) problems.push({ field: `${field}.cron`, message: cron });
  if (!isTimeZone(timeZone)) problems.push({ field: `${field}.timeZone`, message: `'${timeZone}' is not an IANA time zone (e.g. Europe/Rome)` });
  return cron || !isTimeZone(timeZone) ? undefined : { cron: schedule.cron, timeZone };
}

function checkTrigger(input: JobSpecInput, problems: JobProblem[]): Pick<JobSpec, 'mode' | 'cron' | 'timeZone'> {
  const schedule = input.schedule ? checkSchedule(input.schedule, 'schedule', problems) : undefined;
  const mode = input.mode ?? (input.schedule ? 'scheduled' : 'manual');
  if (mode === 'continuous' && input.schedule) problems.push({ field: 'schedule', message: 'a continuous job has no schedule: remove one of the two' });
  if (mode === 'scheduled' && !input.schedule) problems.push({ field: 'schedule', message: "mode 'scheduled' needs a schedule" });
  if (mode === 'manual' && input.schedule) problems.push({ field: 'mode', message: "mode 'manual' takes no schedule" });
  return { mode, cron: schedule?.cron ?? null, timeZone: schedule?.timeZone ?? null };
}
