import { crmRows as crmRowsOf, hubRows as hubRowsOf, schemaFields as schemaFieldsOf } from './support/sync-tables';
import { useSyncWorld } from './support/sync-world';
import { tableDifferences } from './support/table-compare';

/** Records of the big import (the 100,000; lower it locally with E2E_SYNC_RECORDS). */
const RECORDS = Number(process.env['E2E_SYNC_RECORDS'] ?? 100_000);
const PAGE = 2_000;

/** Import from Salesforce into the hub's table, full then incremental, checked field by field against the emulator. */
describe('sync: Salesforce import', () => {
  const world = useSyncWorld('sync-sf', { salesforce: { queryPageSize: PAGE }, env: { HUB_SYNC_QUOTA_PAUSE_MS: '2000' } });
  const api = () => world.api();
  let account: string;
  beforeAll(async () => (account = await world.salesforceAccount()));
  const schemaFields = (schemaId: string) => schemaFieldsOf(world, schemaId);
  const hubRows = (table: string, live = true) => hubRowsOf(world, table, live);
  const crmRows = (object: string) => crmRowsOf(world.sf, object);

  it(`imports ${RECORDS} records exactly, then exactly the 1,000 updates and 100 deletes made since, with the fewest query calls`, async () => {
    world.sf.seed('Subscription__c', RECORDS, { modstamp: '2026-01-01T00:00:00.000Z', sameModstampEvery: 700 });
    const schema = await api().schema(account, 'Subscription__c');
    const job = await api().job({ name: 'Subscriptions', accountId: account, schemaId: schema.id, operation: 'import' });

    const full = await api().runToEnd(job, {}, 600_000);
    expect(full).toMatchObject({ status: 'succeeded', full: true, counters: { inserted: RECORDS, rejected: 0 } });
    const fields = await schemaFields(schema.id);
    expect(tableDifferences(fields, crmRows('Subscription__c'), await hubRows(schema.table))).toEqual([]);
    // The formula field changes without SystemModstamp: the job says so.
    const view = (await world.raw().call<{ computedFields: string[]; warning?: string }>('GET', `/api/sync/jobs/${job}`)).body;
    expect(view.computedFields).toContain('Annual_Amount__c');
    expect(view.warning).toMatch(/computedRefresh/);

    const ids = [...crmRows('Subscription__c').keys()];
    world.sf.clock.advance(60_000);
    const changed = ids.slice(10, 1_010);
    world.sf.update('Subscription__c', changed, { Plan__c: 'Enterprise', Amount__c: 1234.5, Features__c: 'Api;Sso' });
    const deleted = ids.slice(5_000, 5_100);
    world.sf.delete('Subscription__c', deleted);
    const before = world.sf.counters.snapshot();

    const increment = await api().runToEnd(job);
    expect(increment).toMatchObject({ status: 'succeeded', full: false, counters: { updated: 1_000, deleted: 100, inserted: 0, rejected: 0 } });
    const after = world.sf.counters.snapshot();
    const queries = ['query', 'queryAll', 'queryMore'].reduce((n, kind) => n + ((after[kind] ?? 0) - (before[kind] ?? 0)), 0);
    expect(queries).toBeLessThanOrEqual(Math.ceil(1_100 / PAGE) + 1);
    expect(tableDifferences(fields, crmRows('Subscription__c'), await hubRows(schema.table))).toEqual([]);
    const gone = await hubRows(schema.table, false);
    expect(deleted.every((id) => gone.get(id)?.['hub_deleted_at'])).toBe(true);
  }, 900_000);

  it('imports compound addresses into their component columns', async () => {
    world.sf.seed('Account', 300);
    const schema = await api().schema(account, 'Account');
    const job = await api().job({ name: 'Accounts', accountId: account, schemaId: schema.id, operation: 'import' });
    expect(await api().runToEnd(job)).toMatchObject({ status: 'succeeded', counters: { inserted: 300 } });
    const fields = await schemaFields(schema.id);
    expect(fields.some((f) => f.column === 'billing_city')).toBe(true);
    expect(tableDifferences(fields, crmRows('Account'), await hubRows(schema.table))).toEqual([]);
  }, 120_000);

  it('keeps a value the table cannot take as a reject, stores the rest of the record, and says so on the run', async () => {
    const raw = world.raw();
    const schemas = (await raw.call<{ id: string; object: string; table: string }[]>('GET', `/api/schemas?accountId=${account}`)).body;
    const schema = schemas.find((s) => s.object === 'Account') as { id: string; table: string };
    world.sf.addField('Account', { name: 'Code__c', type: 'string', label: 'Code', length: 10 });
    await raw.call('POST', `/api/schemas/${schema.id}/apply-drift`, { addFields: ['Code__c'] });
    // The CRM lengthens the field; the hub's column is not widened yet.
    world.sf.removeField('Account', 'Code__c');
    world.sf.addField('Account', { name: 'Code__c', type: 'string', label: 'Code', length: 40 });
    const ids = world.sf.records('Account').map((r) => String(r['Id']));
    world.sf.update('Account', ids.slice(0, 3), { Code__c: 'A code far longer than ten' });
    world.sf.update('Account', ids.slice(3, 6), { Code__c: 'SHORT' });
    const [job] = (await raw.call<{ id: string; mapping: unknown[] }[]>('GET', `/api/sync/jobs?schemaId=${schema.id}`)).body;
    await raw.call('PATCH', `/api/sync/jobs/${job?.id}`, { mapping: [...(job?.mapping ?? []), { field: 'Code__c' }] });
    const run = await api().runToEnd(job?.id as string);
    expect(run).toMatchObject({ status: 'succeeded', counters: { rejected: 3 } });
    const rejects = (await raw.call<{ rejects: { crmId: string; field: string; value: string; code: string; reason: string }[] }>('GET', `/api/sync/runs/${run.id}/rejects`)).body.rejects;
    expect(rejects.map((r) => [r.crmId, r.field, r.code]).sort()).toEqual(ids.slice(0, 3).map((id) => [id, 'Code__c', 'VALUE_TOO_LONG']).sort());
    expect(rejects[0]?.value).toBe('A code far longer than ten');
    const rows = await hubRows(schema.table);
    expect(rows.get(ids[0] as string)?.['name']).toBe(world.sf.record('Account', ids[0] as string)?.['Name']);
    expect(rows.get(ids[3] as string)?.['code_c']).toBe('SHORT');
  }, 120_000);

  it('imports deletions alone: incrementally, then over a date window', async () => {
    const ids = world.sf.seed('Contact', 500);
    const schema = await api().schema(account, 'Contact', ['LastName', 'Email']);
    const importJob = await api().job({ name: 'Contacts', accountId: account, schemaId: schema.id, operation: 'import', options: { deletes: 'ignore' } });
    expect(await api().runToEnd(importJob)).toMatchObject({ status: 'succeeded', counters: { inserted: 500 } });
    const deletedJob = await api().job({ name: 'Deleted contacts', accountId: account, schemaId: schema.id, operation: 'import-deleted' });
    world.sf.delete('Contact', ids.slice(0, 20));
    expect(await api().runToEnd(deletedJob)).toMatchObject({ status: 'succeeded', counters: { deleted: 20, inserted: 0, updated: 0 } });
    world.sf.clock.advance(60_000);
    world.sf.delete('Contact', ids.slice(20, 25));
    expect(await api().runToEnd(deletedJob)).toMatchObject({ status: 'succeeded', counters: { deleted: 5 } });
    const live = (await hubRows(schema.table)).size;
    expect(live).toBe(475);

    // getDeleted covers whole minutes up to its latestDateCovered: let the minute of the last deletions close.
    world.sf.clock.advance(120_000);
    const now = world.sf.clock.nowMs();
    const windowJob = await api().job({
      name: 'Deleted contacts, last hour',
      accountId: account,
      schemaId: schema.id,
      operation: 'import-deleted',
      options: { deletes: 'hard', window: { from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() } },
    });
    expect(await api().runToEnd(windowJob)).toMatchObject({ status: 'succeeded', counters: { deleted: 25 } });
    expect((await hubRows(schema.table, false)).size).toBe(475);
  }, 120_000);

  it('pauses a run when the daily API quota is used up, and resumes it by itself', async () => {
    world.sf.seed('Opportunity', 100);
    const schema = await api().schema(account, 'Opportunity', ['Name', 'Amount']);
    const job = await api().job({ name: 'Opportunities', accountId: account, schemaId: schema.id, operation: 'import' });
    const { limit } = world.sf.apiUsage();
    world.sf.setApiUsage(limit, limit);
    const runId = await api().start(job);
    const paused = await api().wait(runId, { until: (r) => r.status !== 'queued' && r.status !== 'running' });
    expect(paused.status).toBe('paused');
    expect(paused.error?.message).toMatch(/quota/i);
    world.sf.setApiUsage(0, limit);
    const resumed = await api().wait(runId, { timeoutMs: 60_000 });
    expect(resumed).toMatchObject({ status: 'succeeded', counters: { inserted: 100 } });
    expect(resumed.attempts).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('misses none of 5,000 records sharing one SystemModstamp across pages, edited while the run pages', async () => {
    const stamp = new Date(world.sf.clock.nowMs() - 5_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    const seeded = world.sf.seed('Lead', 5_000, { modstamp: stamp });
    const schema = await api().schema(account, 'Lead', ['LastName', 'Company', 'Status']);
    const job = await api().job({ name: 'Leads', accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 200 } });
    const runId = await api().start(job);
    await api().wait(runId, { until: (r) => r.progress.records >= 400 || r.status !== 'running' && r.status !== 'queued' });
    world.sf.update('Lead', seeded.slice(0, 50), { Company: 'Edited while paging' });
    world.sf.update('Lead', seeded.slice(4_950), { Company: 'Edited at the end' });
    expect(await api().wait(runId)).toMatchObject({ status: 'succeeded' });
    const increment = await api().runToEnd(job);
    expect(increment.status).toBe('succeeded');
    const rows = await hubRows(schema.table);
    expect(rows.size).toBe(5_000);
    expect(seeded.every((id) => rows.has(id))).toBe(true);
    expect(seeded.slice(0, 50).every((id) => rows.get(id)?.['company'] === 'Edited while paging')).toBe(true);
    expect(seeded.slice(4_950).every((id) => rows.get(id)?.['company'] === 'Edited at the end')).toBe(true);
  }, 300_000);
});
