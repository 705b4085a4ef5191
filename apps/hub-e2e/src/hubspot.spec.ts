import { startHubSpotEmulator, type HubSpotEmulator } from '@crm-hub/crm-emulators';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubApi, type HubApi } from './support/hub-api';
import { openHubDatabase } from './support/hub-database';
import { freePort, startHub, type HubProcess } from './support/hub-process';
import { syncApi } from './support/sync-api';
import { insertRows } from './support/sync-tables';
import { tableDifferences, type ComparedField } from './support/table-compare';

type Schema = { id: string; table: string; fields: (ComparedField & { columnType: string | null })[] };

/** HubSpot through the hub: the discovery wizard, a schema and enum sync, then import and export jobs. */
describe('HubSpot through the hub', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-hubspot-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-hubspot-0123456789abcdef';
  let hs: HubSpotEmulator;
  let hub: HubProcess;
  let database: Awaited<ReturnType<typeof openHubDatabase>>;
  let account: string;
  const raw = (): HubApi => hubApi(hub.url, apiKey);
  const api = () => syncApi(raw());
  const postgres = db.config.kind === 'postgres';

  beforeAll(async () => {
    hs = await startHubSpotEmulator();
    hub = await startHub({
      cwd: root,
      env: { PORT: String(await freePort()), HUB_API_KEYS: apiKey, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''), ...db.env },
    });
    account = await api().account('HubSpot', 'hubspot', { baseUrl: hs.url, accessToken: hs.credentials.privateAppToken, safetyLagMs: 0 });
    database = await openHubDatabase(db.config);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await hub?.stop();
    await hs?.close();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('is loaded, and its account checks out', async () => {
    const plugins = await raw().call<{ plugins: { id: string }[]; refused: unknown[] }>('GET', '/api/plugins');
    expect(plugins.body.plugins.map((l) => l.id)).toContain('hubspot');
    expect(JSON.stringify(plugins.body.refused)).not.toContain('hubspot');
    const check = await raw().call<{ ok: boolean }>('POST', `/api/accounts/${account}/check`);
    expect(check.body).toMatchObject({ ok: true });
  });

  it('lists and describes objects in the discovery wizard, custom objects included', async () => {
    const objects = await raw().call<{ objects: { name: string }[] }>('GET', `/api/accounts/${account}/objects`);
    expect(objects.status).toBe(200);
    expect(objects.body.objects.map((o) => o.name)).toEqual(['contacts', 'companies', 'deals', 'tickets', 'subscriptions']);
    const described = await raw().call<{ object: { fields: { name: string; type: string }[] }; picklists: { id: string; multiSelect: boolean }[] }>(
      'GET',
      `/api/accounts/${account}/objects/subscriptions`,
    );
    expect(described.status).toBe(200);
    expect(described.body.object.fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'features', type: 'multi-enum' }), expect.objectContaining({ name: 'amount', type: 'currency' })]));
    expect(described.body.picklists).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'subscriptions.features', multiSelect: true })]));
  });

  it('generates a table with typed columns, and syncs a property\'s options into an enumeration', async () => {
    const res = await raw().call<{ schemas: Schema[] }>('POST', `/api/accounts/${account}/schemas`, { objects: [{ name: 'subscriptions' }] });
    expect(res.status).toBe(201);
    const schema = res.body.schemas[0] as Schema;
    expect(schema.table).toBe('crm_hub_spot_subscriptions'); // from the account's name, "HubSpot"
    expect(await database.columns(schema.table)).toMatchObject(
      postgres
        ? { features: 'jsonb', start_date: 'date', renewal_at: 'timestamp with time zone', active: 'boolean', crm_modified_at: 'timestamp with time zone' }
        : { features: 'text', active: 'integer' },
    );
    expect(schema.fields.find((f) => f.name === 'features')).toMatchObject({ type: 'multi-enum', columnType: 'json' });

    const sync = await raw().call<{ results: { created: boolean; added: string[] }[] }>('POST', `/api/accounts/${account}/enum-sync`, {
      bindings: [{ enumId: 'subscriptions.plan', enumeration: 'plan', replace: false }],
    });
    expect(sync.status).toBe(200);
    expect(sync.body.results[0]).toMatchObject({ created: true, added: ['basic', 'standard', 'premium', 'enterprise'] });
    hs.setOptions('subscriptions', 'plan', [{ value: 'basic', label: 'Basic plan' }, { value: 'premium' }, { value: 'ultimate' }]);
    const again = await raw().call<{ results: { added: string[]; removed: string[] }[] }>('POST', `/api/accounts/${account}/enum-sync`, {
      bindings: [{ enumId: 'subscriptions.plan', enumeration: 'plan', replace: true }],
    });
    expect(again.body.results[0]).toMatchObject({ added: ['ultimate'], removed: ['standard', 'enterprise'] });
    hs.setOptions('subscriptions', 'plan', ['basic', 'standard', 'premium', 'enterprise'].map((value) => ({ value })));
  });

  async function schemaOf(object: string): Promise<Schema> {
    const all = await raw().call<(Schema & { object: string })[]>('GET', `/api/schemas?accountId=${account}`);
    return all.body.find((s) => s.object === object) as Schema;
  }

  async function hubRows(table: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await database.dataSource.query(`SELECT * FROM "${table}" WHERE hub_deleted_at IS NULL`)) as Record<string, unknown>[];
    return new Map(rows.map((r) => [String(r['crm_id']), r]));
  }

  it('imports 2,500 records (many sharing a stamp), then their changes and deletions incrementally', async () => {
    const ids = hs.seed('subscriptions', 2_500, { sameModifiedEvery: 400 });
    const schema = await schemaOf('subscriptions');
    const job = await api().job({ name: 'Subscriptions', accountId: account, schemaId: schema.id, operation: 'import' });
    expect(await api().runToEnd(job)).toMatchObject({ status: 'succeeded', counters: { inserted: 2_500 } });
    const crm = new Map(hs.records('subscriptions').map((r) => [r.id, r.properties]));
    const compared = schema.fields.filter((f) => ['name', 'code', 'plan', 'features', 'amount', 'seats', 'start_date', 'active', 'annual_value'].includes(f.name));
    expect(tableDifferences(compared, crm, await hubRows(schema.table))).toEqual([]);

    hs.clock.advance(1000);
    hs.update('subscriptions', ids.slice(0, 20), { plan: 'enterprise', features: 'audit;sandbox' });
    hs.archive('subscriptions', ids.slice(100, 105));
    const [created] = hs.create('subscriptions', [{ name: 'Brand new', code: 'NEW-1', plan: 'basic' }]);
    const delta = await api().runToEnd(job);
    expect(delta).toMatchObject({ status: 'succeeded', full: false, counters: { updated: 20, deleted: 5, inserted: 1 } });
    const rows = await hubRows(schema.table);
    expect(rows.size).toBe(2_500 - 5 + 1);
    expect(rows.has(created as string)).toBe(true);
    expect(tableDifferences(compared, new Map(hs.records('subscriptions').map((r) => [r.id, r.properties])), rows)).toEqual([]);
  }, 300_000);

  it('exports 1,000 rows written by SQL as upserts by the unique code in 10 batch calls, then deletes three (one already gone)', async () => {
    const schema = await schemaOf('subscriptions');
    const ROWS = 1_000;
    const rows = Array.from({ length: ROWS }, (_, i) => ['2026-01-01T00:00:00.000Z', `Exported ${i}`, `EXP-${i}`, 'premium', JSON.stringify(['api', 'sso']), '99.5']);
    await insertRows(database.dataSource, postgres, schema.table, ['hub_updated_at', 'name', 'code', 'plan_', 'features', 'amount'], rows);
    const job = await api().job({
      name: 'Subscriptions out',
      accountId: account,
      schemaId: schema.id,
      operation: 'export',
      mapping: [{ field: 'name' }, { field: 'code' }, { field: 'plan' }, { field: 'features' }, { field: 'amount' }],
      options: { writeMode: 'upsert', matchField: 'code' },
    });
    const before = hs.counters.get('batch.upsert');
    expect(await api().runToEnd(job, {}, 300_000)).toMatchObject({ status: 'succeeded', counters: { inserted: ROWS, rejected: 0 } });
    expect(hs.counters.get('batch.upsert') - before).toBe(10);
    const exported = hs.records('subscriptions').filter((r) => r.properties['code']?.startsWith('EXP-'));
    expect(exported).toHaveLength(ROWS);
    expect(exported.find((r) => r.properties['code'] === 'EXP-4')?.properties).toMatchObject({ name: 'Exported 4', plan: 'premium', features: 'api;sso', amount: '99.5' });
    const written = (await database.dataSource.query(`SELECT COUNT(*) AS n FROM "${schema.table}" WHERE code LIKE 'EXP-%' AND crm_id IS NOT NULL`)) as [{ n: string | number }];
    expect(Number(written[0].n)).toBe(ROWS);

    const remove = await api().job({ name: 'Subscriptions deleted', accountId: account, schemaId: schema.id, operation: 'delete' });
    const doomed = (await database.dataSource.query(`SELECT hub_id, crm_id FROM "${schema.table}" WHERE code LIKE 'EXP-%' ORDER BY hub_id LIMIT 3`)) as { hub_id: number; crm_id: string }[];
    for (const row of doomed) expect((await raw().call('DELETE', `/api/schemas/${schema.id}/records/${row.hub_id}`)).status).toBe(204);
    hs.archive('subscriptions', [doomed[0]?.crm_id as string]); // already gone in HubSpot
    expect(await api().runToEnd(remove)).toMatchObject({ status: 'succeeded', counters: { deleted: 3, rejected: 0 } });
    expect(hs.records('subscriptions').filter((r) => r.properties['code']?.startsWith('EXP-'))).toHaveLength(ROWS - 3);
  }, 400_000);
});
