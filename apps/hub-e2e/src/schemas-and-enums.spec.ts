import { startDataverseEmulator, startSalesforceEmulator, type DataverseEmulator, type SalesforceEmulator } from '@crm-hub/crm-emulators';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubApi, type HubApi } from './support/hub-api';
import { openHubDatabase } from './support/hub-database';
import { freePort, startHub, type HubProcess } from './support/hub-process';

type Schema = { id: string; table: string; fields: { name: string; column: string | null; type: string; columnType: string | null; active: boolean; picklist?: string; enumeration?: string }[] };

/** The discovery wizard, hub schemas, drift and enum sync, through the API, against both CRM emulators. */
describe('discovery, schemas, drift and enum sync', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-schemas-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-schemas-0123456789abcdef';
  let sf: SalesforceEmulator;
  let dv: DataverseEmulator;
  let hub: HubProcess;
  let api: HubApi;
  let sfAccount: string;
  let dvAccount: string;
  let database: Awaited<ReturnType<typeof openHubDatabase>>;

  beforeAll(async () => {
    [sf, dv] = await Promise.all([startSalesforceEmulator(), startDataverseEmulator()]);
    hub = await startHub({
      cwd: root,
      env: { PORT: String(await freePort()), HUB_API_KEYS: apiKey, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''), ...db.env },
    });
    api = hubApi(hub.url, apiKey);
    const { clientId, clientSecret } = sf.credentials;
    const salesforce = await api.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Salesforce Prod',
      pluginId: 'salesforce',
      config: { loginUrl: sf.url, authFlow: 'client-credentials', clientId, clientSecret },
    });
    expect(salesforce.status).toBe(201);
    sfAccount = salesforce.body.id;
    const c = dv.credentials;
    const dynamics = await api.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Dynamics',
      pluginId: 'dynamics',
      config: { instanceUrl: dv.url, authorityUrl: dv.authorityUrl, tenantId: c.tenantId, clientId: c.clientId, clientSecret: c.clientSecret },
    });
    expect(dynamics.status).toBe(201);
    dvAccount = dynamics.body.id;
    database = await openHubDatabase(db.config);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await hub?.stop();
    await Promise.all([sf?.close(), dv?.close()]);
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const postgres = db.config.kind === 'postgres';

  it('lists and describes CRM objects', async () => {
    const objects = await api.call<{ objects: { name: string; schemaId: string | null }[] }>('GET', `/api/accounts/${sfAccount}/objects`);
    expect(objects.status).toBe(200);
    expect(objects.body.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Subscription__c']));
    const described = await api.call<{ object: { fields: { name: string; type: string }[] }; picklists: { id: string; multiSelect: boolean }[] }>(
      'GET',
      `/api/accounts/${sfAccount}/objects/Subscription__c`,
    );
    expect(described.status).toBe(200);
    expect(described.body.object.fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Features__c', type: 'multi-enum' })]));
    expect(described.body.picklists).toEqual(expect.arrayContaining([expect.objectContaining({ multiSelect: true })]));
  });

  it('generates Salesforce Contact and Subscription__c tables with typed columns, the multipicklist and the address', async () => {
    const res = await api.call<{ schemas: Schema[] }>('POST', `/api/accounts/${sfAccount}/schemas`, { objects: [{ name: 'Contact' }, { name: 'Subscription__c' }] });
    expect(res.status).toBe(201);
    const [contact, subscription] = res.body.schemas as [Schema, Schema];
    expect(contact.table).toBe('crm_salesforce_prod_contact');
    expect(subscription.table).toBe('crm_salesforce_prod_subscription_c');
    const contactColumns = await database.columns(contact.table);
    expect(Object.keys(contactColumns)).toEqual(expect.arrayContaining(['crm_id', 'crm_modified_at', 'hub_updated_at', 'hub_origin', 'hub_deleted_at', 'last_name', 'mailing_street', 'mailing_city', 'mailing_postal_code']));
    expect(contact.fields.find((f) => f.name === 'MailingAddress')).toMatchObject({ type: 'address', column: null });
    const columns = await database.columns(subscription.table);
    expect(columns).toMatchObject(
      postgres
        ? { features_c: 'jsonb', amount_c: 'numeric(16,2)', start_date_c: 'date', renewal_at_c: 'timestamp with time zone', active_c: 'boolean', crm_modified_at: 'timestamp with time zone' }
        : { features_c: 'text', amount_c: 'text', start_date_c: 'text', renewal_at_c: 'text', active_c: 'integer' },
    );
    expect(subscription.fields.find((f) => f.name === 'Features__c')).toMatchObject({ type: 'multi-enum', column: 'features_c', columnType: 'json' });
  });

  it('takes Salesforce object names in any case, as Salesforce does', async () => {
    const described = await api.call<{ object: { name: string }; schemaId: string | null }>('GET', `/api/accounts/${sfAccount}/objects/subscription__c`);
    expect(described.status).toBe(200);
    expect(described.body.object.name).toBe('Subscription__c');
    expect(described.body.schemaId).not.toBeNull();
    const again = await api.call<{ detail: string }>('POST', `/api/accounts/${sfAccount}/schemas`, { objects: [{ name: 'CONTACT' }] });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/Object 'Contact' of this account already has a schema/);
  });

  it('generates Dynamics account and new_subscription tables, with the multi-select choice', async () => {
    const res = await api.call<{ schemas: Schema[] }>('POST', `/api/accounts/${dvAccount}/schemas`, { objects: [{ name: 'account' }, { name: 'new_subscription' }] });
    expect(res.status).toBe(201);
    const subscription = res.body.schemas[1] as Schema;
    const columns = await database.columns(subscription.table);
    expect(columns).toMatchObject(
      postgres ? { new_channels: 'jsonb', new_startdate: 'date', new_renewalon: 'timestamp with time zone' } : { new_channels: 'text', new_amount: 'text' },
    );
    expect(subscription.fields.find((f) => f.name === 'new_channels')).toMatchObject({ type: 'multi-enum', columnType: 'json' });
    expect(subscription.fields.find((f) => f.name === 'new_amount')).toMatchObject({ type: 'currency' });
  });

  async function schemaOf(account: string, object: string): Promise<Schema> {
    const all = await api.call<Schema[]>('GET', `/api/schemas?accountId=${account}`);
    return all.body.find((s) => (s as Schema & { object: string }).object === object) as Schema;
  }

  it('shows a field added in the CRM as drift, and makes it a column when applied (Salesforce)', async () => {
    const schema = await schemaOf(sfAccount, 'Subscription__c');
    sf.addField('Subscription__c', { name: 'Tier__c', type: 'string', label: 'Tier', length: 40 });
    const drift = await api.call<{ upToDate: boolean; added: { field: string; columnType: string }[] }>('GET', `/api/schemas/${schema.id}/drift`);
    expect(drift.status).toBe(200);
    expect(drift.body).toMatchObject({ upToDate: false, added: [{ field: 'Tier__c', columnType: 'varchar(40)' }] });
    const applied = await api.call<{ added: string[]; schema: Schema }>('POST', `/api/schemas/${schema.id}/apply-drift`, {});
    expect(applied.status).toBe(200);
    expect(applied.body.added).toEqual(['Tier__c']);
    expect(await database.columns(schema.table)).toHaveProperty('tier_c');
    expect((await api.call<{ upToDate: boolean }>('GET', `/api/schemas/${schema.id}/drift`)).body.upToDate).toBe(true);
  });

  it('marks a field removed in the CRM inactive and keeps its column and data (Dynamics)', async () => {
    const schema = await schemaOf(dvAccount, 'new_subscription');
    const p = postgres ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    await database.dataSource.query(`INSERT INTO ${schema.table} (crm_id, hub_updated_at, new_code) VALUES (${p.join(', ')})`, [
      '00000000-0000-0000-0000-000000000001',
      '2026-01-01T00:00:00.000Z',
      'KEEP-ME',
    ]);
    dv.removeAttribute('new_subscription', 'new_code');
    const drift = await api.call<{ removed: { field: string; column: string }[] }>('GET', `/api/schemas/${schema.id}/drift`);
    expect(drift.body.removed).toEqual([{ field: 'new_code', column: 'new_code' }]);
    const applied = await api.call<{ deactivated: string[]; schema: Schema }>('POST', `/api/schemas/${schema.id}/apply-drift`, {});
    expect(applied.body.deactivated).toEqual(['new_code']);
    expect(applied.body.schema.fields.find((f) => f.name === 'new_code')).toMatchObject({ active: false, column: 'new_code' });
    const rows = (await database.dataSource.query(`SELECT new_code FROM ${schema.table}`)) as { new_code: string }[];
    expect(rows).toEqual([{ new_code: 'KEEP-ME' }]);
  });

  it('widens a column when the CRM lengthens a field', async () => {
    const schema = await schemaOf(sfAccount, 'Subscription__c');
    sf.addField('Subscription__c', { name: 'Code__c', type: 'string', label: 'Code', length: 20 });
    await api.call('POST', `/api/schemas/${schema.id}/apply-drift`, { addFields: ['Code__c'] });
    sf.removeField('Subscription__c', 'Code__c');
    sf.addField('Subscription__c', { name: 'Code__c', type: 'string', label: 'Code', length: 60 });
    const drift = await api.call<{ retyped: { field: string; safe: boolean }[] }>('GET', `/api/schemas/${schema.id}/drift`);
    expect(drift.body.retyped).toEqual([expect.objectContaining({ field: 'Code__c', safe: true })]);
    const applied = await api.call<{ widened: string[] }>('POST', `/api/schemas/${schema.id}/apply-drift`, {});
    expect(applied.body.widened).toEqual(['Code__c']);
    expect((await database.columns(schema.table))['code_c']).toBe(postgres ? 'character varying(60)' : 'text');
  });

  it('refuses a type change that could lose data, and applies it with skipUnsafe left as it is', async () => {
    const schema = await schemaOf(sfAccount, 'Subscription__c');
    sf.removeField('Subscription__c', 'Tier__c');
    sf.addField('Subscription__c', { name: 'Tier__c', type: 'double', label: 'Tier', precision: 18, scale: 0 });
    const refused = await api.call<{ status: number; errors: { field: string; message: string }[] }>('POST', `/api/schemas/${schema.id}/apply-drift`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ field: 'Tier__c', message: expect.stringMatching(/could lose or reinterpret stored values/) }]);
    const skipped = await api.call<{ skipped: { field: string }[] }>('POST', `/api/schemas/${schema.id}/apply-drift`, { skipUnsafe: true });
    expect(skipped.status).toBe(200);
    expect(skipped.body.skipped.map((s) => s.field)).toEqual(['Tier__c']);
  });

  it('syncs a picklist into a new enumeration, then adds (replace: false) or replaces (replace: true) after CRM changes', async () => {
    const picklists = await api.call<{ picklists: { id: string; multiSelect: boolean; usedBy: { field: string }[] }[] }>('GET', `/api/accounts/${sfAccount}/picklists`);
    const plan = picklists.body.picklists.find((p) => p.usedBy.some((u) => u.field === 'Plan__c')) as { id: string };
    const features = picklists.body.picklists.find((p) => p.usedBy.some((u) => u.field === 'Features__c')) as { id: string; multiSelect: boolean };
    expect(features.multiSelect).toBe(true);

    const first = await api.call<{ results: { created: boolean; added: string[] }[] }>('POST', `/api/accounts/${sfAccount}/enum-sync`, {
      bindings: [{ enumId: plan.id, enumeration: 'plan', replace: false }, { enumId: features.id, enumeration: 'features' }],
    });
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ created: true, added: ['Basic', 'Standard', 'Premium', 'Enterprise'] });
    const values = async (name: string) =>
      (await api.call<{ values: { value: string; label: string }[] }>('GET', `/api/enumerations/${name}`)).body.values.map((v) => `${v.value}=${v.label}`);
    expect(await values('plan')).toEqual(['Basic=Basic', 'Standard=Standard', 'Premium=Premium', 'Enterprise=Enterprise']);

    sf.setPicklistValues('Subscription__c', 'Plan__c', [{ value: 'Basic', label: 'Basic plan' }, { value: 'Premium' }, { value: 'Ultimate' }]);
    const merged = await api.call<{ results: { added: string[]; changed: { value: string }[]; removed: string[] }[] }>('POST', `/api/accounts/${sfAccount}/enum-sync`, {
      bindings: [{ enumId: plan.id, enumeration: 'plan', replace: false }],
    });
    expect(merged.body.results[0]).toMatchObject({ added: ['Ultimate'], changed: [{ value: 'Basic' }], removed: [] });
    expect(await values('plan')).toEqual(['Basic=Basic plan', 'Standard=Standard', 'Premium=Premium', 'Enterprise=Enterprise', 'Ultimate=Ultimate']);

    const replaced = await api.call<{ results: { removed: string[] }[] }>('POST', `/api/accounts/${sfAccount}/enum-sync`, {
      bindings: [{ enumId: plan.id, enumeration: 'plan', replace: true }],
    });
    expect(replaced.body.results[0]?.removed).toEqual(['Standard', 'Enterprise']);
    expect(await values('plan')).toEqual(['Basic=Basic plan', 'Premium=Premium', 'Ultimate=Ultimate']);

    // The bindings are remembered: a call without bindings syncs them again.
    const again = await api.call<{ results: { picklist: string; enumeration: string }[] }>('POST', `/api/accounts/${sfAccount}/enum-sync`, {});
    expect(again.body.results.map((r) => r.enumeration).sort()).toEqual(['features', 'plan']);
  });

  it('syncs a Dataverse global multi-select option set', async () => {
    const picklists = await api.call<{ picklists: { id: string; global: boolean; multiSelect: boolean }[] }>('GET', `/api/accounts/${dvAccount}/picklists`);
    const channels = picklists.body.picklists.find((p) => p.global && p.multiSelect) as { id: string };
    const res = await api.call<{ results: { added: string[] }[] }>('POST', `/api/accounts/${dvAccount}/enum-sync`, { bindings: [{ enumId: channels.id, enumeration: 'channels' }] });
    expect(res.status).toBe(200);
    expect(res.body.results[0]?.added.length).toBeGreaterThan(1);
  });

  it('browses records with a filter, enum labels next to values', async () => {
    const schema = await schemaOf(sfAccount, 'Subscription__c');
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const insert = `INSERT INTO ${schema.table} (crm_id, hub_updated_at, name, plan_c, features_c, amount_c, active_c) VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`;
    await database.dataSource.query(insert, ['a0X000000000001AAA', '2026-01-01T00:00:00.000Z', 'Alpha', 'Premium', JSON.stringify(['Api', 'Sso']), '19.99', postgres ? true : 1]);
    await database.dataSource.query(insert, ['a0X000000000002AAA', '2026-01-01T00:00:00.000Z', 'Beta', 'Basic', JSON.stringify([]), '5.00', postgres ? false : 0]);
    const filter = encodeURIComponent(JSON.stringify({ and: [{ field: 'Plan__c', op: 'eq', value: 'Premium' }, { field: 'Features__c', op: 'contains', value: 'Sso' }] }));
    const res = await api.call<{ records: { crmId: string; values: Record<string, unknown>; labels: Record<string, unknown> }[]; next: string | null }>(
      'GET',
      `/api/schemas/${schema.id}/records?filter=${filter}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.records).toHaveLength(1);
    expect(res.body.records[0]).toMatchObject({
      crmId: 'a0X000000000001AAA',
      values: { Name: 'Alpha', Plan__c: 'Premium', Features__c: ['Api', 'Sso'], Amount__c: '19.99', Active__c: true },
      labels: { Plan__c: 'Premium', Features__c: ['Api', 'Sso'] },
    });
    const page = await api.call<{ records: unknown[]; next: string | null }>('GET', `/api/schemas/${schema.id}/records?limit=1`);
    expect(page.body.records).toHaveLength(1);
    expect(page.body.next).not.toBeNull();
    const bad = await api.call<{ errors: { field: string }[] }>('GET', `/api/schemas/${schema.id}/records?filter=${encodeURIComponent('{"field":"Nope","op":"eq","value":1}')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.field).toBe('filter');
  });

  it('names what is wrong, and writes nothing, for bad input', async () => {
    const before = (await api.call<unknown[]>('GET', '/api/schemas')).body.length;
    const unknownAccount = await api.call<{ detail: string }>('GET', '/api/accounts/00000000-0000-0000-0000-000000000000/objects');
    expect(unknownAccount.status).toBe(404);
    const unknownObject = await api.call<{ detail: string }>('POST', `/api/accounts/${sfAccount}/schemas`, { objects: [{ name: 'Lead' }, { name: 'Invoice__c' }] });
    expect(unknownObject.status).toBe(404);
    expect(unknownObject.body.detail).toMatch(/'Invoice__c'/);
    const unknownField = await api.call<{ detail: string }>('POST', `/api/accounts/${sfAccount}/schemas`, { objects: [{ name: 'Lead', fields: ['LastName', 'Nope__c'] }] });
    expect(unknownField.status).toBe(404);
    expect(unknownField.body.detail).toMatch(/has no field 'Nope__c'/);
    const existing = await api.call<{ detail: string }>('POST', `/api/accounts/${sfAccount}/schemas`, { objects: [{ name: 'Contact' }] });
    expect(existing.status).toBe(409);
    expect(existing.body.detail).toMatch(/apply-drift/);
    const unknownPicklist = await api.call<{ errors: { field: string; message: string }[] }>('POST', `/api/accounts/${sfAccount}/enum-sync`, {
      bindings: [{ enumId: 'Contact.Nope__c', enumeration: 'nope' }],
    });
    expect(unknownPicklist.status).toBe(400);
    expect(unknownPicklist.body.errors[0]).toMatchObject({ field: 'bindings[0].enumId', message: expect.stringMatching(/no picklist 'Contact.Nope__c'/) });
    expect((await api.call<unknown[]>('GET', '/api/schemas')).body.length).toBe(before);
    expect((await api.call('GET', '/api/enumerations/nope')).status).toBe(404);
    const inUse = await api.call<{ detail: string }>('DELETE', `/api/accounts/${sfAccount}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toMatch(/schema 'Contact/);
  });
});
