import { DataverseError, segmentNotFound } from '../errors';
import type { TableDef } from '../metadata/metadata-types';
import { allRelationships, relationshipJson } from '../metadata/relationship-json';
import { filterJson, projectJson } from '../odata/expand-options';
import { readQueryOptions } from '../odata/query-options';
import { jsonResponse, serviceRoot, type ApiRequest, type ApiResponse, type DataverseContext } from './api-types';
import type { KeyPredicate, PathSegment } from './resource-path';

export type RelationshipSide = 'ManyToOneRelationships' | 'OneToManyRelationships';

const TYPE = 'OneToManyRelationshipMetadata';

/** A table's relationships from one side, as JSON. */
export function relationshipsOf(ctx: DataverseContext, table: TableDef, side: RelationshipSide): Record<string, unknown>[] {
  return allRelationships(ctx.registry)
    .filter((r) => (side === 'ManyToOneRelationships' ? r.referencing : r.referenced).logicalName === table.logicalName)
    .map(relationshipJson);
}

function pick(items: Record<string, unknown>[], key: KeyPredicate): Record<string, unknown> {
  const name = key.kind === 'alternate' ? key.values['SchemaName'] : undefined;
  const found = items.find((r) => (key.kind === 'id' ? r['MetadataId'] === key.id : r['SchemaName'] === name));
  if (!found) throw new DataverseError(404, '0x80040217', `Could not find relationship ${key.kind === 'id' ? key.id : String(name)}.`);
  return found;
}

/**
 * `EntityDefinitions(LogicalName='x')/ManyToOneRelationships` (the table's lookups) and
 * `/OneToManyRelationships` (lookups to it), all or one, with `$select` and `$filter`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#querying-relationship-metadata
 */
export function tableRelationships(ctx: DataverseContext, req: ApiRequest, table: TableDef, child: PathSegment, tail?: PathSegment): ApiResponse {
  if (tail) throw segmentNotFound(tail.name);
  const options = readQueryOptions(req.search);
  const items = relationshipsOf(ctx, table, child.name as RelationshipSide);
  const context = `${serviceRoot(ctx)}$metadata#EntityDefinitions('${table.logicalName}')/${child.name}`;
  if (child.key) return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...projectJson(pick(items, child.key), options.select, TYPE) });
  return jsonResponse(200, { '@odata.context': context, value: filterJson(items, options.filter).map((r) => projectJson(r, options.select, TYPE)) });
}

/**
 * The RelationshipDefinitions entity set (one-to-many relationships; the emulator has no many-to-many
 * ones), all, by `SchemaName='x'` or MetadataId, optionally cast to OneToManyRelationshipMetadata.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api#querying-relationship-metadata
 */
export function relationshipDefinitions(ctx: DataverseContext, req: ApiRequest, segments: PathSegment[]): ApiResponse {
  const options = readQueryOptions(req.search);
  const [set, cast, extra] = segments as [PathSegment, PathSegment | undefined, PathSegment | undefined];
  if (extra || (cast && cast.name !== `Microsoft.Dynamics.CRM.${TYPE}`)) throw segmentNotFound((extra ?? cast)?.name ?? '');
  const items = allRelationships(ctx.registry).map(relationshipJson);
  const context = `${serviceRoot(ctx)}$metadata#RelationshipDefinitions`;
  if (set.key) return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...projectJson(pick(items, set.key), options.select, TYPE, ['@odata.type']) });
  return jsonResponse(200, { '@odata.context': context, value: filterJson(items, options.filter).map((r) => projectJson(r, options.select, TYPE, ['@odata.type'])) });
}
