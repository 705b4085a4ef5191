import type { RecordError } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import type { FieldDescribe } from '../schema/describe-types';
import type { IncomingRecord, SaveResult } from '../store/record-writer';
import type { FieldValue } from '../store/row-types';
import { CoercionError, coerceValue } from '../store/value-coercion';
import { readCsv } from './bulk-csv';
import type { IngestJob } from './bulk-jobs';

/** Salesforce processes ingest data in internal batches of 10,000 records (each counts as one batch). */
const BATCH_RECORDS = 10_000;
/** Bulk API 2.0 writes `#N/A` to set a field to null; an empty cell leaves the field unchanged. */
const NULL_MARKER = '#N/A';

/**
 * Runs an ingest job once its upload is complete: each CSV row through the same writer as REST
 * (allOrNone false), sorted into successful / failed / unprocessed results.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
 */
export function processIngestJob(org: SalesforceOrg, job: IngestJob): void {
  const def = org.schema.get(job.object);
  let parsed: { header: string[]; rows: string[][] };
  try {
    const all = job.uploads.map((text) => readCsv(job.format, text));
    parsed = { header: all[0]?.header ?? [], rows: all.flatMap((p) => p.rows) };
  } catch (error) {
    return fail(job, `ClientInputError : ${(error as Error).message}`, []);
  }
  job.header = parsed.header;
  const fields = parsed.header.map((name) => org.schema.field(def, name));
  const unknown = parsed.header.find((_, i) => !fields[i]);
  if (unknown !== undefined) return fail(job, `InvalidBatch : Field name not found : ${unknown}`, parsed.rows);
  const deleting = job.operation === 'delete' || job.operation === 'hardDelete';
  if (deleting && (parsed.header.length !== 1 || fields[0]?.name !== 'Id')) return fail(job, 'InvalidBatch : The Id field is the only field allowed for delete', parsed.rows);
  const extField = job.externalIdFieldName ? org.schema.field(def, job.externalIdFieldName) : undefined;
  job.batches = Math.max(1, Math.ceil(parsed.rows.length / BATCH_RECORDS));

  for (let start = 0; start < parsed.rows.length; start += 200) {
    const chunk = parsed.rows.slice(start, start + 200);
    if (deleting) {
      const results = org.writer.delete(chunk.map((row) => row[0] ?? ''), false, def.name);
      if (job.operation === 'hardDelete') results.forEach((r) => r.success && r.id && org.store.table(def).hardDelete(r.id));
      record(job, chunk, results, chunk.map((row) => row[0] ?? ''));
      continue;
    }
    const converted = chunk.map((row) => toRecord(def.name, fields as FieldDescribe[], row, org));
    const good = converted.filter((c): c is IncomingRecord => !('statusCode' in c));
    const saved = job.operation === 'insert' ? org.writer.create(good, false)
      : job.operation === 'update' ? org.writer.update(good, false)
      : org.writer.upsert(good, extField as FieldDescribe, false);
    let next = 0;
    const results = converted.map((c): SaveResult => ('statusCode' in c ? { success: false, errors: [c] } : (saved[next++] as SaveResult)));
    const idColumn = fields.findIndex((f) => f?.name === 'Id');
    record(job, chunk, results, chunk.map((row) => (idColumn >= 0 ? row[idColumn] ?? '' : '')));
  }
  job.state = 'JobComplete';
}

function toRecord(objectName: string, fields: FieldDescribe[], row: string[], org: SalesforceOrg): IncomingRecord | RecordError {
  const incoming: IncomingRecord = { def: org.schema.get(objectName), values: [] };
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as FieldDescribe;
    const cell = row[i] ?? '';
    if (cell === '') continue;
    if (field.name === 'Id') {
      incoming.idText = cell;
      continue;
    }
    try {
      const value: FieldValue = cell === NULL_MARKER ? coerceValue(field, null) : coerceValue(field, cell);
      incoming.values.push([field, value]);
    } catch (error) {
      if (!(error instanceof CoercionError)) throw error;
      return { statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: `${field.label}: value not of required type: ${cell}`, fields: [field.name] };
    }
  }
  return incoming;
}

function record(job: IngestJob, rows: string[][], results: SaveResult[], sentIds: string[]): void {
  results.forEach((result, i) => {
    const row = rows[i] as string[];
    if (result.success) job.successful.push([result.id ?? '', String(result.created ?? job.operation === 'insert'), ...row]);
    else job.failed.push([sentIds[i] ?? '', result.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' '), ...row]);
  });
}

function fail(job: IngestJob, message: string, rows: string[][]): void {
  job.state = 'Failed';
  job.errorMessage = message;
  job.unprocessed = rows;
}
