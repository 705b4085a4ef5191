import { DataverseError, notEmulated, segmentNotFound } from '../errors';
import { stableGuid, type TableDef } from '../metadata/metadata-types';
import { applicationUserId } from '../store/platform-rows';
import { checkDeltaToken, readDeltaToken } from '../odata/delta-token';
import { parseFilter } from '../odata/filter-parser';
import { parsePrefer } from '../odata/prefer-header';
import { countMatching } from '../odata/query-engine';
import { readQueryOptions } from '../odata/query-options';
import { compileRowFilter } from '../odata/row-filter';
import { errorResponse, jsonResponse, serviceRoot, type ApiRequest, type ApiResponse, type DataverseContext } from './api-types';
import { readCollection } from './collection-handler';
import { changedRows, deletions } from './delta-handler';
import { csdlDocument, entityDefinitions, globalOptionSets } from './metadata-handlers';
import { createRow, deleteRow, patchRow, retrieveRow } from './record-handlers';
import { relationshipDefinitions } from './relationship-handlers';
import { parseResourcePath, type PathSegment } from './resource-path';

function noResource(ctx: DataverseContext, req: ApiRequest): DataverseError {
  return new DataverseError(404, '', `No HTTP resource was found that matches the request URI '${serviceRoot(ctx)}${req.path}'.`);
}

/** The service document: every entity set. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-service-documents */
function serviceDocument(ctx: DataverseContext): ApiResponse {
  const value = ctx.registry.allTables().map((t) => ({ name: t.entitySetName, kind: 'EntitySet', url: t.entitySetName }));
  return jsonResponse(200, { '@odata.context': `${serviceRoot(ctx)}$metadata`, value });
}

/** WhoAmI: the application user the token maps to. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/whoami */
function whoAmI(ctx: DataverseContext, req: ApiRequest): ApiResponse {
  return jsonResponse(200, {
    '@odata.context': `${serviceRoot(ctx)}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    BusinessUnitId: stableGuid('businessunit:root'),
    UserId: applicationUserId(req.callerId),
    OrganizationId: stableGuid('organization'),
  });
}

/**
 * `GET /accounts/$count`: a plain-text number, with a `$filter` or over a delta token.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/count-rows
 */
function countRows(ctx: DataverseContext, req: ApiRequest, table: TableDef): ApiResponse {
  const options = readQueryOptions(req.search);
  const store = ctx.store.table(table.logicalName);
  let count: number;
  if (options.deltatoken !== undefined) {
    const token = readDeltaToken(options.deltatoken);
    checkDeltaToken(token, ctx.clock.nowMs(), ctx.settings.changeTrackingExpiryDays, store.historyFloor);
    const window = { from: token.version, to: ctx.store.version };
    count = changedRows(store, window, window.from, Number.MAX_SAFE_INTEGER).length + deletions(store, window, window.from, Number.MAX_SAFE_INTEGER).length;
  } else {
    const filter = options.filter !== undefined ? compileRowFilter(parseFilter(options.filter), table, ctx.registry) : undefined;
    count = countMatching(store, filter);
  }
  return { status: 200, headers: { 'Content-Type': 'text/plain', 'OData-Version': '4.0' }, body: String(count) };
}

function tableRequest(ctx: DataverseContext, req: ApiRequest, table: TableDef, segments: PathSegment[]): ApiResponse {
  const [target, child] = segments as [PathSegment, PathSegment | undefined];
  if (child) {
    if (child.name === '$count' && !target.key && segments.length === 2 && req.method === 'GET') return countRows(ctx, req, table);
    throw notEmulated(`the '${child.name}' segment after an entity set or row (single-property and navigation requests)`);
  }
  if (!target.key) {
    if (req.method === 'GET') return readCollection(ctx, table, readQueryOptions(req.search), parsePrefer(req.headers['prefer']));
    if (req.method === 'POST') return createRow(ctx, req, table);
    throw noResource(ctx, req);
  }
  switch (req.method) {
    case 'GET':
      return retrieveRow(ctx, req, table, target.key);
    case 'PATCH':
      return patchRow(ctx, req, table, target.key);
    case 'DELETE':
      return deleteRow(ctx, req, table, target.key);
    case 'PUT':
      throw notEmulated('PUT of a whole row');
    default:
      throw noResource(ctx, req);
  }
}

/**
 * Routes one Web API operation (alone or from a `$batch`) below `/api/data/v9.2/` and turns errors into
 * the service's error JSON.
 */
export function dispatchApi(ctx: DataverseContext, req: ApiRequest): ApiResponse {
  try {
    const segments = parseResourcePath(req.path);
    const first = segments[0];
    if (!first) {
      if (req.method !== 'GET') throw noResource(ctx, req);
      return serviceDocument(ctx);
    }
    const readOnly = (handler: () => ApiResponse): ApiResponse => {
      if (req.method !== 'GET') throw notEmulated(`${req.method} on ${first.name} (change metadata through the emulator's control interface)`);
      return handler();
    };
    switch (first.name) {
      case '$metadata':
        return readOnly(() => csdlDocument(ctx, req));
      case '$batch':
        throw new DataverseError(400, '0x80060888', 'A batch request cannot contain another batch request.');
      case 'WhoAmI':
        return readOnly(() => whoAmI(ctx, req));
      case 'EntityDefinitions':
        return readOnly(() => entityDefinitions(ctx, req, segments));
      case 'GlobalOptionSetDefinitions':
        return readOnly(() => globalOptionSets(ctx, req, segments));
      case 'RelationshipDefinitions':
        return readOnly(() => relationshipDefinitions(ctx, req, segments));
      default: {
        const table = ctx.registry.tableBySet(first.name);
        if (!table) throw segmentNotFound(first.name);
        return tableRequest(ctx, req, table, segments);
      }
    }
  } catch (error) {
    return errorResponse(error, req.headers['prefer']);
  }
}
