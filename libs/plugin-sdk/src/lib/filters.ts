import { InvalidFilterError, UnsupportedFilterError } from './errors';

/**
 * Every filter operator of the contract. A plugin lists those it can push down to its CRM in
 * `capabilities.filterOperators`.
 *
 * @example
 * ```ts
 * const everything: FilterOperator[] = [...FILTER_OPERATORS];
 * ```
 */
export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'contains', 'startsWith', 'isNull'] as const;

/**
 * A comparison operator. `in` takes a non-empty array; `contains` and `startsWith` a string;
 * `isNull` takes `true` (default: is null) or `false` (is not null). On a multi-enum field,
 * `contains` means "has this value among its selections".
 *
 * @example
 * ```ts
 * const op: FilterOperator = 'startsWith';
 * ```
 */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * A scalar a comparison can hold: strings (also for dates, datetimes, decimals and enum values, in
 * their canonical form), numbers and booleans.
 *
 * @example
 * ```ts
 * const v: FilterValue = '2026-01-01T00:00:00.000Z';
 * ```
 */
export type FilterValue = string | number | boolean;

/**
 * One comparison of a field with a value.
 *
 * @example
 * ```ts
 * const c: FilterCondition = { field: 'Status', op: 'in', value: ['Open', 'Working'] };
 * ```
 */
export interface FilterCondition {
  field: string;
  op: FilterOperator;
  value?: unknown;
}

/**
 * A filter: conditions combined with `and`, `or` and `not`, to any depth.
 *
 * @example
 * ```ts
 * const filter: FilterExpr = {
 *   and: [
 *     { field: 'Country', op: 'eq', value: 'IT' },
 *     { or: [{ field: 'Email', op: 'isNull', value: false }, { not: { field: 'Phone', op: 'isNull' } }] },
 *   ],
 * };
 * ```
 */
export type FilterExpr = { and: FilterExpr[] } | { or: FilterExpr[] } | { not: FilterExpr } | FilterCondition;

/**
 * One thing wrong with a filter, located by its path (`and[1].or[0]`; empty for the root).
 *
 * @example
 * ```ts
 * const problem: FilterProblem = { path: 'and[0]', message: "operator 'like' is not one of eq, ne, …" };
 * ```
 */
export interface FilterProblem {
  path: string;
  message: string;
  /** True when the node is well-formed but its operator is not in the allowed list. */
  unsupported?: boolean;
  node?: unknown;
}

/**
 * Options of {@link validateFilter}.
 *
 * @example
 * ```ts
 * const options: FilterValidationOptions = { operators: ['eq', 'in'], fields: ['Status', 'Country'] };
 * ```
 */
export interface FilterValidationOptions {
  /** The operators allowed (e.g. a plugin's `filterOperators`); default: all of them. */
  operators?: readonly FilterOperator[];
  /** The field names allowed; default: any non-empty name. */
  fields?: readonly string[];
  /** The maximum nesting depth (default 32), against abusive inputs. */
  maxDepth?: number;
}

/**
 * Lists everything wrong with a filter (an empty list means it is valid). It never throws.
 *
 * @example
 * ```ts
 * const problems = validateFilter({ and: [] });
 * // [{ path: 'and', message: "'and' needs at least one filter" }]
 * ```
 */
export function validateFilter(expr: unknown, options: FilterValidationOptions = {}): FilterProblem[] {
  const problems: FilterProblem[] = [];
  visit(expr, '', 0, options, problems);
  return problems;
}

/**
 * Throws unless the filter is valid: {@link InvalidFilterError} for a malformed one,
 * {@link UnsupportedFilterError} (naming the node) for an operator outside `options.operators`.
 * Plugins call it at the top of `read()` with their own `filterOperators`.
 *
 * @example
 * ```ts
 * read(req: ReadRequest) {
 *   if (req.filter) assertValidFilter(req.filter, { operators: manifest.capabilities.filterOperators });
 *   // …
 * }
 * ```
 */
export function assertValidFilter(expr: unknown, options: FilterValidationOptions = {}): asserts expr is FilterExpr {
  const problems = validateFilter(expr, options);
  const malformed = problems.filter((p) => !p.unsupported);
  if (malformed.length) {
    throw new InvalidFilterError(`Invalid filter: ${malformed.map(formatProblem).join('; ')}`, { problems: malformed });
  }
  const unsupported = problems[0];
  if (unsupported) {
    throw new UnsupportedFilterError(`Unsupported filter: ${formatProblem(unsupported)}`, {
      node: unsupported.node as FilterExpr,
      path: unsupported.path,
    });
  }
}

/**
 * The field names a filter refers to, each once, in order of appearance.
 *
 * @example
 * ```ts
 * filterFields({ or: [{ field: 'A', op: 'eq', value: 1 }, { field: 'B', op: 'isNull' }] }); // ['A', 'B']
 * ```
 */
export function filterFields(expr: FilterExpr): string[] {
  const seen = new Set<string>();
  const walk = (e: FilterExpr): void => {
    if ('and' in e) e.and.forEach(walk);
    else if ('or' in e) e.or.forEach(walk);
    else if ('not' in e) walk(e.not);
    else seen.add(e.field);
  };
  walk(expr);
  return [...seen];
}

function formatProblem(p: FilterProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is FilterValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function visit(expr: unknown, path: string, depth: number, options: FilterValidationOptions, out: FilterProblem[]): void {
  if (depth > (options.maxDepth ?? 32)) {
    out.push({ path, message: `filter is nested deeper than ${options.maxDepth ?? 32} levels` });
    return;
  }
  if (!isPlainObject(expr)) {
    out.push({ path, message: 'a filter must be an object: {and: [...]}, {or: [...]}, {not: ...} or {field, op, value}' });
    return;
  }
  const keys = Object.keys(expr);
  for (const combinator of ['and', 'or'] as const) {
    if (combinator in expr) {
      if (keys.length !== 1) out.push({ path, message: `'${combinator}' must be the only key of its object` });
      const list = expr[combinator];
      if (!Array.isArray(list) || list.length === 0) {
        out.push({ path: join(path, combinator), message: `'${combinator}' needs at least one filter` });
        return;
      }
      list.forEach((child, i) => visit(child, `${join(path, combinator)}[${i}]`, depth + 1, options, out));
      return;
    }
  }
  if ('not' in expr) {
    if (keys.length !== 1) out.push({ path, message: `'not' must be the only key of its object` });
    visit(expr['not'], join(path, 'not'), depth + 1, options, out);
    return;
  }
  visitCondition(expr, path, options, out);
}

function visitCondition(
  expr: Record<string, unknown>,
  path: string,
  options: FilterValidationOptions,
  out: FilterProblem[],
): void {
  const { field, op, value } = expr;
  const extra = Object.keys(expr).filter((k) => !['field', 'op', 'value'].includes(k));
  if (extra.length) out.push({ path, message: `unknown key(s) ${extra.map((k) => `'${k}'`).join(', ')}` });
  if (typeof field !== 'string' || field.trim() === '') {
    out.push({ path, message: "'field' must be a non-empty string" });
  } else if (options.fields && !options.fields.includes(field)) {
    out.push({ path, message: `unknown field '${field}'` });
  }
  if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
    out.push({ path, message: `'op' must be one of ${FILTER_OPERATORS.join(', ')} (got ${JSON.stringify(op)})` });
    return;
  }
  const valueProblem = checkValue(op as FilterOperator, value);
  if (valueProblem) out.push({ path, message: valueProblem });
  if (options.operators && !options.operators.includes(op as FilterOperator)) {
    out.push({
      path,
      message: `operator '${op}' on field '${String(field)}' is not supported (supported: ${options.operators.join(', ') || 'none'})`,
      unsupported: true,
      node: expr,
    });
  }
}

function checkValue(op: FilterOperator, value: unknown): string | undefined {
  switch (op) {
    case 'isNull':
      return value === undefined || typeof value === 'boolean' ? undefined : "'isNull' takes true, false or no value";
    case 'in':
      if (!Array.isArray(value) || value.length === 0) return "'in' needs a non-empty array of values";
      return value.every(isScalar) ? undefined : "'in' values must be strings, numbers or booleans";
    case 'contains':
    case 'startsWith':
      return typeof value === 'string' && value !== '' ? undefined : `'${op}' needs a non-empty string value`;
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
        ? undefined
        : `'${op}' needs a string or number value`;
    default:
      if (value === null) return `'${op}' cannot compare with null; use {op: 'isNull'}`;
      return isScalar(value) ? undefined : `'${op}' needs a string, number or boolean value`;
  }
}
