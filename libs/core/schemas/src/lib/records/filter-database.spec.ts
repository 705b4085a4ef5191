import { buildDataSourceOptions, createDataTable, dialectOf, type HubColumnType, openDatabase, quoteIdentifier } from '@crm-hub/persistence';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import type { FilterExpr } from '@crm-hub/plugin-sdk';
import type { DataSource } from 'typeorm';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { filterToSql, SqlParams } from './filter-sql';
import { convertFilter } from './filter-values';
import { ensureSqliteFunctions } from './sqlite-functions';

const TABLE = 'crm_filter_test_subscription';
const types: Record<string, HubColumnType> = {
  Name: { kind: 'varchar', length: 80 },
  Count__c: { kind: 'integer' },
  Amount__c: { kind: 'decimal', precision: 16, scale: 2 },
  Big__c: { kind: 'decimal', precision: 22, scale: 2 },
  Active__c: { kind: 'boolean' },
  Start__c: { kind: 'date' },
  Renewal__c: { kind: 'timestamp' },
  At__c: { kind: 'time' },
  Features__c: { kind: 'json' },
};
const column = (field: string) => field.toLowerCase();
const fields = new Map(
  Object.entries(types).map(([name, columnType]) => [name, { fieldName: name, columnName: column(name), columnType } as unknown as CrmSchemaFieldEntity]),
);

// As other writers may leave them: a decimal with trailing zeros, an instant with an offset, a time without milliseconds.
const rows = [
  { crm_id: 'A', name: 'alpha', count__c: 5, amount__c: '10.50', big__c: '12345678901234567890.01', active__c: true, start__c: '2026-01-15', renewal__c: '2026-01-31T11:30:00+01:00', at__c: '09:30:00', features__c: ['Api', 'Sso'] },
  { crm_id: 'B', name: 'Beta', count__c: 10, amount__c: '9.99', big__c: '12345678901234567890.02', active__c: false, start__c: '2026-02-01', renewal__c: '2026-01-31T09:00:00.000Z', at__c: '10:15:30.500', features__c: { Sso: true } },
  { crm_id: 'C', name: null, count__c: null, amount__c: null, big__c: null, active__c: null, start__c: null, renewal__c: null, at__c: null, features__c: null },
];

/** Record-browsing filters against a real table: the same answers on SQLite and PostgreSQL (DATABASE_URL). */
describe('record filters on the database', () => {
  const db = createTestDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase(buildDataSourceOptions({ database: db.config, entities: [], migrations: [] }));
    const dialect = dialectOf(dataSource);
    if (db.config.kind === 'postgres' && db.config.schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(db.config.schema)}`);
    const runner = dataSource.createQueryRunner();
    await createDataTable(runner, dialect, TABLE, [...fields.values()].map((f) => ({ name: f.columnName as string, type: f.columnType as HubColumnType })));
    await runner.release();
    for (const row of rows) {
      const values = Object.values(row).map((v) =>
        v === null ? null : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' && dialect === 'sqlite' ? Number(v) : v,
      );
      const marks = values.map((_, i) => (dialect === 'postgres' ? `$${i + 1}` : '?'));
      await dataSource.query(
        `INSERT INTO ${TABLE} (${Object.keys(row).map(quoteIdentifier).join(', ')}, hub_updated_at) VALUES (${marks.join(', ')}, '2026-01-01T00:00:00.000Z')`,
        values,
      );
    }
    if (dialect === 'sqlite') ensureSqliteFunctions(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  async function ids(filter: FilterExpr): Promise<string[]> {
    const converted = convertFilter(filter, fields);
    expect(converted.problems).toEqual([]);
    const dialect = dialectOf(dataSource);
    const params = new SqlParams(dialect);
    const where = filterToSql(converted.filter, fields, params, dialect);
    const found = (await dataSource.query(`SELECT crm_id FROM ${TABLE} WHERE ${where} ORDER BY crm_id`, params.values)) as { crm_id: string }[];
    return found.map((r) => r.crm_id);
  }

  it.each<[string, FilterExpr, string[]]>([
    ['a decimal equal whatever its scale', { field: 'Amount__c', op: 'eq', value: '10.5' }, ['A']],
    ['decimals in a list, as numbers or text', { field: 'Amount__c', op: 'in', value: [10.5, '9.990'] }, ['A', 'B']],
    ['decimals ordered as numbers', { field: 'Amount__c', op: 'lt', value: '10' }, ['B']],
    ['decimals beyond a double, exactly', { field: 'Big__c', op: 'eq', value: '12345678901234567890.010' }, ['A']],
    ['decimals beyond a double, ordered', { field: 'Big__c', op: 'gt', value: '12345678901234567890.01' }, ['B']],
    ['an instant, whatever the offset it was written with', { field: 'Renewal__c', op: 'eq', value: '2026-01-31T10:30:00Z' }, ['A']],
    ['instants ordered as instants', { field: 'Renewal__c', op: 'gt', value: '2026-01-31T11:00:00+02:00' }, ['A']],
    ['times with or without milliseconds', { field: 'At__c', op: 'eq', value: '09:30' }, ['A']],
    ['times ordered', { field: 'At__c', op: 'ge', value: '10:15:30.5' }, ['B']],
    ['dates', { field: 'Start__c', op: 'ge', value: '2026-02-01' }, ['B']],
    ['booleans (NULL is neither)', { field: 'Active__c', op: 'ne', value: true }, ['B']],
    ['integers from text', { field: 'Count__c', op: 'in', value: ['5', 10] }, ['A', 'B']],
    ['text by code point ("B" < "a")', { field: 'Name', op: 'lt', value: 'a' }, ['B']],
    ['a multi-select holding a value (an object is not a list)', { field: 'Features__c', op: 'contains', value: 'Sso' }, ['A']],
    ['null', { field: 'Amount__c', op: 'isNull' }, ['C']],
    ['not null, negated', { not: { field: 'Start__c', op: 'isNull', value: false } }, ['C']],
  ])('%s', async (_case, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});
