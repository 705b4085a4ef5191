import { notEmulated } from '../errors';
import type { ComparisonOperator, FilterNode, Operand } from './filter-ast';

/**
 * `$filter` over metadata objects (EntityDefinitions, Attributes): properties are paths into the JSON
 * (`CanChangeTrackingBeEnabled/Value`), enum literals compare by name
 * (`Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'`), as query-metadata-web-api.md describes.
 */
export function evaluateJsonFilter(node: FilterNode, item: Record<string, unknown>): boolean {
  switch (node.type) {
    case 'and':
      return evaluateJsonFilter(node.left, item) && evaluateJsonFilter(node.right, item);
    case 'or':
      return evaluateJsonFilter(node.left, item) || evaluateJsonFilter(node.right, item);
    case 'not':
      return !evaluateJsonFilter(node.operand, item);
    case 'compare':
      return compare(node.op, valueOf(node.left, item), valueOf(node.right, item));
    case 'text': {
      const haystack = valueOf(node.property, item);
      const needle = valueOf(node.value, item);
      if (typeof haystack !== 'string' || typeof needle !== 'string') return false;
      if (node.fn === 'contains') return haystack.includes(needle);
      return node.fn === 'startswith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
    }
    case 'crm':
      throw notEmulated(`Microsoft.Dynamics.CRM.${node.fn} on metadata`);
  }
}

function valueOf(operand: Operand, item: Record<string, unknown>): unknown {
  if (operand.kind === 'literal') {
    const v = operand.literal.value;
    return typeof v === 'string' ? v.toLowerCase() : v;
  }
  let current: unknown = item;
  for (const segment of operand.path) {
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
  }
  if (current === undefined) return null;
  return typeof current === 'string' ? current.toLowerCase() : current;
}

function compare(op: ComparisonOperator, a: unknown, b: unknown): boolean {
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (a === null || b === null || typeof a !== typeof b) return false;
  const [x, y] = [a as number | string, b as number | string];
  return op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
}
