import { CrmError, CrmNotFoundError, type PluginLogger, type WriteRequest, type WriteResult } from '@crm-hub/plugin-sdk';
import type { DescribeService } from '../describe/describe-service';
import { errorDetail } from '../errors';
import type { RestClient } from '../http/rest-client';
import { writeWithBulk } from './bulk-ingest-writer';
import { writeWithCollections } from './collections-writer';
import { prepareWrite, type PreparedRecord } from './prepared-write';
import { failure } from './write-results';

/**
 * The largest batch `write()` accepts (`capabilities.write.maxBatch`): the host hands over up to
 * 10,000 records and the plugin chunks them (50 collection calls of 200, or one Bulk job).
 */
export const MAX_WRITE_BATCH = 10_000;

/**
 * What writes need from the connector.
 *
 * @example
 * ```ts
 * const deps: WriteDeps = { client, describes, bulkWriteThreshold: 2000, logger: ctx.logger };
 * ```
 */
export interface WriteDeps {
  client: RestClient;
  describes: DescribeService;
  bulkWriteThreshold: number;
  logger: PluginLogger;
}

/**
 * Writes one batch and answers one `WriteResult` per input record, in input order.
 *
 * - Records Salesforce would refuse are refused locally (see `prepareWrite`), never sent.
 * - At least `bulkWriteThreshold` records to send: one Bulk API 2.0 ingest job; otherwise sObject
 *   Collections, 200 per call.
 * - `code` is Salesforce's `statusCode`; `retryable` is true for lock contention and timeouts,
 *   false for validation, duplicates, restricted picklists, required fields.
 * - A call refused for what it asked (HTTP 400 — `INVALID_FIELD` for a field the org no longer
 *   has, `JSON_PARSER_ERROR`, `INVALID_TYPE_ON_FIELD_IN_RECORD`… — or an object or field not
 *   found): asking again fails the same way, so every record of that call fails with
 *   Salesforce's code, message and fields (not retryable), on the first chunk as on any other,
 *   and on the Bulk path as on collections (a Bulk job that fails, e.g. on an unknown column,
 *   gives each record it did not process the job's error).
 * - A call failing as a whole for the state of the service (quota, outage after retries, auth,
 *   an API version the org does not serve): when nothing of the batch was written yet the error
 *   is thrown (the host stops the run and retries the batch later); once some chunks went
 *   through, their results must not be lost — which would re-insert those records on the next
 *   run — so the remaining records fail with the error's code instead (retryable when the error
 *   is), and the next `write()` meets the error on its first call.
 *
 * @example
 * ```ts
 * const results = await writeRecords(deps, { object: 'Contact', operation: 'upsert', matchField: 'External_Id__c', records }, signal);
 * ```
 */
export async function writeRecords(deps: WriteDeps, req: WriteRequest, signal?: AbortSignal): Promise<WriteResult[]> {
  if (req.records.length > MAX_WRITE_BATCH) {
    throw new CrmError(`A write batch holds at most ${MAX_WRITE_BATCH} records (got ${req.records.length})`, { code: 'BATCH_TOO_LARGE' });
  }
  if (req.records.length === 0) return [];
  const model = await deps.describes.model(req.object, signal);
  const prepared = prepareWrite(model, req);
  let results: Map<number, WriteResult>;
  if (prepared.records.length >= deps.bulkWriteThreshold) {
    try {
      results = await writeWithBulk(deps.client, prepared, signal);
    } catch (err) {
      if (!isRefusedRequest(err)) throw err;
      results = new Map(refusedRecords(err, prepared.records).map((r, i) => [(prepared.records[i] as PreparedRecord).index, r]));
    }
  } else {
    const onChunkError = (err: unknown, chunk: PreparedRecord[], written: number): WriteResult[] => {
      if (isRefusedRequest(err)) {
        deps.logger.warn('Salesforce refused a write call as a whole: each of its records fails', {
          object: req.object,
          operation: req.operation,
          code: err.code,
          records: chunk.length,
        });
        return refusedRecords(err, chunk);
      }
      if (written === 0 || !(err instanceof CrmError)) throw err;
      deps.logger.warn('Salesforce refused a chunk of a write batch after earlier chunks were written', {
        object: req.object,
        operation: req.operation,
        code: err.code,
        records: chunk.length,
      });
      return chunk.map((r) => failure(r.ref, err.code ?? err.name, err.message, [], err.retryable || err.kinds.includes('CrmQuotaExceededError')));
    };
    results = await writeWithCollections(deps.client, prepared, onChunkError, signal);
  }
  return req.records.map(
    (record, index) =>
      prepared.rejected.get(index) ??
      results.get(index) ??
      failure(record.ref, 'BULK_RESULT_MISSING', 'Salesforce reported no result for this record', [], req.operation !== 'insert'),
  );
}

/**
 * Whether a call was refused for what it asked, so that the same call would be refused again:
 * HTTP 400 that is not worth retrying (request errors such as `INVALID_FIELD`,
 * `JSON_PARSER_ERROR`, `INVALID_TYPE_ON_FIELD_IN_RECORD`), or an object or field Salesforce does
 * not find. Not the service's state (quota, outage, session, API version): those stop the batch.
 *
 * @example
 * ```ts
 * isRefusedRequest(toCrmError(400, '[{"errorCode":"INVALID_FIELD","message":"No such column"}]', 'composite.sobjects')); // true
 * ```
 */
export function isRefusedRequest(err: unknown): err is CrmError {
  return err instanceof CrmError && !err.retryable && (err.status === 400 || err instanceof CrmNotFoundError);
}

/** One failed result per record of a refused call: Salesforce's code, message and fields, not retryable. */
function refusedRecords(err: CrmError, records: readonly PreparedRecord[]): WriteResult[] {
  const detail = errorDetail(err);
  const code = detail?.code ?? err.code ?? 'REQUEST_REFUSED';
  return records.map((r) => failure(r.ref, code, detail?.message ?? err.message, detail?.fields ?? [], false));
}
