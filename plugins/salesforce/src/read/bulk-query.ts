import type { RestClient } from '../http/rest-client';
import { parseCsv } from '../bulk/bulk-csv';
import { waitForJob, type BulkJobInfo } from '../bulk/bulk-jobs';

/**
 * Runs a Bulk API 2.0 query job and yields its result pages as CSV rows (header → cell text;
 * Bulk CSV has no null, so an empty cell is an empty string). Results are not ordered: Bulk 2.0
 * refuses ORDER BY. All calls are metered as `bulk2.query` and use the client's one API version
 * (Salesforce answers 409 when results are fetched with another version than the job's).
 *
 * - create: `POST /jobs/query` https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
 * - results: `GET /jobs/query/{id}/results?maxRecords=&locator=`, at most `maxRecords` rows per
 *   page, next page in `Sforce-Locator` (`null` at the end) https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 *
 * Pages are fetched and parsed here, one CSV document each (every page starts with its own
 * header row). jsforce 3.10.16's `conn.bulk2.query` is not used: it pipes every page into one CSV
 * parser, so a result over several pages yields the repeated header as a record or fails with
 * "write after end".
 *
 * @example
 * ```ts
 * for await (const rows of bulkQuery(client, 'query', 'SELECT Id FROM Contact', 50_000, signal)) handle(rows);
 * ```
 */
export async function* bulkQuery(
  client: RestClient,
  operation: 'query' | 'queryAll',
  soql: string,
  maxRecords: number,
  signal?: AbortSignal,
): AsyncGenerator<Record<string, string>[]> {
  const withSignal = signal ? { signal } : {};
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
  let locator: string | undefined;
  do {
    const { rows, next } = await client.send(
      {
        kind: 'bulk2.query',
        method: 'GET',
        path: client.dataPath(`jobs/query/${job.id}/results`),
        query: { maxRecords: String(maxRecords), ...(locator ? { locator } : {}) },
        headers: { accept: 'text/csv' },
        ...withSignal,
      },
      (res) => ({ rows: parseCsv(res.body), next: res.headers['sforce-locator'] }),
    );
    locator = next && next !== 'null' ? next : undefined;
    yield rows;
  } while (locator);
}
