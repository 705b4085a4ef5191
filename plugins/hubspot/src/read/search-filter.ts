import { assertValidFilter, UnsupportedFilterError, type CrmField, type FilterCondition, type FilterExpr } from '@crm-hub/plugin-sdk';
import { HUBSPOT_FILTER_OPERATORS } from '../manifest/manifest';

/** A filter of HubSpot's search (`Filter`). */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

/** Filter groups (OR) of filters (AND). */
export type FilterGroups = SearchFilter[][];

/** Search allows 5 groups of 6 filters, 18 in all; reads add up to 2 filters of their own to each group. */
export const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const RESERVED_PER_GROUP = 2;

const OPERATOR: Record<string, string> = { eq: 'EQ', ne: 'NEQ', gt: 'GT', ge: 'GTE', lt: 'LT', le: 'LTE', in: 'IN' };
const NEGATED: Record<string, string> = { EQ: 'NEQ', NEQ: 'EQ', GT: 'LTE', GTE: 'LT', LT: 'GTE', LTE: 'GT', IN: 'NOT_IN', NOT_IN: 'IN', HAS_PROPERTY: 'NOT_HAS_PROPERTY', NOT_HAS_PROPERTY: 'HAS_PROPERTY' };

/**
 * A canonical filter as HubSpot search filter groups: the expression in disjunctive normal form
 * (groups are ORed, filters inside one ANDed), `not` pushed down to the conditions (De Morgan;
 * `eq`↔`NEQ`, `gt`↔`LTE`, `in`↔`NOT_IN`, `isNull`↔`HAS_PROPERTY`). Values go as HubSpot reads
 * them: date-times and dates in epoch milliseconds, booleans `true`/`false`. An operator outside
 * the manifest's, or an expression needing more groups or filters than search allows (leaving
 * room for the read's own two per group), is an {@link UnsupportedFilterError}.
 * https://developers.hubspot.com/docs/api/crm/search#filter-search-results
 *
 * @example
 * ```ts
 * toFilterGroups({ or: [{ field: 'plan', op: 'eq', value: 'basic' }, { field: 'seats', op: 'gt', value: 10 }] }, fields);
 * // [[{ propertyName: 'plan', operator: 'EQ', value: 'basic' }], [{ propertyName: 'seats', operator: 'GT', value: '10' }]]
 * ```
 */
export function toFilterGroups(filter: FilterExpr | undefined, fields: ReadonlyMap<string, CrmField>): FilterGroups {
  if (filter === undefined) return [];
  assertValidFilter(filter, { operators: HUBSPOT_FILTER_OPERATORS });
  const groups = dnf(filter, false, fields, '');
  const total = groups.reduce((n, g) => n + g.length + RESERVED_PER_GROUP, 0);
  if (groups.length > MAX_GROUPS || groups.some((g) => g.length + RESERVED_PER_GROUP > MAX_FILTERS_PER_GROUP) || total > MAX_FILTERS) {
    throw new UnsupportedFilterError(
      `The filter needs ${groups.length} OR-groups of up to ${Math.max(...groups.map((g) => g.length))} conditions; HubSpot search takes ${MAX_GROUPS} groups of ` +
        `${MAX_FILTERS_PER_GROUP - RESERVED_PER_GROUP} conditions (the read adds its own), ${MAX_FILTERS} filters in all`,
      { node: filter, path: '' },
    );
  }
  return groups;
}

function dnf(expr: FilterExpr, negate: boolean, fields: ReadonlyMap<string, CrmField>, path: string): FilterGroups {
  if ('and' in expr || 'or' in expr) {
    const isAnd = 'and' in expr !== negate; // De Morgan: not(and) = or(not…)
    const children = ('and' in expr ? expr.and : expr.or).map((child, i) => dnf(child, negate, fields, `${path}${path ? '.' : ''}${'and' in expr ? 'and' : 'or'}[${i}]`));
    if (!isAnd) return children.flat();
    return children.reduce<FilterGroups>((acc, groups) => acc.flatMap((a) => groups.map((g) => [...a, ...g])), [[]]);
  }
  if ('not' in expr) return dnf(expr.not, !negate, fields, `${path}${path ? '.' : ''}not`);
  return [[condition(expr, negate, fields, path)]];
}

function condition(node: FilterCondition, negate: boolean, fields: ReadonlyMap<string, CrmField>, path: string): SearchFilter {
  const field = fields.get(node.field);
  if (!field) throw new UnsupportedFilterError(`There is no property '${node.field}' to filter on`, { node, path });
  let filter: SearchFilter;
  if (node.op === 'isNull') filter = { propertyName: node.field, operator: node.value === false ? 'HAS_PROPERTY' : 'NOT_HAS_PROPERTY' };
  else if (node.op === 'in') filter = { propertyName: node.field, operator: 'IN', values: (node.value as unknown[]).map((v) => filterValue(field, v)) };
  else {
    const operator = OPERATOR[node.op];
    if (!operator) throw new UnsupportedFilterError(`HubSpot search cannot express '${node.op}' on '${node.field}'`, { node, path });
    filter = { propertyName: node.field, operator, value: filterValue(field, node.value) };
  }
  return negate ? { ...filter, operator: NEGATED[filter.operator] as string } : filter;
}

/**
 * A value as search filters take it.
 *
 * @example
 * ```ts
 * filterValue(renewalField, '2026-01-01T00:00:00.000Z'); // '1767225600000'
 * ```
 */
export function filterValue(field: CrmField, value: unknown): string {
  if (field.type === 'datetime') return String(Date.parse(String(value)));
  if (field.type === 'date') return String(Date.parse(`${String(value).slice(0, 10)}T00:00:00Z`));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
