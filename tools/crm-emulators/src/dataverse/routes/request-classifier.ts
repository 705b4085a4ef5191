import type { IncomingHttpHeaders } from 'node:http';
import { API_VERSION } from './api-types';

/**
 * Endpoint kinds of Web API calls (the counters' and fault injector's names). One URL path can be
 * several kinds (a collection GET is a `query`, a `nextLink` or a `delta`; a PATCH is an `update` with
 * `If-Match`, else an `upsert`), so the kind is decided per request from method, path, query and headers.
 */
export type ApiKind =
  | 'serviceDocument'
  | 'metadata'
  | 'entityDefinitions'
  | 'attributes'
  | 'globalOptionSets'
  | 'relationships'
  | 'whoAmI'
  | 'query'
  | 'nextLink'
  | 'delta'
  | 'count'
  | 'retrieve'
  | 'create'
  | 'update'
  | 'upsert'
  | 'delete'
  | 'batch'
  | 'other';

export const API_PREFIX = `/api/data/${API_VERSION}`;

function hasParam(search: string, name: string): boolean {
  return new RegExp(`(?:^\\?|&)(?:${name.replace('$', '\\$')}|${encodeURIComponent(name)})=`).test(search);
}

export function classify(method: string, path: string, search: string, headers: IncomingHttpHeaders): ApiKind | undefined {
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) return undefined;
  const rest = path.slice(API_PREFIX.length + 1);
  const [first = '', second] = rest.split('/');
  const name = decodeURIComponent(first.replace(/\(.*$/, ''));
  const keyed = first.includes('(');
  switch (name) {
    case '':
      return 'serviceDocument';
    case '$metadata':
      return 'metadata';
    case '$batch':
      return 'batch';
    case 'WhoAmI':
    case 'WhoAmI()':
      return 'whoAmI';
    case 'EntityDefinitions':
      if (rest.includes('/Attributes')) return 'attributes';
      return /\/(ManyToOne|OneToMany)Relationships/.test(rest) ? 'relationships' : 'entityDefinitions';
    case 'RelationshipDefinitions':
      return 'relationships';
    case 'GlobalOptionSetDefinitions':
      return 'globalOptionSets';
  }
  switch (method) {
    case 'GET':
      if (second === '$count') return 'count';
      if (keyed) return 'retrieve';
      if (hasParam(search, '$skiptoken')) return 'nextLink';
      return hasParam(search, '$deltatoken') ? 'delta' : 'query';
    case 'POST':
      return 'create';
    case 'PATCH':
      return headers['if-match'] ? 'update' : 'upsert';
    case 'PUT':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return 'other';
  }
}
