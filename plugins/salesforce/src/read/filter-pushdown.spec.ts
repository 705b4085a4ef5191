import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { UnsupportedFilterError, type FilterExpr } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { planRead } from './read-plan';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
let ids: Record<string, string>;
beforeAll(async () => {
  emulator = await startEmulator();
  const rows = [
    { key: 'a', Name: "O'Brien & Co", Plan__c: 'Basic', Features__c: 'Api;Sso', Amount__c: 10, Start_Date__c: '2026-01-10', Renewal_At__c: '2026-03-01T10:00:00Z', Active__c: true },
    { key: 'b', Name: '50% off_deal', Plan__c: 'Premium', Features__c: 'Support', Amount__c: 99.5, Start_Date__c: '2026-02-10', Renewal_At__c: '2026-03-01T12:00:00Z', Active__c: false },
    { key: 'c', Name: 'Back\\slash', Plan__c: 'Standard', Features__c: null, Amount__c: null, Start_Date__c: '2026-03-10', Renewal_At__c: null, Active__c: false },
    { key: 'd', Name: '50 percent', Plan__c: 'Enterprise', Features__c: 'Api', Amount__c: 250, Start_Date__c: '2025-12-31', Renewal_At__c: '2026-02-28T23:59:59Z', Active__c: true },
  ];
  emulator.truncate(OBJECT);
  const created = emulator.create(OBJECT, rows.map(({ key, ...r }) => ({ ...r, External_Id__c: `F-${key}` })));
  ids = Object.fromEntries(rows.map((r, i) => [r.key, created[i] as string]));
});
afterAll(() => emulator.close());

describe(planRead.name, () => {
  let connector: Awaited<ReturnType<typeof openConnector>>['connector'];
  beforeAll(async () => ({ connector } = await openConnector(flowConfig(emulator))));
  afterAll(() => connector.dispose());

  const matching = async (filter: FilterExpr): Promise<string[]> => {
    const messages = await readAll(connector, { object: OBJECT, fields: ['Name'], filter });
    const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return idsOf(messages, 'upsert').map((id) => byId[id] as string).sort();
  };

  it.each<[string, FilterExpr, string[]]>([
    ['eq with a quote', { field: 'Name', op: 'eq', value: "O'Brien & Co" }, ['a']],
    ['ne', { field: 'Plan__c', op: 'ne', value: 'Basic' }, ['b', 'c', 'd']],
    ['gt on currency', { field: 'Amount__c', op: 'gt', value: '99.5' }, ['d']],
    ['ge on currency', { field: 'Amount__c', op: 'ge', value: 99.5 }, ['b', 'd']],
    ['lt on a date', { field: 'Start_Date__c', op: 'lt', value: '2026-01-10' }, ['d']],
    ['le on a date', { field: 'Start_Date__c', op: 'le', value: '2026-01-10' }, ['a', 'd']],
    ['a datetime with an offset', { field: 'Renewal_At__c', op: 'gt', value: '2026-03-01T12:30:00+02:00' }, ['b']],
    ['in on a picklist', { field: 'Plan__c', op: 'in', value: ['Basic', 'Enterprise'] }, ['a', 'd']],
    ['contains with % and _ taken literally', { field: 'Name', op: 'contains', value: '% off_' }, ['b']],
    ['contains without wildcards', { field: 'Name', op: 'contains', value: '50' }, ['b', 'd']],
    ['startsWith with a backslash', { field: 'Name', op: 'startsWith', value: 'Back\\' }, ['c']],
    ['isNull', { field: 'Amount__c', op: 'isNull' }, ['c']],
    ['isNull false', { field: 'Renewal_At__c', op: 'isNull', value: false }, ['a', 'b', 'd']],
    ['multi-select contains', { field: 'Features__c', op: 'contains', value: 'Api' }, ['a', 'd']],
    ['multi-select in (any of)', { field: 'Features__c', op: 'in', value: ['Sso', 'Support'] }, ['a', 'b']],
    ['multi-select eq (exact set)', { field: 'Features__c', op: 'eq', value: 'Api' }, ['d']],
    ['boolean eq', { field: 'Active__c', op: 'eq', value: true }, ['a', 'd']],
    [
      'mixed and/or/not',
      { or: [{ and: [{ field: 'Active__c', op: 'eq', value: false }, { not: { field: 'Plan__c', op: 'eq', value: 'Standard' } }] }, { field: 'Amount__c', op: 'ge', value: 200 }] },
      ['b', 'd'],
    ],
  ])('pushes down %s', async (_what, filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it('refuses what SOQL cannot express before any query', async () => {
    emulator.counters.reset();
    await expect(readAll(connector, { object: OBJECT, fields: [], filter: { field: 'Amount__c', op: 'startsWith', value: '1' } })).rejects.toBeInstanceOf(
      UnsupportedFilterError,
    );
    expect(emulator.counters.get('query')).toBe(0);
  });
});
