import { CrmError, stringifyJsonLossless, type WriteResult } from '@crm-hub/plugin-sdk';
import type { RestClient, RestCall } from '../http/rest-client';
import { toSalesforceValue } from '../values/write-values';
import type { PreparedRecord, PreparedWrite } from './prepared-write';
import { fromCollectionResult, type CollectionResult } from './write-results';

/** sObject Collections take at most 200 records per call. */
export const COLLECTION_SIZE = 200;

function body(prepared: PreparedWrite, records: PreparedRecord[]): string {
  const { object, operation } = prepared;
  return stringifyJsonLossless({
    allOrNone: false,
    records: records.map((r) => {
      const fields = Object.fromEntries([...r.fields].map(([name, f]) => [name, toSalesforceValue(f.type, f.value)]));
      return { attributes: { type: object }, ...(operation === 'update' ? { id: r.id } : {}), ...fields };
    }),
  });
}

/**
 * The call writing one chunk of at most 200 records with sObject Collections, `allOrNone: false`
 * so one bad record does not fail the others:
 *
 * - insert: `POST /composite/sobjects` https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
 * - update: `PATCH /composite/sobjects` https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
 * - upsert: `PATCH /composite/sobjects/{Object}/{ExternalIdField}` https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 * - delete: `DELETE /composite/sobjects?ids=&allOrNone=false` https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm
 */
function chunkCall(client: RestClient, prepared: PreparedWrite, records: PreparedRecord[], signal?: AbortSignal): RestCall {
  const base = { kind: 'composite.sobjects', ...(signal ? { signal } : {}) };
  const json = { 'content-type': 'application/json' };
  switch (prepared.operation) {
    case 'insert':
      return { ...base, method: 'POST', path: client.dataPath('composite/sobjects'), headers: json, body: body(prepared, records) };
    case 'update':
      return { ...base, method: 'PATCH', path: client.dataPath('composite/sobjects'), headers: json, body: body(prepared, records) };
    case 'upsert':
      return {
        ...base,
        method: 'PATCH',
        path: client.dataPath(`composite/sobjects/${prepared.object}/${prepared.matchField as string}`),
        headers: json,
        body: body(prepared, records),
      };
    case 'delete':
      return {
        ...base,
        method: 'DELETE',
        path: client.dataPath('composite/sobjects'),
        query: { ids: records.map((r) => r.id as string).join(','), allOrNone: 'false' },
      };
  }
}

/**
 * Writes prepared records with sObject Collections, 200 per call, one call after the other (no
 * parallel chunks: concurrent writes to related records are the usual cause of
 * `UNABLE_TO_LOCK_ROW`). Salesforce answers 200 with one row per record in request order,
 * `success: false` rows included (jsforce would not throw on them either): every row is read.
 *
 * A chunk whose call fails as a whole (after the REST client's retries) is handled by
 * `onChunkError`, which decides between throwing and failing that chunk's records (one result
 * per record, in the chunk's order). Results are keyed by the records' input positions.
 *
 * @example
 * ```ts
 * const results = await writeWithCollections(client, prepared, (err, chunk) => chunk.map((r) => failure(r.ref, 'X', String(err))));
 * ```
 */
export async function writeWithCollections(
  client: RestClient,
  prepared: PreparedWrite,
  onChunkError: (err: unknown, records: PreparedRecord[], written: number) => WriteResult[],
  signal?: AbortSignal,
): Promise<Map<number, WriteResult>> {
  const results = new Map<number, WriteResult>();
  const records = prepared.records;
  for (let start = 0; start < records.length; start += COLLECTION_SIZE) {
    const chunk = records.slice(start, start + COLLECTION_SIZE);
    let rows: CollectionResult[];
    try {
      rows = await client.json<CollectionResult[]>(chunkCall(client, prepared, chunk, signal));
      if (!Array.isArray(rows) || rows.length !== chunk.length) {
        throw new CrmError(`sObject Collections answered ${Array.isArray(rows) ? rows.length : 'no'} results for ${chunk.length} records`, {
          code: 'UNEXPECTED_RESPONSE',
        });
      }
    } catch (err) {
      onChunkError(err, chunk, start).forEach((r, i) => results.set((chunk[i] as PreparedRecord).index, r));
      continue;
    }
    chunk.forEach((r, i) => results.set(r.index, fromCollectionResult(r.ref, rows[i] as CollectionResult, prepared.operation, r.id)));
  }
  return results;
}
