import { insertRows, rowCount } from './support/sync-tables';
import { useSyncWorld } from './support/sync-world';

const ROWS = 10_000;
const WRITE_KINDS = ['composite.sobjects', 'sobject.row', 'bulk2.ingest'];

/** Export to Salesforce: rows written by plain SQL and by the API, rejects, retries, no echo, a crash mid-export. */
describe('sync: export to Salesforce', () => {
  const world = useSyncWorld('sync-export', { salesforce: {}, env: { HUB_SYNC_LEASE_MS: '2000' } });
  const raw = () => world.raw();
  const api = () => world.api();
  const postgres = world.db.config.kind === 'postgres';
  const writes = () => WRITE_KINDS.reduce((n, k) => n + (world.sf.counters.snapshot()[k] ?? 0), 0);
  let account: string;
  beforeAll(async () => (account = await world.salesforceAccount()));

  const exportJob = (schemaId: string, extra: Record<string, unknown> = {}) =>
    api().job({
      name: `Export ${Math.random().toString(36).slice(2, 8)}`,
      accountId: account,
      schemaId,
      operation: 'export',
      mapping: [{ field: 'External_Id__c' }, { field: 'Plan__c' }, { field: 'Amount__c' }, { field: 'Start_Date__c' }],
      options: { writeMode: 'upsert', matchField: 'External_Id__c' },
      ...extra,
    });

  it(`exports ${ROWS} rows written by SQL and by the API, keeps 50 rejects, sends nothing twice, and retries the corrected rows`, async () => {
    world.sf.truncate('Subscription__c');
    const schema = await api().schema(account, 'Subscription__c', ['External_Id__c', 'Plan__c', 'Amount__c', 'Start_Date__c', 'Name']);
    const plan = (i: number) => (i % 200 === 7 ? 'Platinum' : ['Basic', 'Standard', 'Premium'][i % 3]); // 50 rows outside the restricted picklist
    const sqlRows = Array.from({ length: ROWS / 2 }, (_, n) => ['2026-01-01T00:00:00.000Z', `EXT-${n}`, plan(n), '10.50', '2026-02-01']);
    await insertRows(world.database.dataSource, postgres, schema.table, ['hub_updated_at', 'external_id_c', 'plan_c', 'amount_c', 'start_date_c'], sqlRows, 500);
    for (let n = ROWS / 2; n < ROWS; n++) {
      const res = await raw().call('POST', `/api/schemas/${schema.id}/records`, { values: { External_Id__c: `EXT-${n}`, Plan__c: plan(n), Amount__c: '10.50', Start_Date__c: '2026-02-01' } });
      expect(res.status).toBe(201);
    }
    const job = await exportJob(schema.id);
    const before = world.sf.counters.snapshot();
    const run = await api().runToEnd(job, {}, 600_000);
    expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: ROWS - 50, rejected: 50 } });
    const after = world.sf.counters.snapshot();
    const collections = (after['composite.sobjects'] ?? 0) - (before['composite.sobjects'] ?? 0);
    const bulk = (after['bulk2.ingest'] ?? 0) - (before['bulk2.ingest'] ?? 0);
    // At the CRM's maximum: 200-record collections, or Bulk ingest jobs of up to 10,000 records.
    expect(collections === 0 ? bulk > 0 : collections <= Math.ceil(ROWS / 200)).toBe(true);
    expect(world.sf.records('Subscription__c')).toHaveLength(ROWS - 50);
    expect(await rowCount(world, schema.table, 'crm_id IS NOT NULL')).toBe(ROWS - 50);
    const rejects = (await raw().call<{ rejects: { hubId: string; code: string; reason: string; fields?: string[]; payload?: Record<string, unknown> }[] }>('GET', `/api/sync/jobs/${job}/rejects?limit=1000`)).body.rejects;
    expect(rejects).toHaveLength(50);
    expect(rejects[0]).toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Plan__c'], payload: expect.objectContaining({ Plan__c: 'Platinum' }) });
    expect(rejects[0]?.reason).toMatch(/Platinum|picklist/i);

    const quiet = writes();
    expect(await api().runToEnd(job)).toMatchObject({ status: 'succeeded', counters: { read: 0 } });
    expect(writes()).toBe(quiet);

    await world.database.dataSource.query(`UPDATE "${schema.table}" SET plan_c = 'Basic' WHERE plan_c = 'Platinum'`);
    const retried = await api().runToEnd(job, {}, 120_000);
    expect(retried).toMatchObject({ status: 'succeeded', counters: { read: 50, inserted: 50, rejected: 0 } });
    expect(world.sf.records('Subscription__c')).toHaveLength(ROWS);
    expect((await raw().call<{ rejects: unknown[] }>('GET', `/api/sync/jobs/${job}/rejects`)).body.rejects).toHaveLength(0);
  }, 900_000);

  it('sends nothing back after an import on the same schema (no echo)', async () => {
    world.sf.seed('Account', 200);
    const schema = await api().schema(account, 'Account', ['Name', 'Industry', 'AccountNumber']);
    const importJob = await api().job({ name: 'Accounts in', accountId: account, schemaId: schema.id, operation: 'import' });
    expect((await api().runToEnd(importJob)).status).toBe('succeeded');
    const out = await api().job({ name: 'Accounts out', accountId: account, schemaId: schema.id, operation: 'export', options: { writeMode: 'update' } });
    const quiet = writes();
    expect(await api().runToEnd(out)).toMatchObject({ status: 'succeeded', counters: { read: 0 } });
    expect(writes()).toBe(quiet);
    // A change made in the hub is sent, once.
    await world.database.dataSource.query(`UPDATE "${schema.table}" SET industry = 'Energy' WHERE hub_id = (SELECT MIN(hub_id) FROM "${schema.table}")`);
    expect(await api().runToEnd(out)).toMatchObject({ status: 'succeeded', counters: { read: 1, updated: 1 } });
    expect(await api().runToEnd(importJob)).toMatchObject({ status: 'succeeded' });
    expect(await api().runToEnd(out)).toMatchObject({ status: 'succeeded', counters: { read: 0 } });

    // A schema change (drift applied: a new column) keeps change capture working on the table.
    world.sf.addField('Account', { name: 'Segment__c', type: 'string', label: 'Segment', length: 40 });
    expect((await raw().call('POST', `/api/schemas/${schema.id}/apply-drift`, { addFields: ['Segment__c'] })).status).toBe(200);
    await world.database.dataSource.query(`UPDATE "${schema.table}" SET segment_c = 'SMB' WHERE hub_id = (SELECT MAX(hub_id) FROM "${schema.table}")`);
    expect(await api().runToEnd(out)).toMatchObject({ status: 'succeeded', counters: { read: 1, updated: 1 } });
  }, 300_000);

  it('exports every row once when the hub is killed with SIGKILL mid-export', async () => {
    world.sf.truncate('Subscription__c');
    const schema = (await raw().call<{ id: string; table: string; object: string }[]>('GET', `/api/schemas?accountId=${account}`)).body.find((s) => s.object === 'Subscription__c') as { id: string; table: string };
    await world.database.dataSource.query(`DELETE FROM "${schema.table}"`);
    const rows = Array.from({ length: 3_000 }, (_, k) => ['2026-01-01T00:00:00.000Z', `KILL-${k}`, 'Basic', '1.00', '2026-02-01']);
    await insertRows(world.database.dataSource, postgres, schema.table, ['hub_updated_at', 'external_id_c', 'plan_c', 'amount_c', 'start_date_c'], rows, 500);
    const job = await exportJob(schema.id, { options: { writeMode: 'upsert', matchField: 'External_Id__c' } });
    world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 1_500, endpoints: WRITE_KINDS });
    const runId = await api().start(job);
    await api().wait(runId, { until: (r) => r.status === 'running' });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await world.hub.stop('SIGKILL');
    world.sf.faults.clear();
    world.hub = await world.start('hub', true);
    const run = await api().wait(runId, { timeoutMs: 180_000 });
    expect(run.status).toBe('succeeded');
    const exported = world.sf.records('Subscription__c').filter((r) => String(r['External_Id__c']).startsWith('KILL-'));
    expect(exported).toHaveLength(3_000);
    expect(new Set(exported.map((r) => r['External_Id__c'])).size).toBe(3_000);
    expect(await rowCount(world, schema.table, 'crm_id IS NULL')).toBe(0);
  }, 300_000);
});
