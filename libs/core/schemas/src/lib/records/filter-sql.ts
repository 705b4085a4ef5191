import { quoteIdentifier, type HubColumnType, type SqlDialect, type SqlParams } from '@crm-hub/persistence';
import type { FilterCondition, FilterExpr } from '@crm-hub/plugin-sdk';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { SQLITE_DECIMAL_CMP } from './sqlite-functions';

export { SqlParams } from '@crm-hub/persistence';

const COMPARISONS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
type Comparison = keyof typeof COMPARISONS;

/** PostgreSQL casts of bound values, so a parameter is never compared as text with a typed column. */
const PG_CASTS: Partial<Record<HubColumnType['kind'], string>> = {
  integer: '::bigint',
  decimal: '::numeric',
  date: '::date',
  timestamp: '::timestamptz',
  time: '::time',
  boolean: '::boolean',
};

/**
 * A canonical filter — validated against the schema's fields and converted to their types by
 * `convertFilter` — as an SQL condition on the generated table: quoted columns and bound values
 * only, never text from the request in the SQL. Each type compares the same way on both databases:
 * - decimals exactly (`numeric` on PostgreSQL; on SQLite, where they are text, by an exact
 *   comparison function: `"10.5"` equals a stored `10.50`);
 * - instants as instants (`timestamptz`; on SQLite the stored text normalised to UTC first);
 * - times normalised to `HH:mm:ss.sss`; dates as `YYYY-MM-DD`; booleans as 0/1 on SQLite;
 * - text by code point (PostgreSQL's `COLLATE "C"`, SQLite's binary order).
 */
export function filterToSql(expr: FilterExpr, fields: Map<string, CrmSchemaFieldEntity>, params: SqlParams, dialect: SqlDialect): string {
  if ('and' in expr) return `(${expr.and.map((e) => filterToSql(e, fields, params, dialect)).join(' AND ')})`;
  if ('or' in expr) return `(${expr.or.map((e) => filterToSql(e, fields, params, dialect)).join(' OR ')})`;
  if ('not' in expr) return `(NOT ${filterToSql(expr.not, fields, params, dialect)})`;
  const field = fields.get(expr.field) as CrmSchemaFieldEntity;
  return conditionToSql(expr, quoteIdentifier(field.columnName as string), field.columnType?.kind ?? 'text', params, dialect);
}

function conditionToSql(expr: FilterCondition, column: string, kind: HubColumnType['kind'], params: SqlParams, dialect: SqlDialect): string {
  switch (expr.op) {
    case 'isNull':
      return `${column} IS ${expr.value === false ? 'NOT ' : ''}NULL`;
    case 'contains':
      if (kind === 'json') {
        return dialect === 'postgres'
          ? `${column} @> jsonb_build_array(${params.add(String(expr.value))}::text)`
          : // json_type: an object's values are not selections (PostgreSQL's @> on an array agrees).
            `(json_type(${column}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ${params.add(String(expr.value))}))`;
      }
      return like(column, `%${escapeLike(String(expr.value))}%`, params, dialect);
    case 'startsWith':
      return like(column, `${escapeLike(String(expr.value))}%`, params, dialect);
    case 'in':
      if (dialect === 'sqlite' && kind === 'decimal') {
        return `(${(expr.value as unknown[]).map((v) => compare(column, 'eq', v, kind, params, dialect)).join(' OR ')})`;
      }
      return `${operand(column, kind, dialect)} IN (${(expr.value as unknown[]).map((v) => bound(v, kind, params, dialect)).join(', ')})`;
    default:
      return compare(column, expr.op, expr.value, kind, params, dialect);
  }
}

function compare(column: string, op: Comparison, value: unknown, kind: HubColumnType['kind'], params: SqlParams, dialect: SqlDialect): string {
  if (dialect === 'sqlite' && kind === 'decimal') return `${SQLITE_DECIMAL_CMP}(${column}, ${params.add(value)}) ${COMPARISONS[op]} 0`;
  const ordered = op !== 'eq' && op !== 'ne';
  const left = dialect === 'postgres' && ordered && (kind === 'text' || kind === 'varchar') ? `${column} COLLATE "C"` : operand(column, kind, dialect);
  return `${left} ${COMPARISONS[op]} ${bound(value, kind, params, dialect)}`;
}

/** The column as compared: on SQLite, instants and times are normalised text first. */
function operand(column: string, kind: HubColumnType['kind'], dialect: SqlDialect): string {
  if (dialect === 'postgres') return column;
  if (kind === 'timestamp') return `strftime('%Y-%m-%dT%H:%M:%fZ', ${column})`;
  if (kind === 'time') return `strftime('%H:%M:%f', ${column})`;
  return column;
}

function bound(value: unknown, kind: HubColumnType['kind'], params: SqlParams, dialect: SqlDialect): string {
  if (dialect === 'postgres') return `${params.add(value)}${PG_CASTS[kind] ?? ''}`;
  return params.add(kind === 'boolean' ? (value ? 1 : 0) : value);
}

/** Case-insensitive on both databases (SQLite's LIKE already is, for ASCII). */
function like(column: string, pattern: string, params: SqlParams, dialect: SqlDialect): string {
  return `${column} ${dialect === 'postgres' ? 'ILIKE' : 'LIKE'} ${params.add(pattern)} ESCAPE '\\'`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
