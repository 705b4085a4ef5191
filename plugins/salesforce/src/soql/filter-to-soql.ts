import {
  CanonicalValueError,
  InvalidFilterError,
  UnsupportedFilterError,
  parseReference,
  type FilterCondition,
  type FilterExpr,
  type FilterOperator,
} from '@crm-hub/plugin-sdk';
import type { SfField } from '../describe/describe-types';
import type { ObjectModel } from '../describe/object-model';
import { soqlDate, soqlDateTime, soqlLikePattern, soqlNumber, soqlString, soqlTime } from './soql-literals';

/** How a family of Salesforce field types is filtered. */
interface Family {
  ops: readonly FilterOperator[];
  literal: (value: unknown) => string;
}

const COMPARE: readonly FilterOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'isNull'];

function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new CanonicalValueError('a string', value);
}

function asBoolean(value: unknown): string {
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  throw new CanonicalValueError('a boolean', value);
}

function asNumber(value: unknown): string {
  if (typeof value !== 'number' && typeof value !== 'string') throw new CanonicalValueError('a number', value);
  return soqlNumber(value);
}

const text: Family = { ops: [...COMPARE, 'contains', 'startsWith'], literal: (v) => soqlString(asString(v)) };
const FAMILIES: Record<string, Family> = {
  string: text,
  textarea: text,
  email: text,
  phone: text,
  url: text,
  combobox: text,
  encryptedstring: text,
  // Ordering picklist values compares API names alphabetically, which is never what a filter means.
  picklist: { ops: ['eq', 'ne', 'in', 'isNull', 'contains', 'startsWith'], literal: text.literal },
  multipicklist: { ops: ['eq', 'ne', 'in', 'contains', 'isNull'], literal: text.literal },
  id: { ops: COMPARE, literal: text.literal },
  // "<Target>:<id>" (a polymorphic value as reads emit it) compares on the bare id Salesforce stores.
  reference: { ops: COMPARE, literal: (v) => soqlString(parseReference(asString(v)).id) },
  boolean: { ops: ['eq', 'ne', 'isNull'], literal: asBoolean },
  int: { ops: COMPARE, literal: asNumber },
  long: { ops: COMPARE, literal: asNumber },
  double: { ops: COMPARE, literal: asNumber },
  currency: { ops: COMPARE, literal: asNumber },
  percent: { ops: COMPARE, literal: asNumber },
  date: { ops: COMPARE, literal: (v) => soqlDate(asString(v)) },
  datetime: { ops: COMPARE, literal: (v) => soqlDateTime(asString(v)) },
  time: { ops: COMPARE, literal: (v) => soqlTime(asString(v)) },
};

const OPERATORS: Partial<Record<FilterOperator, string>> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function unsupported(node: FilterExpr, path: string, why: string): UnsupportedFilterError {
  return new UnsupportedFilterError(`Unsupported filter${path ? ` at ${path}` : ''}: ${why}`, { node, path });
}

function multiSelectItems(node: FilterCondition, path: string, values: unknown[]): string {
  return values
    .map((v) => {
      const item = asString(v);
      // In INCLUDES, 'a;b' means "a and b selected": a ';' in a value would change the question.
      if (item.includes(';')) throw unsupported(node, path, `multi-select value ${JSON.stringify(item)} contains ';'`);
      return soqlString(item);
    })
    .join(', ');
}

function condition(node: FilterCondition, model: ObjectModel, path: string): string {
  const field: SfField = model.field(node.field);
  const family = FAMILIES[field.type];
  if (!family || field.filterable === false) {
    throw unsupported(node, path, `field '${field.name}' (${field.type}) cannot be filtered on in SOQL`);
  }
  if (!family.ops.includes(node.op)) {
    throw unsupported(node, path, `operator '${node.op}' is not supported on field '${field.name}' (${field.type})`);
  }
  const name = field.name;
  const multi = field.type === 'multipicklist';
  switch (node.op) {
    case 'isNull':
      return node.value === false ? `${name} != null` : `${name} = null`;
    case 'in': {
      const values = node.value as unknown[];
      if (multi) return `${name} INCLUDES (${multiSelectItems(node, path, values)})`;
      return `${name} IN (${values.map((v) => family.literal(v)).join(', ')})`;
    }
    case 'contains':
      if (multi) return `${name} INCLUDES (${multiSelectItems(node, path, [node.value])})`;
      return `${name} LIKE ${soqlLikePattern(asString(node.value), '%', '%')}`;
    case 'startsWith':
      return `${name} LIKE ${soqlLikePattern(asString(node.value), '', '%')}`;
    default:
      return `${name} ${OPERATORS[node.op] as string} ${family.literal(node.value)}`;
  }
}

function translate(expr: FilterExpr, model: ObjectModel, path: string): string {
  if ('and' in expr) return `(${expr.and.map((e, i) => translate(e, model, `${join(path, 'and')}[${i}]`)).join(' AND ')})`;
  if ('or' in expr) return `(${expr.or.map((e, i) => translate(e, model, `${join(path, 'or')}[${i}]`)).join(' OR ')})`;
  if ('not' in expr) return `(NOT ${translate(expr.not, model, join(path, 'not'))})`;
  try {
    return condition(expr, model, path);
  } catch (err) {
    // CanonicalValueError (and the control-character refusal) are TypeErrors; CRM errors are not.
    if (!(err instanceof TypeError)) throw err;
    const message = `${expr.field}: ${err.message}`;
    throw new InvalidFilterError(`Invalid filter${path ? ` at ${path}` : ''}: ${message}`, { problems: [{ path, message }] });
  }
}

/**
 * A (validated) filter as a SOQL condition on the object's fields. Every contract operator maps
 * to SOQL: `eq`/`ne`/`gt`/`ge`/`lt`/`le` to `= != > >= < <=`, `in` to `IN (…)`, `isNull` to
 * `= null` / `!= null`, `contains`/`startsWith` to `LIKE '%x%'` / `LIKE 'x%'` with `%` and `_`
 * escaped, and `and`/`or`/`not` to parenthesised `AND`/`OR`/`NOT` (SOQL needs the parentheses
 * when they are mixed). Literals follow the field's type: strings quoted and escaped; numbers,
 * booleans, dates and datetimes bare.
 *
 * Multi-select picklists: `eq` is the exact set (`= 'a;b'`), `contains` is `INCLUDES ('x')`,
 * `in` is `INCLUDES ('a', 'b')` (any of them). A combination SOQL cannot express (LIKE on a
 * number, ordering a picklist or boolean, anything on a long text area or compound field) is an
 * `UnsupportedFilterError` naming the node and its path; an unknown field is `CrmNotFoundError`;
 * a value that does not fit the field (`'abc'` for a number) is `InvalidFilterError`.
 *
 * @example
 * ```ts
 * filterToSoql({ or: [{ field: 'LastName', op: 'startsWith', value: "O'B" }, { field: 'Tier__c', op: 'in', value: ['Gold'] }] }, model);
 * // "(LastName LIKE 'O\\'B%' OR Tier__c IN ('Gold'))"
 * ```
 */
export function filterToSoql(expr: FilterExpr, model: ObjectModel): string {
  return translate(expr, model, '');
}
