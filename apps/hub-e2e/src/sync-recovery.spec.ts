import { useSyncWorld } from './support/sync-world';
import { crmRows, hubRows, rowCount, schemaFields } from './support/sync-tables';
import { tableDifferences } from './support/table-compare';

const RECORDS = 24_000;

/** A hub killed with SIGKILL mid-import resumes from its last checkpoint; injected faults change nothing. */
describe('sync: crashes and faults', () => {
  const world = useSyncWorld('sync-recovery', { salesforce: {}, env: { HUB_SYNC_LEASE_MS: '2000' } });
  const api = () => world.api();
  let account: string;
  beforeAll(async () => (account = await world.salesforceAccount()));

  async function compare(schemaId: string, table: string, object: string): Promise<void> {
    const rows = await hubRows(world, table);
    expect(await rowCount(world, table)).toBe(rows.size); // one row per record: nothing duplicated
    expect(tableDifferences(await schemaFields(world, schemaId), crmRows(world.sf, object), rows)).toEqual([]);
  }

  it('resumes an import killed with SIGKILL at several points, without a record missed or applied twice', async () => {
    world.sf.seed('Subscription__c', RECORDS, { modstamp: '2026-01-01T00:00:00.000Z', sameModstampEvery: 1_500 });
    // Slow pages give the test time to kill the hub between commits.
    world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 150, endpoints: ['queryMore', 'bulk2.query'] });
    const schema = await api().schema(account, 'Subscription__c');
    const job = await api().job({ name: 'Subscriptions', accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 1_000 } });
    const runId = await api().start(job);
    for (const share of [0.1, 0.45, 0.8]) {
      await api().wait(runId, { until: (r) => r.progress.records >= RECORDS * share || r.status === 'succeeded' || r.status === 'failed' });
      await world.hub.stop('SIGKILL');
      world.hub = await world.start('hub', true);
    }
    world.sf.faults.clear();
    const run = await api().wait(runId, { timeoutMs: 300_000 });
    expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: RECORDS, updated: 0, rejected: 0 } });
    expect(run.attempts).toBeGreaterThanOrEqual(4);
    await compare(schema.id, schema.table, 'Subscription__c');
  }, 600_000);

  it('ends with the same table when 10% of the calls fail with 5xx or are throttled', async () => {
    world.sf.seed('Opportunity', 6_000, { modstamp: '2026-01-01T00:00:00.000Z' });
    const schema = await api().schema(account, 'Opportunity', ['Name', 'Amount', 'StageName', 'CloseDate', 'Probability']);
    const job = await api().job({ name: 'Opportunities', accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 500 } });
    world.sf.faults.configure({ rate: 0.1, kinds: ['unavailable', 'throttle'], seed: 7, endpoints: ['query', 'queryAll', 'queryMore', 'bulk2.query'] });
    try {
      const run = await api().runToEnd(job, {}, 300_000);
      expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: 6_000 } });
    } finally {
      world.sf.faults.clear();
    }
    await compare(schema.id, schema.table, 'Opportunity');
  }, 400_000);
});
