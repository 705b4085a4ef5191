import { startSalesforceEmulator, type SalesforceEmulator } from '@crm-hub/crm-emulators';
import { FIXTURE_TOKENS, installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { badRequests, type BadRequest } from './support/bad-requests';
import { hubApi, type HubApi } from './support/hub-api';
import { freePort, startHub, type HubProcess } from './support/hub-process';
import { rawRequest } from './support/raw-http';

/**
 * Hostile and malformed input against the built hub (issue 10, "Bad input"), on SQLite or on
 * PostgreSQL (DATABASE_URL): every request gets a 4xx problem+json, nothing stored changes, no
 * secret of an account shows in any answer or log line, and the hub keeps serving.
 */
describe('bad input', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-bad-input-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-bad-input-0123456789abcdef';
  const answers: string[] = [];
  let sf: SalesforceEmulator;
  let hub: HubProcess;
  let api: HubApi;
  let ids: { fixture: string; salesforce: string; schema: string };

  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    const pluginsDir = join(root, 'plugins.d');
    installFixturePlugins(pluginsDir, ['fixture-crm']);
    hub = await startHub({
      cwd: root,
      env: {
        PORT: String(await freePort()),
        HUB_API_KEYS: apiKey,
        PLUGINS_DIR: pluginsDir,
        LOG_LEVEL: 'debug',
        NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''),
        ...db.env,
      },
    });
    api = hubApi(hub.url, apiKey);
    await pluginsLoaded(api, ['fixture-crm', 'salesforce']);
    const fixture = await api.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Fixture',
      pluginId: 'fixture-crm',
      config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good },
    });
    const { clientId, clientSecret } = sf.credentials;
    const salesforce = await api.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Salesforce',
      pluginId: 'salesforce',
      config: { loginUrl: sf.url, authFlow: 'client-credentials', clientId, clientSecret },
    });
    expect([fixture.status, salesforce.status]).toEqual([201, 201]);
    const schemas = await api.call<{ schemas: { id: string }[] }>('POST', `/api/accounts/${salesforce.body.id}/schemas`, {
      objects: [{ name: 'Subscription__c' }],
    });
    expect(schemas.status).toBe(201);
    ids = { fixture: fixture.body.id, salesforce: salesforce.body.id, schema: schemas.body.schemas[0]?.id as string };
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await sf?.close();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Waits until the plugins are listed (loading them may finish after the hub listens). */
  async function pluginsLoaded(client: HubApi, wanted: string[]): Promise<void> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const { body } = await client.call<{ plugins: { id: string }[] }>('GET', '/api/plugins');
      if (wanted.every((id) => body.plugins.some((p) => p.id === id))) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`plugins ${wanted.join(', ')} were not loaded within 30 s`);
  }

  /** Everything a caller can read back: it must be the same after every bad request. */
  async function state(): Promise<string> {
    const paths = ['/api/accounts', `/api/accounts/${ids.fixture}`, `/api/accounts/${ids.salesforce}`, '/api/schemas', `/api/schemas/${ids.schema}/records`];
    const texts = await Promise.all(paths.map(async (path) => (await api.call('GET', path)).text));
    return texts.join('\n');
  }

  async function send(request: BadRequest): Promise<{ status: number; contentType: string; text: string }> {
    const url = new URL(hub.url);
    if (request.raw) {
      const res = await rawRequest(Number(url.port), request.raw(apiKey));
      return { status: res.status, contentType: res.headers['content-type'] ?? '', text: res.body };
    }
    const res = await fetch(`${hub.url}${request.path(ids)}`, {
      method: request.method,
      headers: { authorization: `Bearer ${apiKey}`, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body(ids) }),
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  it.each(badRequests.map((r) => [r.name, r] as const))('%s', async (_name, request) => {
    const before = await state();
    const res = await send(request);
    answers.push(res.text);
    expect({ status: res.status, contentType: res.contentType }).toEqual({
      status: request.status,
      contentType: expect.stringMatching(/^application\/problem\+json/),
    });
    const problem = JSON.parse(res.text) as { status: number; detail: string; errors?: { field: string }[] };
    expect(problem).toMatchObject({ status: request.status, detail: expect.any(String) });
    if (request.field) expect((problem.errors ?? []).map((e) => e.field)).toContain(request.field);
    expect(await state()).toBe(before);
  });

  it('an empty PATCH answers the account unchanged and writes nothing (updatedAt kept)', async () => {
    const before = await state();
    const res = await api.call<{ updatedAt: string }>('PATCH', `/api/accounts/${ids.fixture}`, {});
    expect(res.status).toBe(200);
    expect(await state()).toBe(before);
  });

  it('showed no secret in any answer or log line, and still serves', async () => {
    const health = await fetch(`${hub.url}/health`);
    expect(health.status).toBe(200);
    const everything = [...answers, hub.output()].join('\n');
    for (const secret of [FIXTURE_TOKENS.good, sf.credentials.clientSecret, apiKey, 's3cret-pass']) expect(everything).not.toContain(secret);
    // No request ended in a 5xx or an unexpected error.
    expect(everything).not.toMatch(/"statusCode":5\d\d|Unexpected error/);
  });
});
