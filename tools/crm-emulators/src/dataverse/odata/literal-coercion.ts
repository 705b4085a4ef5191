import { querySyntaxError } from '../errors';
import type { AttributeDef } from '../metadata/metadata-types';
import type { ComparisonOperator, Literal } from './filter-ast';

export type Comparable = string | number | boolean | null;

export const OPERATOR_NAMES: Record<ComparisonOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

/** The EDM type a column has in the CSDL document (multi-select choices are Edm.String there). */
export function edmTypeOf(attribute: AttributeDef): string {
  switch (attribute.kind) {
    case 'String':
    case 'Memo':
    case 'MultiSelectPicklist':
    case 'EntityName':
    case 'Virtual':
      return 'Edm.String';
    case 'Integer':
    case 'Picklist':
    case 'State':
    case 'Status':
      return 'Edm.Int32';
    case 'BigInt':
      return 'Edm.Int64';
    case 'Decimal':
    case 'Money':
      return 'Edm.Decimal';
    case 'Double':
      return 'Edm.Double';
    case 'Boolean':
      return 'Edm.Boolean';
    case 'DateTime':
      return attribute.dateBehavior === 'DateOnly' ? 'Edm.Date' : 'Edm.DateTimeOffset';
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Customer':
    case 'Owner':
    case 'File':
      // A file column's value is the id of the file the platform stores apart (file-column-data.md).
      return 'Edm.Guid';
    case 'Image':
      return 'Edm.Binary';
    case 'ManagedProperty':
      return 'Microsoft.Dynamics.CRM.BooleanManagedProperty';
    case 'PartyList':
      return 'Collection(Microsoft.Dynamics.CRM.activityparty)';
  }
}

export const literalEdmType = edmTypeOf;

function typeOfLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
    case 'enum':
      return 'Edm.String';
    case 'number':
      return Number.isInteger(literal.value) ? 'Edm.Int32' : 'Edm.Decimal';
    case 'boolean':
      return 'Edm.Boolean';
    case 'guid':
      return 'Edm.Guid';
    case 'datetime':
      return 'Edm.DateTimeOffset';
    case 'date':
      return 'Edm.Date';
    case 'null':
      return 'null';
  }
}

/** Turns a literal into the comparable form of the column, or fails like the OData parser does. */
export function coerceLiteral(attribute: AttributeDef, literal: Literal, op: ComparisonOperator): Comparable {
  if (literal.type === 'null') return null;
  const edm = edmTypeOf(attribute);
  const mismatch = (): Error =>
    querySyntaxError(
      `A binary operator with incompatible types was detected. Found operand types '${edm}' and '${typeOfLiteral(literal)}' for operator kind '${OPERATOR_NAMES[op]}'.`,
    );
  switch (edm) {
    case 'Edm.String':
      if (literal.type !== 'string') throw mismatch();
      return String(literal.value).toLowerCase();
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
      if (literal.type !== 'number') throw mismatch();
      return literal.value as number;
    case 'Edm.Boolean':
      if (literal.type !== 'boolean') throw mismatch();
      return literal.value as boolean;
    case 'Edm.Guid':
      if (literal.type !== 'guid') throw mismatch();
      return literal.value as string;
    case 'Edm.Date':
      if (literal.type === 'date') return literal.value as string;
      if (literal.type === 'datetime') return new Date(literal.value as number).toISOString().slice(0, 10);
      throw mismatch();
    default:
      if (literal.type === 'datetime') return literal.value as number;
      if (literal.type === 'date') return Date.parse(`${String(literal.value)}T00:00:00Z`);
      throw mismatch();
  }
}
