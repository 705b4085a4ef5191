import { SeedSegment } from './seed-segment';
import { EmulatorClock } from '../../common/clock';
import { OrgSchema } from '../schema/org-schema';
import { runSoql } from '../soql/soql-executor';
import { inProcessOrg } from '../test-support/in-process-org';
import { canonicalId } from '../util/record-ids';
import { OrgStore } from './org-store';

function org() {
  const clock = new EmulatorClock();
  clock.set('2026-03-01T12:00:00.000Z', true);
  const schema = new OrgSchema(() => clock.nowMs());
  return { clock, schema, store: new OrgStore(schema, clock) };
}

describe(OrgStore.name, () => {
  it('seeds deterministically: the same seeding gives the same records', () => {
    const a = org();
    const b = org();
    for (const { schema, store } of [a, b]) {
      store.seed(schema.get('Account'), 50);
      store.seed(schema.get('Contact'), 200, { modstamp: '2026-02-01T00:00:00Z', sameModstampEvery: 10 });
    }
    const rows = ({ schema, store }: ReturnType<typeof org>) => [...store.table(schema.get('Contact')).scanById()].map((s) => s.row);
    expect(rows(a)).toEqual(rows(b));
    const contacts = rows(a);
    expect(contacts[0]?.['AccountId']).toMatch(/^001/);
    expect(new Set(contacts.map((r) => r['SystemModstamp'])).size).toBe(20);
    expect(contacts.every((r) => canonicalId(r['Id'] as string) === r['Id'])).toBe(true);
  });

  it('stamps seeded records up to the current second by default, with shared stamps on request', () => {
    const { schema, store, clock } = org();
    const before = Math.floor(clock.nowMs() / 1000) * 1000;
    const segment = store.seed(schema.get('Lead'), 10, { sameModstampEvery: 5 });
    expect(segment.stampOf(9) - segment.stampOf(0)).toBe(1000);
    expect(segment.stampOf(4)).toBe(segment.stampOf(0));
    expect(segment.stampOf(9) >= before && segment.stampOf(9) <= clock.nowMs()).toBe(true);
    const fixed = store.seed(schema.get('Lead'), 3, { modstamp: '2026-01-01T10:00:00.678Z' });
    expect([0, 1, 2].map((k) => fixed.stampOf(k))).toEqual(Array(3).fill(Date.parse('2026-01-01T10:00:00Z')));
  });

  it('seeds 1,000,000 records without building them, and pages through the (SystemModstamp, Id) index building only that page', () => {
    const { schema, store, clock } = org();
    // Work is counted, not timed: how many records are built tells whether the index was used.
    const built = jest.spyOn(SeedSegment.prototype, 'generate');
    try {
      store.seed(schema.get('Account'), 1_000_000, { sameModstampEvery: 1000 });
      expect(built).not.toHaveBeenCalled();
      const stamp = new Date(Math.floor(clock.nowMs() / 1000) * 1000 - 500_000).toISOString();
      const soql = `SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp > ${stamp} ORDER BY SystemModstamp, Id LIMIT 2000`;
      const run = runSoql(soql, schema, store, clock.nowMs(), false);
      expect(run.refs).toHaveLength(2000);
      // The page's records and at most one group of records sharing the bound's stamp, not the million.
      expect(built.mock.calls.length).toBeLessThanOrEqual(2000 + 1000);
      const first = store.table(schema.get('Account')).resolve(run.refs[0] as number);
      expect(first['SystemModstamp']).toBe(Date.parse(stamp) + 1000);
    } finally {
      built.mockRestore();
    }
  });

  it('matches seeded records on their key fields alone when the WHERE clause reads nothing else, with the same result', () => {
    const { schema, store, clock } = org();
    const def = schema.get('Subscription__c');
    store.seed(def, 20_000, { sameModstampEvery: 100 });
    const table = store.table(def);
    const [changedId] = table.lookupUnique('External_Id__c', 'EXT-000010000');
    table.put({ ...(table.get(changedId as string) as Record<string, unknown>), Name: 'changed', SystemModstamp: clock.nowMs() + 1000 } as never);
    const bound = new Date(Math.floor(clock.nowMs() / 1000) * 1000 - 120_000).toISOString();
    const keysOnly = `SELECT Id, Name FROM Subscription__c WHERE SystemModstamp > ${bound} AND IsDeleted = false`;
    const built = jest.spyOn(SeedSegment.prototype, 'generate');
    let run: ReturnType<typeof runSoql>;
    try {
      run = runSoql(keysOnly, schema, store, clock.nowMs() + 2000, false);
      // A Bulk query job's result set, fixed when the job runs: no record built until a page is written.
      expect(built.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      built.mockRestore();
    }
    const wholeRecords = runSoql(`${keysOnly} AND Name != null`, schema, store, clock.nowMs() + 2000, false);
    expect(run.refs).toEqual(wholeRecords.refs);
    expect(run.refs.length).toBeGreaterThan(1000);
    const rows = run.refs.map((ref) => table.resolve(ref));
    expect(rows.filter((row) => row['Name'] === 'changed')).toHaveLength(1);
    expect(new Set(rows.map((row) => row['Id'])).size).toBe(rows.length);
  });

  it('keeps changed seeded records as stored versions, found by id, index and unique value', () => {
    const { schema, store, clock } = org();
    const def = schema.get('Subscription__c');
    store.seed(def, 1000, { modstamp: '2026-02-01T00:00:00Z' });
    const table = store.table(def);
    const [id] = table.lookupUnique('External_Id__c', 'ext-000000500');
    expect(id).toBeDefined();
    const current = table.get(id as string) as Record<string, unknown>;
    table.put({ ...current, External_Id__c: 'CHANGED', SystemModstamp: clock.nowMs() } as never);
    expect(table.lookupUnique('External_Id__c', 'EXT-000000500')).toEqual([]);
    expect(table.lookupUnique('External_Id__c', 'changed')).toEqual([id]);
    const lastByStamp = [...table.scanByStamp()].pop();
    expect(lastByStamp?.row['Id']).toBe(id);
    expect([...table.scanById()].map((s) => s.row['Id'])).toHaveLength(1000);
  });

  it('empties recycle-bin records (and their delete-log entries) after 15 days, as Salesforce does', () => {
    const { clock, create, query, schema, store, writer } = inProcessOrg();
    const [id] = create('Lead', [{ LastName: 'Temp', Company: 'T' }]);
    writer.delete([id as string], true);
    clock.advance(14 * 24 * 3600_000);
    expect(query('SELECT Id FROM Lead', true).map((r) => r['Id'])).toEqual([id]);
    clock.advance(2 * 24 * 3600_000);
    expect(query('SELECT Id FROM Lead', true)).toEqual([]);
    expect(store.table(schema.get('Lead')).deleteLog).toEqual([]);
  });

  it('names an unnamed custom-object record after its id, as Salesforce does', () => {
    const { create, store, schema } = inProcessOrg();
    const [id] = create('Subscription__c', [{ Start_Date__c: '2026-01-01' }]);
    expect(store.table(schema.get('Subscription__c')).get(id as string)?.['Name']).toBe(id);
  });
});
