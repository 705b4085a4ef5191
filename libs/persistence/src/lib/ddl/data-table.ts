import type { QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../data-source';
import { type HubColumnType, sqlType } from './column-type';
import { assertGeneratedIdentifier, fitIdentifier } from './identifiers';
import type { SqlDialect } from './sql-dialect';
import { createChangeCounter, createChangeSeqIndex, installChangeCapture } from './change-capture';

/** A column of a generated CRM data table. */
export interface DataColumn {
  name: string;
  type: HubColumnType;
}

/** The hub's own columns, present in every generated table. */
export const HUB_COLUMN_NAMES = [
  'hub_id',
  'crm_id',
  'crm_modified_at',
  'hub_updated_at',
  'hub_origin',
  'hub_deleted_at',
  'hub_change_seq',
  'hub_sync_token',
] as const;

function hubColumnsSql(dialect: SqlDialect): string[] {
  const instant = dialect === 'postgres' ? 'timestamptz' : 'TEXT';
  return [
    dialect === 'postgres' ? '"hub_id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY' : '"hub_id" INTEGER PRIMARY KEY AUTOINCREMENT',
    // Unique but nullable: rows created in the hub have no CRM id until exported.
    `"crm_id" ${dialect === 'postgres' ? 'varchar(255)' : 'TEXT'} UNIQUE`,
    `"crm_modified_at" ${instant}`,
    `"hub_updated_at" ${instant} NOT NULL`,
    `"hub_origin" ${dialect === 'postgres' ? 'varchar(8)' : 'TEXT'} NOT NULL DEFAULT 'crm' CHECK ("hub_origin" IN ('crm', 'hub'))`,
    `"hub_deleted_at" ${instant}`,
    // Change capture (see change-capture.ts): the change number of the last change not made by the
    // sync engine, and the engine's own mark on the rows it writes.
    `"hub_change_seq" ${dialect === 'postgres' ? 'bigint' : 'INTEGER'}`,
    `"hub_sync_token" ${dialect === 'postgres' ? 'bigint' : 'INTEGER'}`,
  ];
}

/**
 * Creates a generated table: the hub's columns, one typed column per CRM field, the indexes
 * incremental sync needs (CRM modification time, hub update time) and the one export jobs read
 * changes by (`createChangeSeqIndex`), and change capture. Every identifier is checked and
 * quoted. Runs on the caller's query runner, so several tables can be created in one transaction.
 */
export async function createDataTable(runner: QueryRunner, dialect: SqlDialect, table: string, columns: DataColumn[]): Promise<void> {
  const name = quoteIdentifier(assertGeneratedIdentifier(table));
  const definitions = [...hubColumnsSql(dialect), ...columns.map((c) => columnSql(c, dialect))];
  await runner.query(`CREATE TABLE ${name} (\n  ${definitions.join(',\n  ')}\n)`);
  for (const [suffix, column] of [
    ['crm_modified_ix', 'crm_modified_at'],
    ['hub_updated_ix', 'hub_updated_at'],
  ] as const) {
    const index = quoteIdentifier(fitIdentifier(`${table}_${suffix}`));
    await runner.query(`CREATE INDEX ${index} ON ${name} (${quoteIdentifier(column)})`);
  }
  await createChangeSeqIndex(runner, table);
  await createChangeCounter(runner, dialect);
  await installChangeCapture(runner, dialect, table);
}

/** Adds a nullable column (existing rows get NULL). */
export async function addDataColumn(runner: QueryRunner, dialect: SqlDialect, table: string, column: DataColumn): Promise<void> {
  await runner.query(`ALTER TABLE ${quoteIdentifier(assertGeneratedIdentifier(table))} ADD COLUMN ${columnSql(column, dialect)}`);
}

/**
 * Widens a column's type (callers check `isSafeWidening` first). On SQLite the declared types are
 * already the widest (TEXT / INTEGER), so there is nothing to change.
 */
export async function widenDataColumn(runner: QueryRunner, dialect: SqlDialect, table: string, column: DataColumn): Promise<void> {
  if (dialect === 'sqlite') return;
  await runner.query(
    `ALTER TABLE ${quoteIdentifier(assertGeneratedIdentifier(table))} ALTER COLUMN ${quoteIdentifier(assertGeneratedIdentifier(column.name))} TYPE ${sqlType(column.type, dialect)}`,
  );
}

/** The columns a table has in the database, with their declared SQL types (lower case). */
export async function dataTableColumns(runner: QueryRunner, dialect: SqlDialect, table: string): Promise<{ name: string; sqlType: string }[]> {
  if (dialect === 'sqlite') {
    const rows = (await runner.query(`SELECT name, type FROM pragma_table_info(?)`, [table])) as { name: string; type: string }[];
    return rows.map((r) => ({ name: r.name, sqlType: r.type.toLowerCase() }));
  }
  const rows = (await runner.query(
    `SELECT column_name AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
      WHERE c.table_schema = current_schema() AND c.table_name = $1
      ORDER BY c.ordinal_position`,
    [table],
  )) as { name: string; type: string }[];
  return rows.map((r) => ({ name: r.name, sqlType: r.type.toLowerCase() }));
}

/** Every table of the hub's database (its schema, on PostgreSQL), to keep generated names clear of them. */
export async function existingTableNames(runner: QueryRunner, dialect: SqlDialect): Promise<string[]> {
  const rows = (await runner.query(
    dialect === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table'`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

function columnSql(column: DataColumn, dialect: SqlDialect): string {
  return `${quoteIdentifier(assertGeneratedIdentifier(column.name))} ${sqlType(column.type, dialect)}`;
}
