import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { filterToSql, SqlParams } from './filter-sql';

const fields = new Map<string, CrmSchemaFieldEntity>(
  [
    ['Name', 'name', { kind: 'varchar', length: 80 }],
    ['Amount__c', 'amount_c', { kind: 'decimal', precision: 16, scale: 2 }],
    ['Features__c', 'features_c', { kind: 'json' }],
    ['Active__c', 'active_c', { kind: 'boolean' }],
  ].map(([name, column, columnType]) => [name as string, { fieldName: name, columnName: column, columnType } as unknown as CrmSchemaFieldEntity]),
);

describe(filterToSql.name, () => {
  it('binds every value and quotes every column (PostgreSQL)', () => {
    const params = new SqlParams('postgres');
    const sql = filterToSql(
      {
        or: [
          { and: [{ field: 'Name', op: 'startsWith', value: "O'Brien_%" }, { not: { field: 'Amount__c', op: 'gt', value: '10.5' } }] },
          { field: 'Features__c', op: 'contains', value: 'Sso' },
          { field: 'Name', op: 'in', value: ['a', 'b'] },
          { field: 'Active__c', op: 'isNull', value: false },
        ],
      },
      fields,
      params,
      'postgres',
    );
    expect(sql).toBe(
      `(("name" ILIKE $1 ESCAPE '\\' AND (NOT "amount_c" > $2)) OR "features_c" @> jsonb_build_array($3::text) OR "name" IN ($4, $5) OR "active_c" IS NOT NULL)`,
    );
    expect(params.values).toEqual(["O'Brien\\_\\%%", '10.5', 'Sso', 'a', 'b']);
  });

  it('compares decimals as numbers and booleans as 0/1 on SQLite', () => {
    const params = new SqlParams('sqlite');
    expect(filterToSql({ and: [{ field: 'Amount__c', op: 'ge', value: '9.99' }, { field: 'Active__c', op: 'eq', value: true }] }, fields, params, 'sqlite')).toBe(
      '(CAST("amount_c" AS REAL) >= ? AND "active_c" = ?)',
    );
    expect(params.values).toEqual(['9.99', 1]);
  });
});
