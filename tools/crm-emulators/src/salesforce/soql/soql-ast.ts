/** The part of SOQL the emulator understands, as parsed (names not yet resolved against the describe). */

export interface FieldPath {
  parts: string[];
  pos: number;
}

export type Literal =
  | { kind: 'string'; value: string; raw: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'date'; value: string; pos: number }
  | { kind: 'datetime'; value: string; pos: number }
  /** TODAY, LAST_N_DAYS:n… */
  | { kind: 'dateLiteral'; name: string; n?: number; pos: number };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'not in' | 'includes' | 'excludes';

export interface Comparison {
  kind: 'cmp';
  path: FieldPath;
  op: ComparisonOp;
  /** A list for IN / NOT IN / INCLUDES / EXCLUDES. */
  value: Literal | Literal[];
  pos: number;
}

export type Condition = Comparison | { kind: 'and' | 'or'; items: Condition[] } | { kind: 'not'; item: Condition };

export interface OrderItem {
  path: FieldPath;
  desc: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  /** Empty for `SELECT COUNT()`. */
  fields: FieldPath[];
  countOnly: boolean;
  from: { name: string; pos: number };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
