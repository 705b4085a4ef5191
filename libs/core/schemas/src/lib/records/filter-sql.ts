import { quoteIdentifier, type SqlDialect } from '@crm-hub/persistence';
import type { FilterExpr } from '@crm-hub/plugin-sdk';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';

/** Collects bound parameters and writes the dialect's placeholders (`?` or `$n`). */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
}

const COMPARISONS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/**
 * A canonical filter (already validated against the schema's fields) as an SQL condition on the
 * generated table: quoted columns and bound values only, never text from the request in the SQL.
 */
export function filterToSql(expr: FilterExpr, fields: Map<string, CrmSchemaFieldEntity>, params: SqlParams, dialect: SqlDialect): string {
  if ('and' in expr) return `(${expr.and.map((e) => filterToSql(e, fields, params, dialect)).join(' AND ')})`;
  if ('or' in expr) return `(${expr.or.map((e) => filterToSql(e, fields, params, dialect)).join(' OR ')})`;
  if ('not' in expr) return `(NOT ${filterToSql(expr.not, fields, params, dialect)})`;
  const field = fields.get(expr.field) as CrmSchemaFieldEntity;
  const column = quoteIdentifier(field.columnName as string);
  const kind = field.columnType?.kind;
  const value = (v: unknown) => params.add(kind === 'boolean' && dialect === 'sqlite' ? (v ? 1 : 0) : v);
  // SQLite keeps decimals as exact text: order them as numbers for comparisons.
  const numeric = dialect === 'sqlite' && kind === 'decimal' ? `CAST(${column} AS REAL)` : column;
  switch (expr.op) {
    case 'isNull':
      return `${column} IS ${expr.value === false ? 'NOT ' : ''}NULL`;
    case 'in':
      return `${column} IN (${(expr.value as unknown[]).map((v) => value(v)).join(', ')})`;
    case 'contains':
      if (kind === 'json') {
        return dialect === 'postgres'
          ? `${column} @> jsonb_build_array(${params.add(String(expr.value))}::text)`
          : `EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ${params.add(String(expr.value))})`;
      }
      return like(column, `%${escapeLike(String(expr.value))}%`, params, dialect);
    case 'startsWith':
      return like(column, `${escapeLike(String(expr.value))}%`, params, dialect);
    default:
      return `${['gt', 'ge', 'lt', 'le'].includes(expr.op) ? numeric : column} ${COMPARISONS[expr.op]} ${value(expr.value)}`;
  }
}

/** Case-insensitive on both databases (SQLite's LIKE already is, for ASCII). */
function like(column: string, pattern: string, params: SqlParams, dialect: SqlDialect): string {
  return `${column} ${dialect === 'postgres' ? 'ILIKE' : 'LIKE'} ${params.add(pattern)} ESCAPE '\\'`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
