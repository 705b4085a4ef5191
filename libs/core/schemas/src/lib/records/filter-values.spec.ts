import type { HubColumnType } from '@crm-hub/persistence';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { convertFilter } from './filter-values';

const types: Record<string, HubColumnType> = {
  Name: { kind: 'varchar', length: 80 },
  Count__c: { kind: 'integer' },
  Amount__c: { kind: 'decimal', precision: 16, scale: 2 },
  Active__c: { kind: 'boolean' },
  Start__c: { kind: 'date' },
  Renewal__c: { kind: 'timestamp' },
  At__c: { kind: 'time' },
  Features__c: { kind: 'json' },
};
const fields = new Map(
  Object.entries(types).map(([name, columnType]) => [name, { fieldName: name, columnName: name.toLowerCase(), columnType } as unknown as CrmSchemaFieldEntity]),
);

describe(convertFilter.name, () => {
  it('converts every value to its column type', () => {
    const { filter, problems } = convertFilter(
      {
        and: [
          { field: 'Amount__c', op: 'eq', value: '10.50' },
          { field: 'Amount__c', op: 'in', value: [10.5, '1e2'] },
          { field: 'Count__c', op: 'ge', value: '42' },
          { field: 'Renewal__c', op: 'lt', value: '2026-01-31T10:30:00+01:00' },
          { field: 'At__c', op: 'gt', value: '09:30' },
          { field: 'Start__c', op: 'le', value: '2026-02-28' },
          { not: { field: 'Active__c', op: 'eq', value: true } },
          { field: 'Name', op: 'eq', value: 7 },
        ],
      },
      fields,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      and: [
        { field: 'Amount__c', op: 'eq', value: '10.50' },
        { field: 'Amount__c', op: 'in', value: ['10.5', '100'] },
        { field: 'Count__c', op: 'ge', value: 42 },
        { field: 'Renewal__c', op: 'lt', value: '2026-01-31T09:30:00.000Z' },
        { field: 'At__c', op: 'gt', value: '09:30:00.000' },
        { field: 'Start__c', op: 'le', value: '2026-02-28' },
        { not: { field: 'Active__c', op: 'eq', value: true } },
        { field: 'Name', op: 'eq', value: '7' },
      ],
    });
  });

  it('names each value that does not convert, by its path in the filter', () => {
    const { problems } = convertFilter(
      {
        or: [
          { field: 'Start__c', op: 'gt', value: 'not-a-date' },
          { field: 'Active__c', op: 'eq', value: 2 },
          { field: 'Count__c', op: 'in', value: [1, '0x10', 2.5] },
          { field: 'Amount__c', op: 'eq', value: '1e999999999' },
          { field: 'Renewal__c', op: 'ge', value: '2026-01-31' },
          { field: 'Start__c', op: 'eq', value: '2026-02-30' },
          { field: 'Name', op: 'eq', value: true },
        ],
      },
      fields,
    );
    expect(problems.map((p) => [p.path, p.message.split(',')[0]])).toEqual([
      ['or[0].value', '"not-a-date" is not a date YYYY-MM-DD'],
      ['or[1].value', '2 is not true or false'],
      ['or[2].value[1]', '"0x10" is not a whole number (e.g. 42 or "42")'],
      ['or[2].value[2]', '2.5 is not a whole number (e.g. 42 or "42")'],
      ['or[3].value', '"1e999999999" is not a decimal number (e.g. 10.5 or "10.50")'],
      ['or[4].value', '"2026-01-31" is not a date-time with its offset'],
      ['or[5].value', '"2026-02-30" is not a date YYYY-MM-DD'],
      ['or[6].value', 'true is not a string'],
    ]);
  });

  it('refuses a NUL character in any value (PostgreSQL cannot compare it)', () => {
    const { problems } = convertFilter(
      { and: [{ field: 'Name', op: 'eq', value: 'a\u0000' }, { field: 'Name', op: 'startsWith', value: '\u0000' }, { field: 'Name', op: 'in', value: ['ok', 'b\u0000'] }] },
      fields,
    );
    expect(problems.map((p) => p.path)).toEqual(['and[0].value', 'and[1].value', 'and[2].value[1]']);
  });

  it('refuses operators a type does not support', () => {
    const { problems } = convertFilter(
      {
        and: [
          { field: 'Amount__c', op: 'contains', value: '1' },
          { field: 'Active__c', op: 'gt', value: true },
          { field: 'Features__c', op: 'eq', value: 'Sso' },
          { field: 'Features__c', op: 'contains', value: 'Sso' },
        ],
      },
      fields,
    );
    expect(problems).toEqual([
      { path: 'and[0]', message: expect.stringMatching(/^operator 'contains' is not supported on field 'Amount__c' \(decimal\)/), unsupported: true },
      { path: 'and[1]', message: expect.stringMatching(/^operator 'gt' is not supported on field 'Active__c' \(boolean\); use one of eq, ne, in, isNull/), unsupported: true },
      { path: 'and[2]', message: expect.stringMatching(/^operator 'eq' is not supported on field 'Features__c' \(json\)/), unsupported: true },
    ]);
  });
});
