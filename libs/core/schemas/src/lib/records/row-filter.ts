import { dialectOf, type SqlParams } from '@crm-hub/persistence';
import type { FilterExpr } from '@crm-hub/plugin-sdk';
import type { DataSource } from 'typeorm';
import type { CrmSchemaEntity } from '../crm-schema.entity';
import { filterToSql } from './filter-sql';
import { convertFilter } from './filter-values';
import { ensureSqliteFunctions } from './sqlite-functions';

/**
 * A filter on a schema's CRM field names as an SQL condition on its table's rows — the same
 * translation as record browsing (values converted to the columns' types, identical answers on
 * SQLite and PostgreSQL). Delete jobs choose rows with it. A filter the columns' types refuse
 * throws (jobs are checked when saved, so that means the schema changed since).
 *
 * @example
 * ```ts
 * const where = rowFilterSql(dataSource, schema, job.filter, params);
 * ```
 */
export function rowFilterSql(dataSource: DataSource, schema: CrmSchemaEntity, filter: FilterExpr | null, params: SqlParams): string {
  if (!filter) return '1 = 1';
  const dialect = dialectOf(dataSource);
  if (dialect === 'sqlite') ensureSqliteFunctions(dataSource);
  const fields = new Map(schema.fields.filter((f) => f.columnName).map((f) => [f.fieldName, f]));
  const converted = convertFilter(filter, fields);
  if (converted.problems.length) {
    throw new Error(`The filter no longer fits schema ${schema.objectName}: ${converted.problems.map((p) => p.message).join('; ')}`);
  }
  return filterToSql(converted.filter, fields, params, dialect);
}
