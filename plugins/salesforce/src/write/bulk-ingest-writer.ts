import type { WriteResult } from '@crm-hub/plugin-sdk';
import { stringify } from 'csv-stringify/sync';
import { parseCsv } from '../bulk/bulk-csv';
import { parseJobError, waitForJobEnd, type BulkJobInfo } from '../bulk/bulk-jobs';
import type { RestClient } from '../http/rest-client';
import { toCsvCell } from '../values/write-values';
import type { PreparedRecord, PreparedWrite } from './prepared-write';
import { failure, parseBulkError } from './write-results';

type Row = Record<string, string>;

/** The CSV columns: Id (update/delete), then every field any record sets. */
function columnsOf(prepared: PreparedWrite): string[] {
  if (prepared.operation === 'delete') return ['Id'];
  const columns = new Set<string>(prepared.operation === 'update' ? ['Id'] : []);
  for (const record of prepared.records) for (const name of record.fields.keys()) columns.add(name);
  return [...columns];
}

function cellsOf(record: PreparedRecord, columns: string[]): string[] {
  return columns.map((name) => {
    if (name === 'Id' && record.id) return record.id;
    const field = record.fields.get(name);
    return field ? toCsvCell(field.type, field.value) : ''; // empty: leave the field as it is
  });
}

/**
 * How a result row is matched to the record it came from. Bulk results come in no particular
 * order and Salesforce drops CSV columns that are not fields ("results only include columns that
 * are a match"), so a private ref column would not come back: rows are matched on what they echo —
 * the Id (update, delete), the external id (upsert), or the whole row (insert; identical rows are
 * interchangeable, each gets one result).
 */
function keyColumns(prepared: PreparedWrite, columns: string[]): string[] {
  if (prepared.operation === 'update' || prepared.operation === 'delete') return ['Id'];
  if (prepared.operation === 'upsert') return [prepared.matchField as string];
  return columns;
}

const keyOf = (values: string[]): string => JSON.stringify(values);

async function csvResults(client: RestClient, jobId: string, which: string, signal?: AbortSignal): Promise<Row[]> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_unprocessed_results.htm
  return client.send(
    { kind: 'bulk2.ingest', method: 'GET', path: client.dataPath(`jobs/ingest/${jobId}/${which}/`), headers: { accept: 'text/csv' }, ...(signal ? { signal } : {}) },
    (res) => parseCsv(res.body),
  );
}

/**
 * Which result sets of an ended job can hold rows: each read is an API call, so a set the job's
 * own counts say is empty is not read. Unprocessed records exist only for failed or aborted jobs
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_unprocessed_results.htm);
 * a complete job's `numberRecordsFailed` and `numberRecordsProcessed` are final, so no failure
 * means no failed results and all failed means no successful ones. Without both counts, or for a
 * job that did not complete, every set is read. A record no set names still gets a result below
 * (`BULK_RESULT_MISSING`), never a success.
 */
export function resultSetsToRead(ended: BulkJobInfo): { successful: boolean; failed: boolean; unprocessed: boolean } {
  const complete = ended.state === 'JobComplete';
  const { numberRecordsProcessed: processed, numberRecordsFailed: failed } = ended;
  if (!complete || typeof processed !== 'number' || typeof failed !== 'number') return { successful: true, failed: true, unprocessed: !complete };
  return { successful: processed > failed, failed: failed > 0, unprocessed: false };
}

/**
 * Writes prepared records with one Bulk API 2.0 ingest job (metered `bulk2.ingest`): create the
 * job, upload the CSV, mark it `UploadComplete`, wait for it to end, then read the result sets it
 * can have ({@link resultSetsToRead}) and match them back to the records. Failed rows carry the code of their
 * `sf__Error`. A job that ended `Failed` (an unknown column: `InvalidBatch : Field name not
 * found : X`) may still have written some rows, which are not rolled back: its results are read
 * like a complete job's, and the records it did not process fail with the job's own error (its
 * code, message and field; retryable only when that code is). Unprocessed rows of a job that was
 * aborted are retryable failures; a record no result row names is a failure that is retryable
 * unless it was an insert (which may have happened: repeating it could duplicate the record).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upload_data.htm
 *
 * @example
 * ```ts
 * const results = await writeWithBulk(client, prepared, signal); // Map<input position, WriteResult>
 * ```
 */
export async function writeWithBulk(client: RestClient, prepared: PreparedWrite, signal?: AbortSignal): Promise<Map<number, WriteResult>> {
  const withSignal = signal ? { signal } : {};
  const columns = columnsOf(prepared);
  const rows = prepared.records.map((r) => cellsOf(r, columns));
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
  const job = await client.json<BulkJobInfo>({
    kind: 'bulk2.ingest',
    method: 'POST',
    path: client.dataPath('jobs/ingest'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      object: prepared.object,
      operation: prepared.operation,
      ...(prepared.matchField ? { externalIdFieldName: prepared.matchField } : {}),
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    }),
    idempotent: true, // an extra empty job writes nothing
    ...withSignal,
  });
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
  await client.send({
    kind: 'bulk2.ingest',
    method: 'PUT',
    path: client.dataPath(`jobs/ingest/${job.id}/batches`),
    headers: { 'content-type': 'text/csv' },
    body: stringify([columns, ...rows], { record_delimiter: '\n' }),
    ...withSignal,
  });
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
  await client.send({
    kind: 'bulk2.ingest',
    method: 'PATCH',
    path: client.dataPath(`jobs/ingest/${job.id}`),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state: 'UploadComplete' }),
    ...withSignal,
  });
  const ended = await waitForJobEnd(client, 'bulk2.ingest', `jobs/ingest/${job.id}`, signal);
  const jobError = ended.state === 'Failed' ? parseJobError(ended.errorMessage) : undefined;
  const wanted = resultSetsToRead(ended);

  const keys = keyColumns(prepared, columns).map((name) => columns.indexOf(name));
  const pending = new Map<string, PreparedRecord[]>();
  prepared.records.forEach((record, i) => {
    const key = keyOf(keys.map((k) => (rows[i] as string[])[k] as string));
    pending.set(key, [...(pending.get(key) ?? []), record]);
  });
  const results = new Map<number, WriteResult>();
  const take = (row: Row): PreparedRecord | undefined => {
    const key = keyOf(keys.map((k) => row[columns[k] as string] ?? ''));
    return pending.get(key)?.shift();
  };
  for (const row of wanted.successful ? await csvResults(client, job.id, 'successfulResults', signal) : []) {
    const record = take(row);
    if (!record) continue;
    const created = prepared.operation === 'insert' || (prepared.operation === 'upsert' && row['sf__Created'] === 'true');
    const id = row['sf__Id'] || record.id;
    results.set(record.index, {
      ref: record.ref,
      ok: true,
      ...(id ? { id } : {}),
      ...(prepared.operation === 'insert' || prepared.operation === 'upsert' ? { created } : {}),
    });
  }
  for (const row of wanted.failed ? await csvResults(client, job.id, 'failedResults', signal) : []) {
    const record = take(row);
    if (!record) continue;
    const { code, message, fields } = parseBulkError(row['sf__Error'] ?? '');
    results.set(record.index, failure(record.ref, code, message, fields));
  }
  const unprocessed = (ref: string): WriteResult =>
    jobError
      ? failure(ref, jobError.code, `Bulk job ${job.id} failed: ${jobError.message}`, jobError.fields)
      : failure(ref, 'BULK_UNPROCESSED', `Bulk job ${job.id} stopped before this record`, [], true);
  for (const row of wanted.unprocessed ? await csvResults(client, job.id, 'unprocessedrecords', signal) : []) {
    const record = take(row);
    if (record) results.set(record.index, unprocessed(record.ref));
  }
  for (const record of [...pending.values()].flat()) {
    const retryable = prepared.operation !== 'insert';
    results.set(record.index, jobError ? unprocessed(record.ref) : failure(record.ref, 'BULK_RESULT_MISSING', `Bulk job ${job.id} reported no result for this record`, [], retryable));
  }
  return results;
}
