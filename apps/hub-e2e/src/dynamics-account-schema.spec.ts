import { startDataverseEmulator, type DataverseEmulator } from '@crm-hub/crm-emulators';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubApi, type HubApi } from './support/hub-api';
import { openHubDatabase } from './support/hub-database';
import { freePort, startHub, type HubProcess } from './support/hub-process';
import { syncApi } from './support/sync-api';

type Attribute = { LogicalName: string; AttributeType: string; IsValidForRead: boolean; IsValidODataAttribute: boolean };
type SchemaField = { name: string; column: string | null; type: string; nativeType: string; columnType: string | null; active: boolean };
type Described = { object: { fields: { name: string; type: string }[]; unsupportedFields?: { name: string; nativeType: string; reason: string }[] } };

/**
 * The Dynamics `account` table as a real organization has it (the Dataverse emulator transcribes
 * Microsoft's table reference: about 240 attributes, owner, image, file, virtual companions)
 * through the hub: a column for each readable attribute, or its explanation.
 */
describe('Dynamics account schema', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-dv-account-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-dynamics-account-0123456';
  let dv: DataverseEmulator;
  let hub: HubProcess;
  let api: HubApi;
  let account: string;
  let database: Awaited<ReturnType<typeof openHubDatabase>>;
  let attributes: Attribute[];

  beforeAll(async () => {
    dv = await startDataverseEmulator();
    hub = await startHub({
      cwd: root,
      env: { PORT: String(await freePort()), HUB_API_KEYS: apiKey, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''), ...db.env },
    });
    api = hubApi(hub.url, apiKey);
    const c = dv.credentials;
    account = await syncApi(api).account('Dynamics', 'dynamics', { instanceUrl: dv.url, authorityUrl: dv.authorityUrl, tenantId: c.tenantId, clientId: c.clientId, clientSecret: c.clientSecret });
    database = await openHubDatabase(db.config);
    attributes = await emulatorAttributes(dv);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await hub?.stop();
    await dv?.close();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('makes a column for each readable attribute of the emulator, and explains every other readable one', async () => {
    const described = await api.call<Described>('GET', `/api/accounts/${account}/objects/account`);
    expect(described.status).toBe(200);
    const res = await api.call<{ schemas: { table: string; fields: SchemaField[] }[] }>('POST', `/api/accounts/${account}/schemas`, { objects: [{ name: 'account' }] });
    expect(res.status).toBe(201);
    const schema = res.body.schemas[0] as { table: string; fields: SchemaField[] };
    const columns = await database.columns(schema.table);
    const fields = new Map(schema.fields.map((f) => [f.name, f]));
    const unsupported = new Map((described.body.object.unsupportedFields ?? []).map((u) => [u.name, u]));

    const readable = attributes.filter((a) => a.IsValidForRead);
    expect(readable.length).toBeGreaterThanOrEqual(190);
    const missing: string[] = [];
    for (const a of readable) {
      const field = fields.get(a.LogicalName);
      const explained = unsupported.get(a.LogicalName)?.reason;
      // A Web API property of the row is a column of the table; anything else is explained.
      if (a.IsValidODataAttribute ? !(field?.column && field.active && columns[field.column]) : !explained) missing.push(a.LogicalName);
    }
    expect(missing).toEqual([]);
    for (const a of attributes.filter((x) => !x.IsValidForRead)) expect([a.LogicalName, fields.has(a.LogicalName)]).toEqual([a.LogicalName, false]);

    // Per kind: the owner a reference, the image bytes and the file id as columns of their own.
    expect(fields.get('ownerid')).toMatchObject({ type: 'reference', nativeType: 'Owner' });
    expect(fields.get('entityimage')).toMatchObject({ type: 'binary', nativeType: 'ImageType' });
    expect(fields.get('new_contract')).toMatchObject({ type: 'string', nativeType: 'FileType' });
    expect(fields.get('processid')).toMatchObject({ type: 'string' });
    expect(fields.get('new_channels')).toMatchObject({ type: 'multi-enum', columnType: 'json' });
    expect(unsupported.get('owneridname')?.reason).toMatch(/accompanies 'ownerid'/);
  });

  it('imports accounts with their owner as <table>:<guid>', async () => {
    const schemas = await api.call<{ id: string; object: string; table: string }[]>('GET', `/api/schemas?accountId=${account}`);
    const schema = schemas.body.find((s) => s.object === 'account') as { id: string; table: string };
    dv.seed('account', 3);
    const { teamId, administratorId } = dv.platform;
    const [assigned] = dv.create('account', [{ name: 'Team owned', 'ownerid@odata.bind': `/teams(${teamId})`, new_contract: 'terms.pdf' }]);
    const sync = syncApi(api);
    const job = await sync.job({ name: 'Accounts', accountId: account, schemaId: schema.id, operation: 'import' });
    expect(await sync.runToEnd(job)).toMatchObject({ status: 'succeeded', counters: { inserted: 4 } });
    const rows = (await database.dataSource.query(`SELECT crm_id, ownerid, owningteam, new_contract_name FROM "${schema.table}"`)) as Record<string, string | null>[];
    const byId = new Map(rows.map((r) => [r['crm_id'], r]));
    expect(byId.get(assigned as string)).toMatchObject({ ownerid: `team:${teamId}`, owningteam: teamId, new_contract_name: 'terms.pdf' });
    expect(rows.filter((r) => r['ownerid'] === `systemuser:${administratorId}`)).toHaveLength(3);
  });
});

/** The `account` attributes as the emulator's metadata gives them (not as the plugin maps them). */
async function emulatorAttributes(dv: DataverseEmulator): Promise<Attribute[]> {
  const { credentials, tokenEndpoint, url, apiUrl } = dv;
  const tokenRes = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: `${url}/.default` }).toString(),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const select = 'LogicalName,AttributeType,IsValidForRead,IsValidODataAttribute';
  const res = await fetch(`${apiUrl}/EntityDefinitions(LogicalName='account')/Attributes?$select=${select}`, {
    headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' },
  });
  return ((await res.json()) as { value: Attribute[] }).value;
}
