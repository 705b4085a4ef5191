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
});
