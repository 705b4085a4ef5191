import { installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubApi } from './support/hub-api';
import { freePort, startHub } from './support/hub-process';

/** Vendors' packages, built elsewhere, dropped into PLUGINS_DIR outside the hub's folder. */
describe('drop-in plugins', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-drop-in-'));
  const db = createTestDatabase();
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('loads the built-in plugins and CommonJS and ES-module drop-ins, lists broken and unsupported ones as refused, and runs on', async () => {
    const pluginsDir = join(root, 'vendor-plugins');
    installFixturePlugins(pluginsDir, ['fixture-crm', 'esm-crm', 'broken-crm', 'future-contract']);
    const apiKey = 'e2e-key-0123456789abcdefghij';
    const hub = await startHub({
      cwd: root,
      env: { PORT: String(await freePort()), PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, ...db.env },
    });
    try {
      const res = await fetch(`${hub.url}/api/plugins`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        plugins: { id: string; source: string; name: string; version: string; contract: number; capabilities: object; connectionSpec: object }[];
        refused: { package?: string; reason: string }[];
      };
      const dropIns = body.plugins.filter((p) => p.source === 'plugins-dir');
      expect(dropIns.map((p) => p.id).sort()).toEqual(['esm-crm', 'fixture-crm']);
      expect(body.plugins.find((p) => p.id === 'esm-crm')).toMatchObject({
        name: 'ESM CRM',
        version: '0.3.0',
        contract: 1,
        capabilities: { changeStream: 'delta' },
        connectionSpec: { required: ['url'] },
      });
      // The plugins built in this repository come as dependencies of the installation.
      expect(body.plugins.filter((p) => p.source === 'dependency').map((p) => p.id).sort()).toEqual(['dynamics', 'hubspot', 'salesforce']);
      expect(body.refused).toHaveLength(2);
      const reasons = Object.fromEntries(body.refused.map((r) => [r.package, r.reason]));
      expect(reasons['@acme/crm-hub-plugin-broken-crm@0.0.1']).toMatch(/missing native driver/);
      expect(reasons['@acme/crm-hub-plugin-future@3.0.0']).toMatch(/contract 2.*supports contract 1/);
      expect((await fetch(`${hub.url}/health`)).status).toBe(200);

      // A contract-1 package (built against SDK 1.0, plain Observables) still goes through the discovery wizard.
      const api = hubApi(hub.url, apiKey);
      const account = await api.call<{ id: string }>('POST', '/api/accounts', {
        name: 'Fixture',
        pluginId: 'fixture-crm',
        config: { baseUrl: 'https://fixture.example.com', token: 'good-token-1234567' },
      });
      expect(account.status).toBe(201);
      const objects = await api.call<{ objects: { name: string }[] }>('GET', `/api/accounts/${account.body.id}/objects`);
      expect(objects.body.objects.map((o) => o.name)).toEqual(['Contact']);
      const schemas = await api.call<{ schemas: { table: string; fields: { name: string; column: string | null }[] }[] }>(
        'POST',
        `/api/accounts/${account.body.id}/schemas`,
        { objects: [{ name: 'Contact' }] },
      );
      expect(schemas.status).toBe(201);
      expect(schemas.body.schemas[0]?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['LastName']));
    } finally {
      expect((await hub.stop()).code).toBe(0);
    }
  });
});
