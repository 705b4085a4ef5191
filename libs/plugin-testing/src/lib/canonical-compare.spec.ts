import type { CanonicalType, CrmField, CrmObject, SyncMessage } from '@crm-hub/plugin-sdk';
import { sameCanonicalValue, showValue, valueDifferences } from './canonical-compare';
import { valueProblems } from './rules/full-read.rule';

const field = (name: string, type: CanonicalType): CrmField => ({
  name,
  label: name,
  nativeType: 'x',
  type,
  nullable: true,
  createable: true,
  updateable: true,
  externalId: false,
  unique: false,
});

describe(sameCanonicalValue.name, () => {
  it.each<[CanonicalType | undefined, unknown, unknown]>([
    ['currency', '12.50', '12.5'],
    ['decimal', '0012.500', '12.5'],
    ['percent', '-0.0', '0'],
    ['decimal', 5, '5.00'],
    ['decimal', '12345678901234567890.10', '12345678901234567890.1'],
    ['datetime', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00+01:00'],
    ['datetime', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000+0000'],
    ['date', '2026-02-28', '2026-02-28'],
    ['time', '09:30', '09:30:00.000'],
    ['multi-enum', ['Gold', 'Silver'], ['Silver', 'Gold']],
    ['multi-enum', [], null],
    ['reference', 'systemuser:3f2c', '3f2c'],
    ['reference', 'Team:9a1e', 'team:9a1e'],
    ['address', { Street: '1 Main St' }, { Street: '1 Main St', City: null }],
    ['json', { a: [1, { b: null }] }, { a: [1, { b: null }] }],
    ['string', 'Ada', 'Ada'],
    ['string', null, null],
    [undefined, { x: 1 }, { x: 1 }],
  ])('%s: %j equals %j', (type, expected, actual) => {
    expect(sameCanonicalValue(type, expected, actual)).toBe(true);
  });

  it.each<[CanonicalType | undefined, unknown, unknown]>([
    ['currency', '12.50', '12.51'],
    ['currency', '12.5', 12.5000001],
    ['currency', 'abc', 'abc'],
    ['datetime', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.001Z'],
    ['datetime', '2026-01-01T10:00:00', '2026-01-01T10:00:00'], // no offset: no instant
    ['multi-enum', ['Gold'], ['Gold', 'Silver']],
    ['multi-enum', 'Gold', ['Gold']],
    ['reference', 'systemuser:3f2c', 'team:3f2c'],
    ['reference', '3f2c', '3f2d'],
    ['address', { Street: '1 Main St' }, { Street: '2 Main St' }],
    ['string', 'Ada', null],
    ['string', null, ''],
    ['string', 'Ada', undefined],
    ['boolean', true, 'true'],
    ['integer', 5, '5'],
    ['enum', '1', 1],
  ])('%s: %j differs from %j', (type, expected, actual) => {
    expect(sameCanonicalValue(type, expected, actual)).toBe(false);
  });

  it('takes the type from a field', () => {
    expect(sameCanonicalValue(field('Amount', 'currency'), '1.10', '1.1')).toBe(true);
    expect(sameCanonicalValue(field('Name', 'string'), '1.10', '1.1')).toBe(false);
  });
});

describe(valueDifferences.name, () => {
  it('names each field of the expected data the actual record does not hold', () => {
    const fields = new Map([['Amount', field('Amount', 'currency')]]);
    expect(
      valueDifferences({ Amount: '1.50', LastName: 'Ada', Email: 'a@x' }, { Amount: '1.5', LastName: 'Bob' }, fields, 'wrote', 'holds'),
    ).toEqual(['LastName: wrote "Ada", holds "Bob"', 'Email: wrote "a@x", holds <absent>']);
    expect(showValue('x'.repeat(100))).toHaveLength(78);
  });
});

describe(valueProblems.name, () => {
  const contact: CrmObject = {
    name: 'Contact',
    label: 'Contact',
    custom: false,
    idField: 'Id',
    incremental: 'delta',
    fields: [field('Id', 'id'), field('LastName', 'string'), field('Score', 'integer')],
  };
  const upsert = (data: Record<string, unknown>, partial?: boolean): SyncMessage => ({
    kind: 'upsert',
    object: 'Contact',
    id: 'c1',
    data: { Id: 'c1', ...data },
    ...(partial === undefined ? {} : { partial }),
  });
  const requested = ['LastName', 'Score'];

  it('lets an incremental upsert marked partial leave fields out, and only such an upsert', () => {
    expect(valueProblems([upsert({ Score: 2 }, true)], contact, requested, { partialAllowed: true })).toEqual([]);
    expect(valueProblems([upsert({ Score: 2 })], contact, requested, { partialAllowed: true })).toEqual([
      'record c1 lacks the requested field(s) LastName (an upsert carrying only some of the requested fields must say partial: true; a field read as empty is null)',
    ]);
  });

  it('wants every requested field in a full read, partial or not', () => {
    expect(valueProblems([upsert({ Score: 2 }, true)], contact, requested)).toEqual([
      'record c1 lacks the requested field(s) LastName (a full read carries every requested field, partial or not; a field read as empty is null, not absent)',
    ]);
    expect(valueProblems([upsert({ LastName: null, Score: 2 })], contact, requested)).toEqual([]);
  });
});
