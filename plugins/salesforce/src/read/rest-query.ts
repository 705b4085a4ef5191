import type { RestClient } from '../http/rest-client';

/**
 * One page of a REST query.
 *
 * @example
 * ```ts
 * const page: QueryPage = { records: [], totalSize: 0, done: true };
 * ```
 */
export interface QueryPage {
  records: Record<string, unknown>[];
  /** Rows the whole query matches (all pages), as Salesforce counted when it ran the query. */
  totalSize: number;
  done: boolean;
  /** Relative URL of the next page, used as given (never rewritten to another API version). */
  nextRecordsUrl?: string;
}

function options(pageSize: number, signal?: AbortSignal): { headers: Record<string, string>; signal?: AbortSignal } {
  // Salesforce honours 200–2,000 and may still answer with other page sizes (it is a hint).
  return { headers: { 'sforce-query-options': `batchSize=${pageSize}` }, ...(signal ? { signal } : {}) };
}

/**
 * Runs a SOQL query: `GET /query?q=` for live rows, `GET /queryAll?q=` to include soft-deleted
 * (`IsDeleted = true`) and archived rows; the first page comes back with the cursor to the next.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
 *
 * @example
 * ```ts
 * const page = await queryFirstPage(client, 'queryAll', 'SELECT Id, IsDeleted FROM Contact', 2000);
 * ```
 */
export function queryFirstPage(
  client: RestClient,
  endpoint: 'query' | 'queryAll',
  soql: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<QueryPage> {
  return client.json<QueryPage>({ kind: endpoint, method: 'GET', path: client.dataPath(endpoint), query: { q: soql }, ...options(pageSize, signal) });
}

/**
 * The next page of a query, following `nextRecordsUrl` exactly as Salesforce gave it (jsforce
 * rewrites it to its own API version; a cursor belongs to the version that opened it).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm
 *
 * @example
 * ```ts
 * const next = await queryNextPage(client, page.nextRecordsUrl!, 2000);
 * ```
 */
export function queryNextPage(client: RestClient, nextRecordsUrl: string, pageSize: number, signal?: AbortSignal): Promise<QueryPage> {
  if (!nextRecordsUrl.startsWith('/services/')) throw new TypeError('Salesforce gave an unexpected nextRecordsUrl');
  return client.json<QueryPage>({ kind: 'queryMore', method: 'GET', path: nextRecordsUrl, ...options(pageSize, signal) });
}
