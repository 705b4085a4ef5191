import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { filterToSql, SqlParams } from './filter-sql';

const fields = new Map<string, CrmSchemaFieldEntity>(
  [
    ['Name', 'name', { kind: 'varchar', length: 80 }],
    ['Amount__c', 'amount_c', { kind: 'decimal', precision: 16, scale: 2 }],
    ['Features__c', 'features_c', { kind: 'json' }],
    ['Active__c', 'active_c', { kind: 'boolean' }],
    ['Renewal__c', 'renewal_c', { kind: 'timestamp' }],
    ['At__c', 'at_c', { kind: 'time' }],
  ].map(([name, column, columnType]) => [name as string, { fieldName: name, columnName: column, columnType } as unknown as CrmSchemaFieldEntity]),
);

describe(filterToSql.name, () => {
  it('binds every value with its type and quotes every column (PostgreSQL)', () => {
    const params = new SqlParams('postgres');
    const sql = filterToSql(
      {
        or: [
          { and: [{ field: 'Name', op: 'startsWith', value: "O'Brien_%" }, { not: { field: 'Amount__c', op: 'gt', value: '10.5' } }] },
          { field: 'Features__c', op: 'contains', value: 'Sso' },
          { field: 'Name', op: 'in', value: ['a', 'b'] },
          { field: 'Active__c', op: 'isNull', value: false },
          { field: 'Name', op: 'ge', value: 'M' },
          { field: 'Renewal__c', op: 'lt', value: '2026-01-31T09:30:00.000Z' },
        ],
      },
      fields,
      params,
      'postgres',
    );
    expect(sql).toBe(
      `(("name" ILIKE $1 ESCAPE '\\' AND (NOT "amount_c" > $2::numeric)) OR "features_c" @> jsonb_build_array($3::text) OR "name" IN ($4, $5) ` +
        `OR "active_c" IS NOT NULL OR "name" COLLATE "C" >= $6 OR "renewal_c" < $7::timestamptz)`,
    );
    expect(params.values).toEqual(["O'Brien\\_\\%%", '10.5', 'Sso', 'a', 'b', 'M', '2026-01-31T09:30:00.000Z']);
  });

  it('compares decimals exactly, instants and times normalised, booleans as 0/1 on SQLite', () => {
    const params = new SqlParams('sqlite');
    const sql = filterToSql(
      {
        and: [
          { field: 'Amount__c', op: 'ge', value: '9.99' },
          { field: 'Amount__c', op: 'in', value: ['1', '2.5'] },
          { field: 'Active__c', op: 'eq', value: true },
          { field: 'Renewal__c', op: 'eq', value: '2026-01-31T09:30:00.000Z' },
          { field: 'At__c', op: 'lt', value: '10:00:00.000' },
          { field: 'Features__c', op: 'contains', value: 'Api' },
        ],
      },
      fields,
      params,
      'sqlite',
    );
    expect(sql).toBe(
      `(crm_hub_decimal_cmp("amount_c", ?) >= 0 AND (crm_hub_decimal_cmp("amount_c", ?) = 0 OR crm_hub_decimal_cmp("amount_c", ?) = 0) AND "active_c" = ? ` +
        `AND strftime('%Y-%m-%dT%H:%M:%fZ', "renewal_c") = ? AND strftime('%H:%M:%f', "at_c") < ? ` +
        `AND (json_type("features_c") = 'array' AND EXISTS (SELECT 1 FROM json_each("features_c") WHERE json_each.value = ?)))`,
    );
    expect(params.values).toEqual(['9.99', '1', '2.5', 1, '2026-01-31T09:30:00.000Z', '10:00:00.000', 'Api']);
  });
});
