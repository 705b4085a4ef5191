import { DataverseError, querySyntaxError, segmentNotFound } from '../errors';
import { attributeJson, CAST_NAMES, CASTS, commonAttributeJson, hasOptionSet } from '../metadata/attribute-json';
import { writeCsdl } from '../metadata/csdl-writer';
import { entityJson, keyJson } from '../metadata/entity-definition-json';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import { optionSetJson } from '../metadata/option-set-json';
import { filterJson, parseExpand, projectJson, type ExpandItem } from '../odata/expand-options';
import { parsePrefer } from '../odata/prefer-header';
import { readQueryOptions, type QueryOptions } from '../odata/query-options';
import { jsonResponse, serviceRoot, type ApiRequest, type ApiResponse, type DataverseContext } from './api-types';
import { relationshipsOf, tableRelationships } from './relationship-handlers';
import type { KeyPredicate, PathSegment } from './resource-path';

const CRM = 'Microsoft.Dynamics.CRM.';

/**
 * GET `$metadata`; `?annotations=true` or `Prefer: odata.include-annotations="*"` adds the annotations
 * (change tracking). https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-service-documents
 */
export function csdlDocument(ctx: DataverseContext, req: ApiRequest): ApiResponse {
  const annotations = new URLSearchParams(req.search).get('annotations') === 'true' || parsePrefer(req.headers['prefer']).includeAnnotations === '*';
  return { status: 200, headers: { 'Content-Type': 'application/xml', 'OData-Version': '4.0' }, body: writeCsdl(ctx.registry, annotations) };
}

function findTable(ctx: DataverseContext, key: KeyPredicate): TableDef {
  const name = key.kind === 'alternate' ? key.values['LogicalName'] : undefined;
  const table = ctx.registry.allTables().find((t) => (key.kind === 'id' ? t.metadataId === key.id : t.logicalName === name));
  if (!table) throw new DataverseError(404, '0x80040217', `Could not find entity with ${key.kind === 'id' ? `MetadataId ${key.id}` : `name ${String(name)}`}.`);
  return table;
}

function findAttribute(table: TableDef, key: KeyPredicate): AttributeDef {
  const name = key.kind === 'alternate' ? key.values['LogicalName'] : undefined;
  const attribute = table.attributes.find((a) => (key.kind === 'id' ? a.metadataId === key.id : a.logicalName === name));
  if (!attribute) throw new DataverseError(404, '0x80040217', `Could not find attribute ${key.kind === 'id' ? key.id : String(name)} on entity ${table.logicalName}.`);
  return attribute;
}

function castOf(segment: PathSegment | undefined): string | undefined {
  if (!segment?.name.startsWith(CRM)) return undefined;
  const cast = segment.name.slice(CRM.length);
  if (!CASTS.has(cast)) throw segmentNotFound(segment.name);
  return cast;
}

/** Renders one attribute, expanding OptionSet / GlobalOptionSet (only allowed through an enum-type cast). */
function renderAttribute(ctx: DataverseContext, table: TableDef, attribute: AttributeDef, cast: string | undefined, options: { select?: string[]; expand: ExpandItem[] }): Record<string, unknown> {
  const json = cast ? attributeJson(table, attribute) : commonAttributeJson(table, attribute);
  const allowed = cast ? undefined : new Set(Object.keys(json));
  const out = projectJson(json, options.select, cast ?? 'AttributeMetadata', [], allowed);
  for (const item of options.expand) {
    if (!cast || !hasOptionSet(attribute) || (item.name !== 'OptionSet' && item.name !== 'GlobalOptionSet')) {
      throw querySyntaxError(`Could not find a property named '${item.name}' on type 'Microsoft.Dynamics.CRM.${cast ?? 'AttributeMetadata'}'.`);
    }
    const set = ctx.registry.optionSetOf(attribute);
    const shown = set && (item.name === 'OptionSet' || set.global) ? optionSetJson(set) : null;
    out[item.name] = shown && item.select ? projectJson(shown, item.select, 'OptionSetMetadata') : shown;
  }
  return out;
}

function renderEntity(ctx: DataverseContext, table: TableDef, options: QueryOptions): Record<string, unknown> {
  const out = projectJson(entityJson(table), options.select, 'EntityMetadata');
  for (const item of parseExpand(options.expand)) {
    if (item.name === 'Attributes') {
      const attributes = filterJson(table.attributes.map((a) => ({ def: a, ...commonAttributeJson(table, a) })), item.filter);
      out['Attributes'] = attributes.map(({ def }) => renderAttribute(ctx, table, def, undefined, { select: item.select, expand: [] }));
    } else if (item.name === 'ManyToOneRelationships' || item.name === 'OneToManyRelationships') {
      out[item.name] = filterJson(relationshipsOf(ctx, table, item.name), item.filter).map((r) => projectJson(r, item.select, 'OneToManyRelationshipMetadata'));
    } else if (item.name === 'Keys') {
      out['Keys'] = table.keys.map((k) => projectJson(keyJson(table, k), item.select, 'EntityKeyMetadata'));
    } else {
      throw querySyntaxError(`Could not find a property named '${item.name}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.`);
    }
  }
  return out;
}

/**
 * EntityDefinitions, their Attributes (with type casts and OptionSet/GlobalOptionSet expansion), Keys
 * and relationships. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api
 */
export function entityDefinitions(ctx: DataverseContext, req: ApiRequest, segments: PathSegment[]): ApiResponse {
  const options = readQueryOptions(req.search);
  const root = `${serviceRoot(ctx)}$metadata#EntityDefinitions`;
  const [entitySegment, child, castSegment, tail] = segments as [PathSegment, PathSegment | undefined, PathSegment | undefined, PathSegment | undefined];
  if (!entitySegment.key) {
    if (child) throw segmentNotFound(child.name);
    const all = filterJson(ctx.registry.allTables().map((t) => ({ def: t, ...entityJson(t) })), options.filter);
    const select = options.select ? `(${options.select.join(',')})` : '';
    return jsonResponse(200, { '@odata.context': `${root}${select}`, value: all.map(({ def }) => renderEntity(ctx, def, options)) });
  }
  const table = findTable(ctx, entitySegment.key);
  if (!child) return jsonResponse(200, { '@odata.context': `${root}/$entity`, ...renderEntity(ctx, table, options) });
  if (child.name === 'Keys') {
    return jsonResponse(200, { '@odata.context': `${root}('${table.logicalName}')/Keys`, value: table.keys.map((k) => projectJson(keyJson(table, k), options.select, 'EntityKeyMetadata')) });
  }
  if (child.name === 'ManyToOneRelationships' || child.name === 'OneToManyRelationships') return tableRelationships(ctx, req, table, child, castSegment);
  if (child.name !== 'Attributes') throw segmentNotFound(child.name);
  const cast = castOf(castSegment);
  if (castSegment && !cast) throw segmentNotFound(castSegment.name);
  const expand = parseExpand(options.expand);
  const context = `${root}('${table.logicalName}')/Attributes${cast ? `/${CRM}${cast}` : ''}`;
  if (!child.key) {
    if (tail) throw segmentNotFound(tail.name);
    const matching = table.attributes.filter((a) => !cast || CAST_NAMES[a.kind] === cast);
    const items = filterJson(matching.map((a) => ({ def: a, ...(cast ? attributeJson(table, a) : commonAttributeJson(table, a)) })), options.filter);
    return jsonResponse(200, { '@odata.context': context, value: items.map(({ def }) => renderAttribute(ctx, table, def, cast, { select: options.select, expand })) });
  }
  const attribute = findAttribute(table, child.key);
  if (cast && CAST_NAMES[attribute.kind] !== cast) throw segmentNotFound(`${CRM}${cast}`);
  if (tail) {
    const set = ctx.registry.optionSetOf(attribute);
    if (!cast || !hasOptionSet(attribute) || !['OptionSet', 'GlobalOptionSet'].includes(tail.name)) throw segmentNotFound(tail.name);
    if (!set || (tail.name === 'GlobalOptionSet' && !set.global)) throw new DataverseError(404, '0x80040217', `No ${tail.name} for ${attribute.logicalName}.`);
    return jsonResponse(200, { '@odata.context': `${context}/${tail.name}/$entity`, ...projectJson(optionSetJson(set), options.select, 'OptionSetMetadata') });
  }
  return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...renderAttribute(ctx, table, attribute, cast, { select: options.select, expand }) });
}

/** GlobalOptionSetDefinitions, all or by `Name='x'` / MetadataId, optionally cast. */
export function globalOptionSets(ctx: DataverseContext, req: ApiRequest, segments: PathSegment[]): ApiResponse {
  const options = readQueryOptions(req.search);
  const [setSegment, castSegment, extra] = segments as [PathSegment, PathSegment | undefined, PathSegment | undefined];
  if (extra) throw segmentNotFound(extra.name);
  const root = `${serviceRoot(ctx)}$metadata#GlobalOptionSetDefinitions`;
  const sets = ctx.registry.globalOptionSets();
  if (!setSegment.key) {
    if (castSegment) throw segmentNotFound(castSegment.name);
    const items = filterJson(sets.map((s) => optionSetJson(s, true)), options.filter);
    return jsonResponse(200, { '@odata.context': root, value: items.map((s) => projectJson(s, options.select, 'OptionSetMetadataBase', ['@odata.type'])) });
  }
  const key = setSegment.key;
  const name = key.kind === 'alternate' ? key.values['Name'] : undefined;
  const set = sets.find((s) => (key.kind === 'id' ? s.metadataId === key.id : s.name === name));
  if (!set) throw new DataverseError(404, '0x80040217', `Could not find optionset with ${key.kind === 'id' ? `Id ${key.id}` : `Name ${String(name)}`}.`);
  const json = optionSetJson(set, true);
  if (castSegment && castSegment.name !== `${CRM}${String(json['@odata.type']).replace(`#${CRM}`, '')}`) throw segmentNotFound(castSegment.name);
  return jsonResponse(200, { '@odata.context': `${root}/$entity`, ...projectJson(json, options.select, 'OptionSetMetadataBase', ['@odata.type']) });
}
