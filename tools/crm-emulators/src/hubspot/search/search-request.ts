import { invalidInput } from '../errors';

/** One filter of a search (`Filter` of the CRM search API). */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

/** A search request, checked. */
export interface SearchRequest {
  /** OR of ANDs. */
  filterGroups: SearchFilter[][];
  sort?: { propertyName: string; descending: boolean };
  properties?: string[];
  limit: number;
  offset: number;
  query?: string;
}

/** The limits of the search endpoint. https://developers.hubspot.com/docs/api/crm/search#limitations */
export const SEARCH_LIMITS = { maxLimit: 200, maxResults: 10_000, maxGroups: 5, maxFiltersPerGroup: 6, maxFilters: 18 } as const;

const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

/**
 * Reads a search body as HubSpot does: at most 5 filter groups of at most 6 filters (18 in all),
 * `limit` up to 200 (default 10), `after` an offset whose page must end within the first 10,000
 * results, and one sort at most — given as `{propertyName, direction}` or as a name (`"-name"`
 * descending), the two forms `@hubspot/api-client` documents.
 */
export function parseSearch(body: Record<string, unknown>): SearchRequest {
  const groups = body['filterGroups'] ?? [];
  if (!Array.isArray(groups)) throw invalidInput('filterGroups must be an array');
  if (groups.length > SEARCH_LIMITS.maxGroups) throw invalidInput(`Too many filter groups: ${groups.length}. The maximum is ${SEARCH_LIMITS.maxGroups}.`, 'TOO_MANY_FILTER_GROUPS');
  const filterGroups = groups.map((group: unknown) => {
    const filters = (group as { filters?: unknown })?.filters;
    if (!Array.isArray(filters)) throw invalidInput('each filter group needs a filters array');
    if (filters.length > SEARCH_LIMITS.maxFiltersPerGroup) throw invalidInput(`Too many filters in a group: ${filters.length}. The maximum is ${SEARCH_LIMITS.maxFiltersPerGroup}.`, 'TOO_MANY_FILTERS');
    return filters.map(parseFilter);
  });
  const total = filterGroups.reduce((n, g) => n + g.length, 0);
  if (total > SEARCH_LIMITS.maxFilters) throw invalidInput(`Too many filters: ${total}. The maximum is ${SEARCH_LIMITS.maxFilters}.`, 'TOO_MANY_FILTERS');
  const limit = body['limit'] === undefined ? 10 : Number(body['limit']);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxLimit) throw invalidInput(`limit must be between 1 and ${SEARCH_LIMITS.maxLimit}`);
  const offset = body['after'] === undefined || body['after'] === null || body['after'] === '' ? 0 : Number(body['after']);
  if (!Number.isInteger(offset) || offset < 0) throw invalidInput(`Invalid after: ${String(body['after'])}`);
  if (offset + limit > SEARCH_LIMITS.maxResults) {
    throw invalidInput(`The search cannot page beyond ${SEARCH_LIMITS.maxResults} results (after ${offset} + limit ${limit}): narrow the search`, 'SEARCH_RESULT_LIMIT');
  }
  const sorts = body['sorts'] ?? [];
  if (!Array.isArray(sorts)) throw invalidInput('sorts must be an array');
  if (sorts.length > 1) throw invalidInput('Only one sort is supported', 'TOO_MANY_SORTS');
  const properties = Array.isArray(body['properties']) ? (body['properties'] as unknown[]).map(String) : undefined;
  const sort = sorts.length ? parseSort(sorts[0]) : undefined;
  return { filterGroups, limit, offset, ...(sort ? { sort } : {}), ...(properties ? { properties } : {}), ...(typeof body['query'] === 'string' ? { query: body['query'] } : {}) };
}

function parseFilter(raw: unknown): SearchFilter {
  const f = raw as Record<string, unknown>;
  const operator = String(f?.['operator'] ?? 'EQ');
  if (typeof f?.['propertyName'] !== 'string') throw invalidInput('each filter needs a propertyName');
  if (!OPERATORS.has(operator)) throw invalidInput(`Unknown operator ${operator}`);
  const values = Array.isArray(f['values']) ? (f['values'] as unknown[]).map(String) : undefined;
  if ((operator === 'IN' || operator === 'NOT_IN') && !values) throw invalidInput(`${operator} needs values`);
  const needsValue = !['IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(operator);
  if (needsValue && (f['value'] === undefined || f['value'] === null)) throw invalidInput(`${operator} on ${f['propertyName']} needs a value`);
  return {
    propertyName: f['propertyName'],
    operator,
    ...(f['value'] !== undefined && f['value'] !== null ? { value: String(f['value']) } : {}),
    ...(f['highValue'] !== undefined ? { highValue: String(f['highValue']) } : {}),
    ...(values ? { values } : {}),
  };
}

function parseSort(raw: unknown): { propertyName: string; descending: boolean } {
  if (typeof raw === 'string') return raw.startsWith('-') ? { propertyName: raw.slice(1), descending: true } : { propertyName: raw, descending: false };
  const s = raw as { propertyName?: unknown; direction?: unknown };
  if (typeof s?.propertyName !== 'string') throw invalidInput('a sort needs a propertyName');
  return { propertyName: s.propertyName, descending: s.direction === 'DESCENDING' };
}
