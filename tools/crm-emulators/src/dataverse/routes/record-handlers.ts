import { duplicateRecord, notEmulated, payloadError, pluginError, versionMismatch } from '../errors';
import type { TableDef } from '../metadata/metadata-types';
import { annotationMatcher, parsePrefer } from '../odata/prefer-header';
import { readQueryOptions } from '../odata/query-options';
import { contextSelection, selectColumns, serializeRow } from '../odata/row-serializer';
import { readPayload } from '../store/payload-reader';
import { applicationUserId } from '../store/platform-rows';
import type { StoredRow } from '../store/row-types';
import { readValue } from '../store/value-reader';
import { emptyResponse, header, jsonResponse, serviceRoot, type ApiRequest, type ApiResponse, type DataverseContext } from './api-types';
import { entityUrl, locateRow, requireRow, resolveReference, type RowAddress } from './record-locator';
import type { KeyPredicate } from './resource-path';

function parseBody(req: ApiRequest, table: TableDef): unknown {
  try {
    return JSON.parse(req.body || '{}');
  } catch (error) {
    throw payloadError(table.entitySetName, `Invalid JSON. ${(error as Error).message}`);
  }
}

function etagOf(row: StoredRow): string {
  return `W/"${String(row['versionnumber'])}"`;
}

/** Answer of a write: 204 with OData-EntityId, or the row with `Prefer: return=representation`. */
function writeAnswer(ctx: DataverseContext, req: ApiRequest, table: TableDef, row: StoredRow, created: boolean): ApiResponse {
  const id = row[table.primaryIdAttribute] as string;
  const location = { 'OData-EntityId': entityUrl(ctx, table, id) };
  const prefs = parsePrefer(req.headers['prefer']);
  if (!prefs.returnRepresentation) return emptyResponse(204, location);
  const options = readQueryOptions(req.search);
  const columns = selectColumns(ctx.registry, table, options.select);
  const body = {
    '@odata.context': `${serviceRoot(ctx)}$metadata#${table.entitySetName}/$entity`,
    ...serializeRow(ctx.registry, ctx.store, table, row, { columns, wants: annotationMatcher(prefs.includeAnnotations) }),
  };
  return jsonResponse(created ? 201 : 200, body, { ...location, 'Preference-Applied': 'return=representation' });
}

function resolver(ctx: DataverseContext, req: ApiRequest, table: TableDef) {
  return (reference: string) => resolveReference(ctx, reference, req.contentIds, table.entitySetName);
}

/**
 * GET one row by id or alternate key, with `If-None-Match` → 304 when unchanged (and no annotations
 * were asked for). https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api
 */
export function retrieveRow(ctx: DataverseContext, req: ApiRequest, table: TableDef, key: KeyPredicate): ApiResponse {
  const id = requireRow(locateRow(ctx, table, key));
  const row = ctx.store.table(table.logicalName).get(id) as StoredRow;
  const options = readQueryOptions(req.search);
  if (options.expand !== undefined) throw notEmulated('$expand on table rows');
  const prefs = parsePrefer(req.headers['prefer']);
  if (header(req, 'If-None-Match') === etagOf(row) && prefs.includeAnnotations === undefined) return emptyResponse(304);
  const columns = selectColumns(ctx.registry, table, options.select);
  const body = {
    '@odata.context': `${serviceRoot(ctx)}$metadata#${contextSelection(table, columns)}/$entity`,
    ...serializeRow(ctx.registry, ctx.store, table, row, { columns, wants: annotationMatcher(prefs.includeAnnotations) }),
  };
  return jsonResponse(200, body);
}

/** POST to an entity set. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api */
export function createRow(ctx: DataverseContext, req: ApiRequest, table: TableDef): ApiResponse {
  rejectByPlugin(ctx, table, 'Create');
  const payload = readPayload(ctx.registry, table, parseBody(req, table), { mode: 'create', resolve: resolver(ctx, req, table) });
  const row = ctx.store.create(table.logicalName, payload.values, { id: payload.id, userId: applicationUserId(req.callerId) });
  return writeAnswer(ctx, req, table, row, true);
}

/**
 * A synchronous plug-in registered on the table's writes that refuses them (the control interface's
 * `rejectWrites`): InvalidPluginExecutionException surfaces as 0x80040265 with the plug-in's sub-code.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#include-more-details-with-errors
 */
function rejectByPlugin(ctx: DataverseContext, table: TableDef, message: string): void {
  const rejection = ctx.settings.rejections.get(table.logicalName);
  if (rejection) throw pluginError(rejection.message ?? `${message} of ${table.logicalName} refused by a plug-in.`, rejection.subErrorCode);
}

/**
 * PATCH a row: upsert by default; `If-Match: *` only updates (404 when absent), `If-None-Match: *` only
 * creates (412 when present), `If-Match: W/"<version>"` is optimistic concurrency (412 on mismatch).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api
 */
export function patchRow(ctx: DataverseContext, req: ApiRequest, table: TableDef, key: KeyPredicate): ApiResponse {
  const address = locateRow(ctx, table, key);
  const ifMatch = header(req, 'If-Match');
  const ifNoneMatch = header(req, 'If-None-Match');
  const store = ctx.store.table(table.logicalName);
  const userId = applicationUserId(req.callerId);
  rejectByPlugin(ctx, table, address.id ? 'Update' : 'Create');
  if (address.id) {
    const current = store.get(address.id) as StoredRow;
    if (ifNoneMatch === '*') throw duplicateRecord();
    if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(current)) throw versionMismatch();
    const payload = readPayload(ctx.registry, table, parseBody(req, table), { mode: 'update', resolve: resolver(ctx, req, table), current });
    const row = ctx.store.update(table.logicalName, address.id, payload.values, { userId });
    return writeAnswer(ctx, req, table, row, false);
  }
  if (ifMatch) requireRow(address);
  const payload = readPayload(ctx.registry, table, parseBody(req, table), { mode: 'create', resolve: resolver(ctx, req, table) });
  const row = ctx.store.create(table.logicalName, { ...payload.values, ...keyColumns(ctx, table, address) }, { id: address.createWith.id ?? payload.id, userId });
  return writeAnswer(ctx, req, table, row, true);
}

/** An upsert that creates by alternate key sets the key columns from the URL. */
function keyColumns(ctx: DataverseContext, table: TableDef, address: RowAddress): StoredRow {
  const values: StoredRow = {};
  for (const [name, value] of Object.entries(address.createWith.values)) {
    const attribute = ctx.registry.attribute(table, name);
    if (attribute) values[name] = readValue(ctx.registry, table, attribute, value);
  }
  return values;
}

/** DELETE a row (404 when absent; `If-Match: W/"x"` checks the version). */
export function deleteRow(ctx: DataverseContext, req: ApiRequest, table: TableDef, key: KeyPredicate): ApiResponse {
  const id = requireRow(locateRow(ctx, table, key));
  const ifMatch = header(req, 'If-Match');
  const row = ctx.store.table(table.logicalName).get(id) as StoredRow;
  if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(row)) throw versionMismatch();
  rejectByPlugin(ctx, table, 'Delete');
  ctx.store.delete(table.logicalName, id);
  return emptyResponse(204);
}
