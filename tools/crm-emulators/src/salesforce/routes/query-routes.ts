import type { EmulatorRequest, HttpsEmulator } from '../../common/https-emulator';
import type { QueryCursor } from '../api/query-cursors';
import { RestError } from '../errors';
import type { SalesforceOrg } from '../salesforce-org';
import type { RowRef } from '../store/object-table';
import type { Row } from '../store/row-types';
import { restQueryRecord, runSoql } from '../soql/soql-executor';
import { apiRoute, json, recordsJson } from './route-kit';

/**
 * SOQL over REST: query, queryAll (soft-deleted rows too), and the cursor pages behind nextRecordsUrl,
 * answered for any supported version (jsforce rewrites nextRecordsUrl to its own version). Records
 * changed while a client pages come as the query saw them or as they are now, as the
 * `queryCursorValues` option says.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export function queryRoutes(server: HttpsEmulator, org: SalesforceOrg): void {
  const start = (includeDeleted: boolean) =>
    apiRoute(org, ({ req, version }) => {
      const soql = req.url.searchParams.get('q');
      if (!soql) throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const run = runSoql(soql, org.schema, org.store, org.clock.nowMs(), includeDeleted);
      if (run.query.countOnly) return json({ totalSize: run.count, done: true, records: [] });
      const pageSize = batchSize(req, org.options.queryPageSize);
      // A result that fits one page needs no cursor.
      const cursor = run.refs.length > pageSize ? org.cursors.open(run, pageSize) : { id: '', run, pageSize, createdMs: 0 };
      return recordsJson(page(org, cursor, 0, version));
    });
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
  server.route('GET', '/services/data/:version/query', 'query', start(false));
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
  server.route('GET', '/services/data/:version/queryAll', 'queryAll', start(true));

  const more = apiRoute(org, ({ req, version }) => {
    const locator = req.params['locator'] as string;
    const dash = locator.lastIndexOf('-');
    const cursor = dash > 0 ? org.cursors.get(locator.slice(0, dash)) : undefined;
    const offset = Number(locator.slice(dash + 1));
    if (!cursor || !Number.isInteger(offset) || offset < 0 || offset > cursor.run.refs.length) {
      throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return recordsJson(page(org, cursor, offset, version));
  });
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm#retrieve_remaining_results
  server.route('GET', '/services/data/:version/query/:locator', 'queryMore', more);
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm (its nextRecordsUrl)
  server.route('GET', '/services/data/:version/queryAll/:locator', 'queryMore', more);
}

/** `Sforce-Query-Options: batchSize=N`: 200..2000, a hint Salesforce may round. */
function batchSize(req: EmulatorRequest, fallback: number): number {
  const header = req.headers['sforce-query-options'];
  const match = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : header ?? '');
  if (!match) return fallback;
  return Math.min(2000, Math.max(200, Number(match[1])));
}

/**
 * One page of a cursor. Its records are the query's, in the query's order; which version of each
 * is the `queryCursorValues` option's choice (the first page is answered as the query runs, so
 * both give the same there).
 */
function page(org: SalesforceOrg, cursor: QueryCursor, offset: number, version: string): Record<string, unknown> {
  const { run, pageSize } = cursor;
  const table = org.store.table(run.query.def);
  const end = Math.min(run.refs.length, offset + pageSize);
  const live = org.options.queryCursorValues === 'live';
  const versionOf = (ref: RowRef): Row => {
    const seen = table.resolve(ref);
    if (!live) return seen;
    const current = table.get(seen['Id'] as string);
    // Gone for good, or deleted since and this cursor only lists live rows: what the query saw.
    if (!current || (current['IsDeleted'] === true && !run.includeDeleted)) return seen;
    return current;
  };
  const records = run.refs.slice(offset, end).map((ref) => restQueryRecord(run.query, versionOf(ref), version, true));
  const done = end >= run.refs.length;
  return {
    totalSize: run.refs.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${cursor.id}-${end}` }),
    records,
  };
}
