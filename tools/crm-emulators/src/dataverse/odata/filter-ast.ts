/** The `$filter` syntax tree (OData v4 URL conventions, the subset Dataverse documents in filter-rows.md). */

export type LiteralType = 'string' | 'number' | 'boolean' | 'null' | 'guid' | 'datetime' | 'date' | 'enum';

export interface Literal {
  type: LiteralType;
  /** string/guid/enum: the text; number: the number; datetime: epoch ms; date: `YYYY-MM-DD`; boolean; null. */
  value: string | number | boolean | null;
  raw: string;
}

export type Operand = { kind: 'property'; path: string[]; raw: string } | { kind: 'literal'; literal: Literal };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; operand: FilterNode }
  | { type: 'compare'; op: ComparisonOperator; left: Operand; right: Operand }
  /** contains / startswith / endswith (property, literal). */
  | { type: 'text'; fn: 'contains' | 'startswith' | 'endswith'; property: Operand; value: Operand }
  /** Microsoft.Dynamics.CRM.<Name>(PropertyName='x',PropertyValue(s)=…) query functions. */
  | { type: 'crm'; fn: string; params: Record<string, Literal | Literal[]> };
