import { InvalidFilterError, UnsupportedFilterError, type FilterCondition, type FilterExpr } from '@crm-hub/plugin-sdk';
import type { AttributeInfo } from '../metadata/table-info';
import {
  integerLiteral,
  likeLiteral,
  LiteralError,
  scalarLiteral,
  stringLiteral,
} from './literals';

/**
 * Above this many values an `in` uses the `Microsoft.Dynamics.CRM.In` query function instead of
 * `eq … or eq …`, keeping the URL well under Dataverse's limit for long id lists.
 */
export const IN_FUNCTION_THRESHOLD = 25;

const COMPARISONS = { eq: 'eq', ne: 'ne', gt: 'gt', ge: 'ge', lt: 'lt', le: 'le' } as const;
const ORDERED: AttributeInfo['kind'][] = ['string', 'memo', 'integer', 'bigint', 'decimal', 'money', 'double', 'datetime', 'enum', 'id', 'lookup'];

/**
 * Translates a contract filter (validated beforehand with `assertValidFilter`) into a Dataverse
 * `$filter`, with literals typed by the column: strings quoted with `''` escaping, GUIDs and
 * lookups (`_x_value`) bare, option values as integers, dates and date-times in v4 form, exact
 * decimals, booleans. `contains`/`startsWith` become `contains()`/`startswith()` with the LIKE
 * wildcards escaped; on a multi-select column `contains` (and `in`) become
 * `Microsoft.Dynamics.CRM.ContainValues` (has any of the values). A value that does not fit the
 * column throws {@link InvalidFilterError}; an operator the column cannot take (ordering a
 * boolean, `startsWith` on a number…) throws {@link UnsupportedFilterError} naming the node.
 *
 * @example
 * ```ts
 * buildFilter({ and: [{ field: 'lastname', op: 'eq', value: "O'Neil" }, { field: 'statecode', op: 'in', value: ['0', '1'] }] }, resolve);
 * // "(lastname eq 'O''Neil' and (statecode eq 0 or statecode eq 1))"
 * ```
 */
export function buildFilter(expr: FilterExpr, resolve: (field: string) => AttributeInfo | undefined): string {
  return visit(expr, '', resolve);
}

function visit(expr: FilterExpr, path: string, resolve: (field: string) => AttributeInfo | undefined): string {
  if ('and' in expr) return group(expr.and, 'and', path, resolve);
  if ('or' in expr) return group(expr.or, 'or', path, resolve);
  if ('not' in expr) return `not (${visit(expr.not, join(path, 'not'), resolve)})`;
  const attribute = resolve(expr.field);
  if (!attribute) throw invalid(`unknown field '${expr.field}'`, path);
  try {
    return condition(expr, attribute, path);
  } catch (error) {
    if (error instanceof LiteralError) throw invalid(`${error.message} (field '${expr.field}')`, path);
    throw error;
  }
}

function group(items: FilterExpr[], op: 'and' | 'or', path: string, resolve: (field: string) => AttributeInfo | undefined): string {
  const parts = items.map((item, i) => visit(item, `${join(path, op)}[${i}]`, resolve));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(` ${op} `)})`;
}

function condition(node: FilterCondition, a: AttributeInfo, path: string): string {
  const p = a.property;
  switch (node.op) {
    case 'isNull':
      return node.value === false ? `${p} ne null` : `${p} eq null`;
    case 'contains':
      if (a.kind === 'multi-enum') return containValues(a, [node.value]);
      requireText(node, a, path);
      return `contains(${p},${likeLiteral(String(node.value))})`;
    case 'startsWith':
      requireText(node, a, path);
      return `startswith(${p},${likeLiteral(String(node.value))})`;
    case 'in': {
      const values = node.value as unknown[];
      if (a.kind === 'multi-enum') return containValues(a, values);
      if (values.length > IN_FUNCTION_THRESHOLD) {
        const list = values.map((v) => stringLiteral(bare(literal(a, v, node, path))));
        return `Microsoft.Dynamics.CRM.In(PropertyName=${stringLiteral(p)},PropertyValues=[${list.join(',')}])`;
      }
      const parts = values.map((v) => `${p} eq ${literal(a, v, node, path)}`);
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
    }
    default: {
      const op = COMPARISONS[node.op];
      if (op !== 'eq' && op !== 'ne' && !ORDERED.includes(a.kind)) throw unsupported(node, a, path);
      return `${p} ${op} ${literal(a, node.value, node, path)}`;
    }
  }
}

/** The literal of one value for the column's kind. */
function literal(a: AttributeInfo, value: unknown, node: FilterCondition, path: string): string {
  const scalar = scalarLiteral(a.kind, value);
  if (scalar !== undefined) return scalar;
  if (a.kind === 'multi-enum') {
    // eq/ne compare the whole selection, which Dataverse stores as "1,9".
    if (typeof value !== 'string' && typeof value !== 'number') throw new LiteralError(`${JSON.stringify(value)} is not an option value`);
    return stringLiteral(String(value));
  }
  throw unsupported(node, a, path);
}

// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/containvalues
function containValues(a: AttributeInfo, values: unknown[]): string {
  const list = values.map((v) => stringLiteral(integerLiteral(v)));
  return `Microsoft.Dynamics.CRM.ContainValues(PropertyName=${stringLiteral(a.logicalName)},PropertyValues=[${list.join(',')}])`;
}

function requireText(node: FilterCondition, a: AttributeInfo, path: string): void {
  if (a.kind !== 'string' && a.kind !== 'memo') throw unsupported(node, a, path);
}

/** A literal's text without quotes, for the string-typed PropertyValues of query functions. */
function bare(literalText: string): string {
  return literalText.startsWith("'") ? literalText.slice(1, -1).replace(/''/g, "'") : literalText;
}

function unsupported(node: FilterCondition, a: AttributeInfo, path: string): UnsupportedFilterError {
  return new UnsupportedFilterError(`Unsupported filter: operator '${node.op}' cannot be used on ${a.nativeType} column '${node.field}'`, {
    node,
    path,
  });
}

function invalid(message: string, path: string): InvalidFilterError {
  return new InvalidFilterError(`Invalid filter: ${path ? `${path}: ` : ''}${message}`, { problems: [{ path, message }] });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
