import { CrmError, CrmNotFoundError } from '@crm-hub/plugin-sdk';
import type { RestClient } from '../http/rest-client';
import { parseCsv } from '../bulk/bulk-csv';
import { waitForJob, type BulkJobInfo } from '../bulk/bulk-jobs';

/**
 * Creates a Bulk API 2.0 query job and waits until its results are ready; resolves with the job
 * id. Results are not ordered: Bulk 2.0 refuses ORDER BY. Every call is metered as `bulk2.query`
 * and uses the client's one API version (Salesforce answers 409 when results are fetched with
 * another version than the job's).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
 *
 * @example
 * ```ts
 * const jobId = await startQueryJob(client, 'queryAll', 'SELECT Id, IsDeleted FROM Contact', signal);
 * ```
 */
export async function startQueryJob(client: RestClient, operation: 'query' | 'queryAll', soql: string, signal?: AbortSignal): Promise<string> {
  const withSignal = signal ? { signal } : {};
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
  const job = await client.json<BulkJobInfo>({
    kind: 'bulk2.query',
    method: 'POST',
    path: client.dataPath('jobs/query'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation, query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }),
    // A duplicate query job only costs a job; never a duplicate record.
    idempotent: true,
    ...withSignal,
  });
  await waitForJob(client, 'bulk2.query', `jobs/query/${job.id}`, signal);
  return job.id;
}

/**
 * One page of a query job's results: CSV rows (header → cell text; Bulk CSV has no null, so an
 * empty cell is an empty string) and the locator of the next page (undefined at the end).
 *
 * @example
 * ```ts
 * const page: ResultPage = { rows: [{ Id: '003…', LastName: 'Ada' }], next: 'MjAwMA' };
 * ```
 */
export interface ResultPage {
  rows: Record<string, string>[];
  next: string | undefined;
}

/**
 * Fetches one result page of a query job: at most `maxRecords` rows from `locator` (the start
 * without one); the next locator comes in `Sforce-Locator` (`null` at the end). A locator stays
 * valid as long as the job exists, so a read can come back to it later.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 *
 * Pages are fetched and parsed here, one CSV document each (every page starts with its own
 * header row). jsforce 3.10.16's `conn.bulk2.query` is not used: it pipes every page into one CSV
 * parser, so a result over several pages yields the repeated header as a record or fails with
 * "write after end".
 *
 * @example
 * ```ts
 * const { rows, next } = await fetchResultPage(client, jobId, 10_000, undefined, signal);
 * ```
 */
export function fetchResultPage(
  client: RestClient,
  jobId: string,
  maxRecords: number,
  locator: string | undefined,
  signal?: AbortSignal,
): Promise<ResultPage> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
  return client.send(
    {
      kind: 'bulk2.query',
      method: 'GET',
      path: client.dataPath(`jobs/query/${jobId}/results`),
      query: { maxRecords: String(maxRecords), ...(locator ? { locator } : {}) },
      headers: { accept: 'text/csv' },
      ...(signal ? { signal } : {}),
    },
    (res) => {
      const next = res.headers['sforce-locator'];
      return { rows: parseCsv(res.body), next: next && next !== 'null' ? next : undefined };
    },
  );
}

/** Answers to a results request that mean the job cannot serve them any more (retrying will not help). */
const GONE_CODES = new Set(['INVALIDJOBSTATE', 'INVALIDJOB', 'INVALID_LOCATOR', 'NOT_FOUND']);

/**
 * Whether fetching a job's results failed because the job is gone: deleted or purged (404,
 * Salesforce keeps jobs 7 days after they finish), failed or aborted (400 `INVALIDJOBSTATE`), a
 * locator it no longer knows, or a job made with another API version (409).
 *
 * @example
 * ```ts
 * if (isJobGone(err)) jobId = await startQueryJob(client, operation, soql, signal);
 * ```
 */
export function isJobGone(err: unknown): boolean {
  if (err instanceof CrmNotFoundError) return true;
  if (!(err instanceof CrmError) || err.retryable) return false;
  return err.status === 409 || (err.code !== undefined && GONE_CODES.has(err.code));
}
