import type { CrmField, FilterExpr } from '@crm-hub/plugin-sdk';
import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';
import { toFilterGroups } from './search-filter';

const fields = new Map<string, CrmField>(
  (
    [
      ['plan', 'enum'],
      ['seats', 'decimal'],
      ['renewal_at', 'datetime'],
      ['start_date', 'date'],
      ['active', 'boolean'],
      ['notes', 'text'],
    ] as const
  ).map(([name, type]) => [name, { name, label: name, nativeType: '', type, nullable: true, createable: true, updateable: true, externalId: false, unique: false }]),
);

describe(toFilterGroups.name, () => {
  it('turns AND/OR/NOT into OR-groups of AND-filters, with values as search takes them', () => {
    const filter: FilterExpr = {
      and: [
        { or: [{ field: 'plan', op: 'eq', value: 'basic' }, { field: 'seats', op: 'ge', value: 10 }] },
        { not: { or: [{ field: 'active', op: 'eq', value: false }, { field: 'notes', op: 'isNull', value: true }] } },
        { field: 'renewal_at', op: 'lt', value: '2026-01-01T00:00:00.000Z' },
      ],
    };
    const rest = [
      { propertyName: 'active', operator: 'NEQ', value: 'false' },
      { propertyName: 'notes', operator: 'HAS_PROPERTY' },
      { propertyName: 'renewal_at', operator: 'LT', value: String(Date.parse('2026-01-01T00:00:00.000Z')) },
    ];
    expect(toFilterGroups(filter, fields)).toEqual([
      [{ propertyName: 'plan', operator: 'EQ', value: 'basic' }, ...rest],
      [{ propertyName: 'seats', operator: 'GTE', value: '10' }, ...rest],
    ]);
    expect(toFilterGroups({ field: 'start_date', op: 'in', value: ['2026-01-15'] }, fields)).toEqual([[{ propertyName: 'start_date', operator: 'IN', values: [String(Date.parse('2026-01-15T00:00:00Z'))] }]]);
  });

  it('refuses what search cannot express: substring operators, unknown fields, more than 5 groups', () => {
    expect(() => toFilterGroups({ field: 'notes', op: 'contains', value: 'x' }, fields)).toThrow(expect.objectContaining({ name: 'UnsupportedFilterError' }));
    expect(() => toFilterGroups({ field: 'nope', op: 'eq', value: 'x' }, fields)).toThrow(expect.objectContaining({ name: 'UnsupportedFilterError' }));
    const six = { or: [1, 2, 3, 4, 5, 6].map((n) => ({ field: 'seats', op: 'eq' as const, value: n })) };
    expect(() => toFilterGroups(six, fields)).toThrow(/OR-groups/);
  });
});

describe('filtered reads', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('reads exactly the records the filter selects, by pages, with the read bound in each group', async () => {
    h.hs.truncate('subscriptions');
    h.hs.seed('subscriptions', 90, { sameModifiedEvery: 7 });
    const { connector } = await h.open();
    const filter: FilterExpr = { or: [{ field: 'plan', op: 'eq', value: 'premium' }, { and: [{ field: 'seats', op: 'gt', value: 15 }, { field: 'active', op: 'eq', value: true }] }] };
    const messages = await h.read(connector, { object: 'subscriptions', fields: ['plan', 'seats', 'active'], filter, pageSize: 7 });
    const expected = h.hs
      .records('subscriptions')
      .filter((r) => r.properties['plan'] === 'premium' || (Number(r.properties['seats']) > 15 && r.properties['active'] === 'true'))
      .map((r) => r.id);
    const read = messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
    expect(read.sort()).toEqual(expected.sort());
    expect(messages.find((m) => m.kind === 'upsert')).toMatchObject({ data: { plan: expect.any(String), seats: expect.stringMatching(/^\d+$/), active: expect.any(Boolean) } });
  });
});
