import { changeTrackingNotEnabled, notSupportedWithChangeTracking } from '../errors';
import type { TableDef } from '../metadata/metadata-types';
import { checkDeltaToken, readDeltaToken, writeDeltaToken } from '../odata/delta-token';
import { readPagingCookie, writePagingCookie } from '../odata/paging-cookie';
import { annotationMatcher, type Preferences } from '../odata/prefer-header';
import { buildQueryString, type QueryOptions } from '../odata/query-options';
import { contextSelection, selectColumns, serializeRow } from '../odata/row-serializer';
import type { StoredRow } from '../store/row-types';
import type { TableStore, Tombstone } from '../store/table-store';
import { jsonResponse, serviceRoot, type ApiResponse, type DataverseContext } from './api-types';
import { effectivePageSize, linkParams, preferenceApplied } from './collection-handler';

export interface DeltaWindow {
  /** Changes after this version… */
  from: number;
  /** …up to this one (the snapshot taken when the delta call started). */
  to: number;
}

/** Rows changed in the window, in version order, after `afterVersion`. */
export function changedRows(store: TableStore, window: DeltaWindow, afterVersion: number, limit: number): StoredRow[] {
  const rows: StoredRow[] = [];
  for (const row of store.byVersionAfter(Math.max(window.from, afterVersion))) {
    if ((row['versionnumber'] as number) > window.to || rows.length === limit) break;
    rows.push(row);
  }
  return rows;
}

/** Deletions in the window; a row deleted then re-created since is reported by its current state instead. */
export function deletions(store: TableStore, window: DeltaWindow, afterVersion: number, limit: number): Tombstone[] {
  const start = Math.max(window.from, afterVersion);
  const found: Tombstone[] = [];
  for (const tombstone of store.tombstones) {
    if (tombstone.version <= start || tombstone.version > window.to) continue;
    const current = store.get(tombstone.id);
    if (current && (current['versionnumber'] as number) > tombstone.version) continue;
    found.push(tombstone);
    if (found.length === limit) break;
  }
  return found;
}

/**
 * A call to an `@odata.deltaLink`: new and updated rows (current state, in version order), then
 * `$deletedEntity` entries, paged by `odata.maxpagesize`, ending with a new delta link. A row
 * created since the token shows every selected column; a row updated since shows only the selected
 * columns that changed (and its primary key), as the service does. Tokens past the expiry age
 * answer ExpiredVersionStamp.
 * https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems
 */
export function readDelta(ctx: DataverseContext, table: TableDef, options: QueryOptions, prefs: Preferences): ApiResponse {
  if (!table.changeTracking) throw changeTrackingNotEnabled(table.logicalName);
  for (const [option, value] of [['$filter', options.filter], ['$orderby', options.orderby], ['$expand', options.expand], ['$top', options.top]] as const) {
    if (value !== undefined) throw notSupportedWithChangeTracking(option);
  }
  const store = ctx.store.table(table.logicalName);
  const token = readDeltaToken(options.deltatoken ?? '');
  checkDeltaToken(token, ctx.clock.nowMs(), ctx.settings.changeTrackingExpiryDays, store.historyFloor);
  const cookie = options.skiptoken !== undefined ? readPagingCookie(options.skiptoken) : undefined;
  const window: DeltaWindow = { from: token.version, to: cookie ? Number(cookie.attributes['to']) : ctx.store.version };
  let phase = cookie?.attributes['phase'] ?? 'changes';
  let after = Number(cookie?.columns[0]?.last ?? window.from);
  const pageSize = effectivePageSize(ctx, prefs);

  const rows = phase === 'changes' ? changedRows(store, window, after, pageSize + 1) : [];
  let removed: Tombstone[] = [];
  if (rows.length <= pageSize) {
    if (phase === 'changes') after = window.from;
    phase = 'deletes';
    removed = deletions(store, window, after, pageSize + 1 - rows.length);
  }
  const more = rows.length + removed.length > pageSize;
  if (more) {
    if (removed.length) removed.pop();
    else rows.pop();
  }

  const root = serviceRoot(ctx);
  const columns = selectColumns(ctx.registry, table, options.select);
  const wants = annotationMatcher(prefs.includeAnnotations);
  const value: Record<string, unknown>[] = rows.map((row) => {
    const changed = store.changedSince(row, window.from);
    const view = changed === 'all' ? { columns, wants } : { columns, wants, changed: (a: { logicalName: string }) => changed.has(a.logicalName) };
    return serializeRow(ctx.registry, ctx.store, table, row, view);
  });
  for (const tombstone of removed) {
    value.push({ '@odata.context': `${root}$metadata#${table.entitySetName}/$deletedEntity`, id: tombstone.id, reason: 'deleted' });
  }
  const body: Record<string, unknown> = { '@odata.context': `${root}$metadata#${contextSelection(table, columns)}/$delta` };
  if (options.count) body['@odata.count'] = value.length;
  body['value'] = value;
  if (more) {
    // In the deletes phase the cursor is the last tombstone shown (or the window start if none was).
    const lastVersion =
      phase === 'deletes'
        ? (removed[removed.length - 1]?.version ?? window.from)
        : ((rows[rows.length - 1] as StoredRow)['versionnumber'] as number);
    const skiptoken = writePagingCookie({
      pageNumber: (cookie?.pageNumber ?? 1) + 1,
      tracking: true,
      columns: [{ name: 'versionnumber', last: String(lastVersion) }],
      attributes: { to: String(window.to), phase },
    });
    body['@odata.nextLink'] = `${root}${table.entitySetName}${buildQueryString(linkParams(options, ['$skiptoken'], [['$skiptoken', skiptoken]]))}`;
  } else {
    const next = writeDeltaToken(window.to, ctx.clock.nowMs());
    body['@odata.deltaLink'] = `${root}${table.entitySetName}${buildQueryString(linkParams(options, ['$skiptoken', '$deltatoken'], [['$deltatoken', next]]))}`;
  }
  return jsonResponse(200, body, preferenceApplied(prefs, pageSize));
}
