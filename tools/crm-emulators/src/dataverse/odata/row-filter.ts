import { notEmulated, querySyntaxError, unknownProperty } from '../errors';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import { isLookupValue, type StoredRow } from '../store/row-types';
import type { ComparisonOperator, FilterNode, Literal, Operand } from './filter-ast';
import { likeMatcher } from './like-pattern';
import { coerceLiteral, edmTypeOf, literalEdmType, OPERATOR_NAMES, type Comparable } from './literal-coercion';

/** SQL's three-valued logic: a comparison with a null column is neither true nor false. */
type Truth = boolean | null;
type Predicate = (row: StoredRow) => Truth;

/** Reads a column as a comparable value: text lowercased (the database collation ignores case). */
export function comparableGetter(attribute: AttributeDef): (row: StoredRow) => Comparable {
  const name = attribute.logicalName;
  switch (attribute.kind) {
    case 'String':
    case 'Memo':
      return (row) => {
        const v = row[name];
        return typeof v === 'string' ? v.toLowerCase() : null;
      };
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return (row) => {
        const v = row[name];
        return isLookupValue(v) ? v.id : null;
      };
    case 'MultiSelectPicklist':
      return (row) => {
        const v = row[name];
        return Array.isArray(v) ? v.join(',') : null;
      };
    default:
      return (row) => {
        const v = row[name];
        return v === undefined || isLookupValue(v) || Array.isArray(v) ? null : v;
      };
  }
}

const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

function compare(op: ComparisonOperator, a: Comparable, b: Comparable): Truth {
  if (b === null) {
    if (op === 'eq') return a === null;
    if (op === 'ne') return a !== null;
    return null;
  }
  if (a === null) return null;
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

/**
 * Compiles a `$filter` tree into a row predicate for one table, checking property names and literal
 * types as the service does (unknown property → 0x80060888; incompatible literal types → 400).
 */
export function compileRowFilter(node: FilterNode, table: TableDef, registry: MetadataRegistry): (row: StoredRow) => boolean {
  const compiler = new RowFilterCompiler(table, registry);
  const predicate = compiler.compile(node);
  return (row) => predicate(row) === true;
}

class RowFilterCompiler {
  constructor(
    private readonly table: TableDef,
    private readonly registry: MetadataRegistry,
  ) {}

  compile(node: FilterNode): Predicate {
    switch (node.type) {
      case 'and': {
        const [l, r] = [this.compile(node.left), this.compile(node.right)];
        return (row) => {
          const a = l(row);
          if (a === false) return false;
          const b = r(row);
          return b === false ? false : a === true && b === true ? true : null;
        };
      }
      case 'or': {
        const [l, r] = [this.compile(node.left), this.compile(node.right)];
        return (row) => {
          const a = l(row);
          if (a === true) return true;
          const b = r(row);
          return b === true ? true : a === false && b === false ? false : null;
        };
      }
      case 'not': {
        const inner = this.compile(node.operand);
        return (row) => {
          const v = inner(row);
          return v === null ? null : !v;
        };
      }
      case 'compare':
        return this.comparison(node.op, node.left, node.right);
      case 'text':
        return this.text(node.fn, node.property, node.value);
      case 'crm':
        return this.crmFunction(node.fn, node.params);
    }
  }

  private attribute(name: string): AttributeDef {
    const attribute = this.registry.byProperty(this.table, name);
    if (!attribute) throw unknownProperty(name, this.table.logicalName);
    return attribute;
  }

  private property(operand: Operand): AttributeDef {
    if (operand.kind !== 'property') throw querySyntaxError(`The left side of a comparison must be a property; found '${operand.literal.raw}'.`);
    if (operand.path.length > 1) throw notEmulated(`filtering on navigation paths ('${operand.raw}')`);
    return this.attribute(operand.raw);
  }

  private comparison(op: ComparisonOperator, left: Operand, right: Operand): Predicate {
    if (left.kind === 'literal' && right.kind === 'property') return this.comparison(FLIPPED[op], right, left);
    const attribute = this.property(left);
    const get = comparableGetter(attribute);
    if (right.kind === 'property') {
      const other = this.property(right);
      if (edmTypeOf(other) !== edmTypeOf(attribute)) {
        throw querySyntaxError(
          `A binary operator with incompatible types was detected. Found operand types '${edmTypeOf(attribute)}' and '${edmTypeOf(other)}' for operator kind '${OPERATOR_NAMES[op]}'.`,
        );
      }
      const getOther = comparableGetter(other);
      return (row) => compare(op, get(row), getOther(row));
    }
    const value = coerceLiteral(attribute, right.literal, op);
    return (row) => compare(op, get(row), value);
  }

  private text(fn: 'contains' | 'startswith' | 'endswith', propertyOperand: Operand, valueOperand: Operand): Predicate {
    const attribute = this.property(propertyOperand);
    if (attribute.kind !== 'String' && attribute.kind !== 'Memo') {
      throw querySyntaxError(`No function signature for the function with name '${fn}' matches the specified arguments. The function signatures considered are: ${fn}(Edm.String Nullable=true, Edm.String Nullable=true).`);
    }
    if (valueOperand.kind !== 'literal' || valueOperand.literal.type !== 'string') {
      throw querySyntaxError(`The second argument of '${fn}' must be a string literal.`);
    }
    const matches = likeMatcher(String(valueOperand.literal.value), fn);
    const get = comparableGetter(attribute);
    return (row) => {
      const v = get(row);
      return typeof v === 'string' ? matches(v) : null;
    };
  }

  private crmFunction(fn: string, params: Record<string, Literal | Literal[]>): Predicate {
    const nameParam = params['PropertyName'];
    if (!nameParam || Array.isArray(nameParam) || nameParam.type !== 'string') {
      throw querySyntaxError(`The function Microsoft.Dynamics.CRM.${fn} requires the parameter 'PropertyName'.`);
    }
    const attribute = this.attribute(String(nameParam.value));
    const values = params['PropertyValues'];
    const list = Array.isArray(values) ? values : values ? [values] : [];
    const stringsAsValues = (l: Literal): Literal => (l.type === 'string' ? reinterpret(attribute, l) : l);
    switch (fn) {
      case 'ContainValues':
      case 'DoesNotContainValues': {
        if (attribute.kind !== 'MultiSelectPicklist') throw querySyntaxError(`${fn} can only be used with a multi-select choice column; '${attribute.logicalName}' is ${literalEdmType(attribute)}.`);
        const wanted = new Set(list.map((l) => Number(l.value)));
        const contains = fn === 'ContainValues';
        return (row) => {
          const v = row[attribute.logicalName];
          const hit = Array.isArray(v) && v.some((x) => wanted.has(x));
          return contains ? hit : !hit;
        };
      }
      case 'In':
      case 'NotIn': {
        const get = comparableGetter(attribute);
        const accepted = new Set(list.map((l) => coerceLiteral(attribute, stringsAsValues(l), 'eq')));
        const isIn = fn === 'In';
        return (row) => {
          const v = get(row);
          if (v === null) return null;
          return accepted.has(v) === isIn;
        };
      }
      case 'Between':
      case 'NotBetween': {
        const [low, high] = list.map((l) => coerceLiteral(attribute, stringsAsValues(l), 'ge'));
        if (low === undefined || high === undefined) throw querySyntaxError(`${fn} needs two PropertyValues.`);
        const get = comparableGetter(attribute);
        const between = fn === 'Between';
        return (row) => {
          const v = get(row);
          if (v === null || low === null || high === null) return null;
          return (v >= low && v <= high) === between;
        };
      }
      default:
        throw notEmulated(`the query function Microsoft.Dynamics.CRM.${fn}`);
    }
  }
}

/** Query-function parameters arrive as strings ('1', '2026-01-01'); read them as the column's type. */
function reinterpret(attribute: AttributeDef, literal: Literal): Literal {
  const text = String(literal.value);
  switch (literalEdmType(attribute)) {
    case 'Edm.String':
      return literal;
    case 'Edm.Boolean':
      return { type: 'boolean', value: text === 'true' || text === '1', raw: text };
    case 'Edm.Guid':
      return { type: 'guid', value: text.toLowerCase(), raw: text };
    case 'Edm.Date':
      return { type: 'date', value: text.slice(0, 10), raw: text };
    case 'Edm.DateTimeOffset':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { type: 'date', value: text, raw: text } : { type: 'datetime', value: Date.parse(text), raw: text };
    default:
      return { type: 'number', value: Number(text), raw: text };
  }
}
