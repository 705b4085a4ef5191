import { changeTrackingNotEnabled, notEmulated, notSupportedWithChangeTracking } from '../errors';
import type { TableDef } from '../metadata/metadata-types';
import { checkDeltaToken, writeDeltaToken } from '../odata/delta-token';
import { parseFilter } from '../odata/filter-parser';
import { readPagingCookie, writePagingCookie } from '../odata/paging-cookie';
import { annotationMatcher, type Preferences } from '../odata/prefer-header';
import { countMatching, cursorColumns, cursorValues, readPage, resolveOrder } from '../odata/query-engine';
import { buildQueryString, type QueryOptions } from '../odata/query-options';
import { compileRowFilter } from '../odata/row-filter';
import { contextSelection, selectColumns, serializeRow } from '../odata/row-serializer';
import { jsonResponse, serviceRoot, type ApiResponse, type DataverseContext } from './api-types';
import { readDelta } from './delta-handler';

/** The service's hard ceiling on page size, whatever `odata.maxpagesize` asks (page-results.md). */
export const SERVICE_MAX_PAGE_SIZE = 5000;

export function effectivePageSize(ctx: DataverseContext, prefs: Preferences): number {
  const ceiling = Math.min(ctx.settings.maxPageSize, SERVICE_MAX_PAGE_SIZE);
  return Math.min(prefs.maxPageSize ?? ceiling, ceiling);
}

export function preferenceApplied(prefs: Preferences, pageSize: number, extra: string[] = []): Record<string, string[]> {
  const applied = [...extra];
  if (prefs.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${pageSize}`);
  if (prefs.includeAnnotations !== undefined) applied.push(`odata.include-annotations="${prefs.includeAnnotations}"`);
  return applied.length ? { 'Preference-Applied': applied } : {};
}

/** The request's query parameters for a next or delta link: same options, new token. */
export function linkParams(options: QueryOptions, drop: string[], add: [string, string][]): [string, string][] {
  return [...options.params.filter(([k]) => !drop.includes(k)), ...add];
}

/**
 * GET on an entity set: `$select`, `$filter`, `$orderby`, `$top`, `$count`, paging with
 * `Prefer: odata.maxpagesize` and a keyset `$skiptoken` (page-results.md, count-rows.md), and the
 * initial `Prefer: odata.track-changes` read that ends with an `@odata.deltaLink`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview
 */
export function readCollection(ctx: DataverseContext, table: TableDef, options: QueryOptions, prefs: Preferences): ApiResponse {
  if (options.deltatoken !== undefined) return readDelta(ctx, table, options, prefs);
  const cookie = options.skiptoken !== undefined ? readPagingCookie(options.skiptoken) : undefined;
  const tracking = prefs.trackChanges || cookie?.tracking === true;
  if (tracking) {
    if (!table.changeTracking) throw changeTrackingNotEnabled(table.logicalName);
    for (const [option, value] of [['$filter', options.filter], ['$orderby', options.orderby], ['$expand', options.expand], ['$top', options.top]] as const) {
      if (value !== undefined) throw notSupportedWithChangeTracking(option);
    }
  }
  if (options.expand !== undefined) throw notEmulated('$expand on table rows');
  const { registry } = ctx;
  const store = ctx.store.table(table.logicalName);
  const columns = selectColumns(registry, table, options.select);
  const filter = options.filter !== undefined ? compileRowFilter(parseFilter(options.filter), table, registry) : undefined;
  const order = resolveOrder(registry, table, options.orderby);
  const pageSize = effectivePageSize(ctx, prefs);
  // page-results.md: "Don't use $top with odata.maxpagesize. If you include both, $top is ignored."
  const topApplies = options.top !== undefined && prefs.maxPageSize === undefined;
  const remaining = cookie?.attributes['remaining'] !== undefined ? Number(cookie.attributes['remaining']) : topApplies ? options.top : undefined;
  const snapshot = cookie?.attributes['snapshot'] !== undefined ? Number(cookie.attributes['snapshot']) : ctx.store.version;
  // A tracked read's paging cookie carries the change-tracking version it started at, and when:
  // once that version has expired (or the table's history was cleared), its final delta link could
  // not be honoured, so the link is refused like an expired delta token.
  const issued = cookie?.attributes['issued'] !== undefined ? Number(cookie.attributes['issued']) : ctx.clock.nowMs();
  if (tracking && cookie) checkDeltaToken({ version: snapshot, issuedMs: issued }, ctx.clock.nowMs(), ctx.settings.changeTrackingExpiryDays, store.historyFloor);

  const page = readPage(store, {
    order,
    filter,
    pageSize: remaining !== undefined ? Math.min(pageSize, remaining) : pageSize,
    after: cookie ? cursorValues(order, cookie.columns) : undefined,
  });
  const left = remaining !== undefined ? remaining - page.rows.length : undefined;
  const more = page.more && (left === undefined || left > 0);

  const root = serviceRoot(ctx);
  const wants = annotationMatcher(prefs.includeAnnotations);
  const body: Record<string, unknown> = { '@odata.context': `${root}$metadata#${contextSelection(table, columns)}` };
  const count = options.count ? countMatching(store, filter, SERVICE_MAX_PAGE_SIZE + 1) : undefined;
  if (count !== undefined) body['@odata.count'] = Math.min(count, SERVICE_MAX_PAGE_SIZE);
  if (wants('Microsoft.Dynamics.CRM.totalrecordcount')) body['@Microsoft.Dynamics.CRM.totalrecordcount'] = count === undefined ? -1 : Math.min(count, SERVICE_MAX_PAGE_SIZE);
  if (wants('Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded')) body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = count !== undefined && count > SERVICE_MAX_PAGE_SIZE;
  body['value'] = page.rows.map((row) => serializeRow(registry, ctx.store, table, row, { columns, wants }));
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  if (more && first && last) {
    const attributes: Record<string, string> = {};
    if (left !== undefined) attributes['remaining'] = String(left);
    if (tracking) {
      attributes['snapshot'] = String(snapshot);
      attributes['issued'] = String(issued);
    }
    const token = writePagingCookie({ pageNumber: (cookie?.pageNumber ?? 1) + 1, tracking, columns: cursorColumns(order, first, last), attributes });
    const drop = topApplies ? ['$skiptoken'] : ['$skiptoken', '$top'];
    body['@odata.nextLink'] = `${root}${table.entitySetName}${buildQueryString(linkParams(options, drop, [['$skiptoken', token]]))}`;
  } else if (tracking) {
    const deltaToken = writeDeltaToken(snapshot, ctx.clock.nowMs());
    body['@odata.deltaLink'] = `${root}${table.entitySetName}${buildQueryString(linkParams(options, ['$skiptoken'], [['$deltatoken', deltaToken]]))}`;
  }
  return jsonResponse(200, body, preferenceApplied(prefs, pageSize, tracking ? ['odata.track-changes'] : []));
}
