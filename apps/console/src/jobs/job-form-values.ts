import type { components } from '../generated/hub-api';
import { toFilter, type Condition } from './filter';

type Job = components['schemas']['JobView'];
type Schema = components['schemas']['SchemaView'];
type UpdateJob = components['schemas']['UpdateJobDto'];
type Conversion = components['schemas']['FieldMappingView']['conversion'];
type Mode = Job['mode'];

/** What the job form edits (account, schema and operation are fixed once a job exists). */
export interface JobFormValues {
  name: string;
  mode: Mode;
  cron: string;
  timeZone: string;
  conditions: Condition[];
  /** The job's filter when it is more than an AND of conditions: kept as it is, edited through the API. */
  keptFilter?: unknown;
  matchField: string;
  /** Mapped fields and their conversion; undefined: every field of the schema, as the hub maps by default. */
  mapping: Record<string, Conversion> | undefined;
}

const SIMPLE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'contains', 'startsWith', 'isNull']);

export function emptyJobValues(): JobFormValues {
  return { name: '', mode: 'manual', cron: '0 * * * *', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, conditions: [], matchField: '', mapping: undefined };
}

/** A condition of the form, when `part` is one (`{field, op, value}` with a simple value). */
function conditionOf(part: unknown): Condition | undefined {
  const p = part as { field?: unknown; op?: unknown; value?: unknown };
  if (typeof p?.field !== 'string' || typeof p.op !== 'string' || !SIMPLE_OPS.has(p.op)) return undefined;
  const value = Array.isArray(p.value) ? p.value.join(', ') : p.value === undefined || p.value === null ? '' : String(p.value);
  return { field: p.field, op: p.op as Condition['op'], value };
}

/** The form's values for an existing job; a filter that is not an AND of simple conditions is kept as it is. */
export function jobValuesOf(job: Job, schema: Schema | undefined): JobFormValues {
  const filter = job.filter as { and?: unknown[] } | null;
  const parts = filter ? (Array.isArray(filter.and) && Object.keys(filter).length === 1 ? filter.and : [filter]) : [];
  const conditions = parts.map(conditionOf);
  const simple = conditions.every((c) => c !== undefined);
  const allFields = (schema?.fields ?? []).filter((f) => f.active).map((f) => f.name);
  const everyField = job.mapping.length === allFields.length && job.mapping.every((m) => m.conversion === 'default' && m.column === schema?.fields.find((f) => f.name === m.field)?.column);
  const options = job.options as { matchField?: string };
  return {
    name: job.name,
    mode: job.mode,
    cron: job.schedule?.cron ?? '0 * * * *',
    timeZone: job.schedule?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    conditions: simple ? (conditions as Condition[]) : [],
    ...(simple ? {} : { keptFilter: job.filter }),
    matchField: options.matchField ?? '',
    mapping: everyField ? undefined : Object.fromEntries(job.mapping.map((m) => [m.field, m.conversion])),
  };
}

/**
 * The create/update body for the form's values. Editing sends everything the form shows (a
 * cleared schedule as null, "every field" as the full mapping) and keeps the job's other options.
 */
export function jobBody(values: JobFormValues, operation: Job['operation'], schema: Schema | undefined, job?: Job): UpdateJob {
  const types = new Map((schema?.fields ?? []).map((f) => [f.name, f.type]));
  const body: UpdateJob = { name: values.name.trim(), mode: values.mode };
  if (values.mode === 'scheduled') body.schedule = { cron: values.cron.trim(), timeZone: values.timeZone.trim() };
  else if (job) body.schedule = null;
  if (operation === 'import' && values.keptFilter === undefined) body.filter = toFilter(values.conditions, types);
  if (operation === 'export' && (values.matchField || job)) {
    const kept = { ...(job?.options ?? {}) } as Record<string, unknown>;
    delete kept['matchField'];
    body.options = values.matchField ? { ...kept, writeMode: 'upsert', matchField: values.matchField } : kept;
  }
  if (values.mapping) body.mapping = Object.entries(values.mapping).map(([field, conversion]) => ({ field, conversion }));
  else if (job) body.mapping = (schema?.fields ?? []).filter((f) => f.active).map((f) => ({ field: f.name }));
  return body;
}
