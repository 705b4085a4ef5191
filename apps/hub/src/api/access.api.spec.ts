import { startTestHub, type TestHub } from '../test-support/test-hub';

describe('API access', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub()));
  afterAll(() => hub.close());

  it.each(['/api/plugins', '/api/accounts', '/api/no-such-route'])('%s without a valid key → 401 problem+json', async (path) => {
    const none = await hub.anonymous().get(path).expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="crm-hub"');
    expect(none.body).toMatchObject({ status: 401, detail: expect.stringMatching(/Authorization: Bearer/) });
    await hub.anonymous().get(path).set('authorization', 'Bearer not-the-key').expect(401);
    await hub.anonymous().post(path).set('authorization', `Basic ${hub.apiKey}`).expect(401);
  });

  it('lets a valid key in', async () => {
    await hub.api().get('/api/plugins').expect(200);
    const missing = await hub.api().get('/api/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps /health, /metrics and /docs open', async () => {
    const health = await hub.anonymous().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    const metrics = await hub.anonymous().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/crm_hub_http_request_duration_seconds_bucket\{.*route="\/api\/plugins"/);
    const loaded = ((await hub.api().get('/api/plugins')).body.plugins as unknown[]).length;
    expect(metrics.text).toContain(`crm_hub_plugins{state="loaded"} ${loaded}`);
    expect(metrics.text).toMatch(/crm_hub_process_cpu_seconds_total/);
    await hub.anonymous().get('/docs').redirects(1).expect(200).expect('content-type', /html/);
  });

  it('publishes an OpenAPI document describing the API and its bearer auth', async () => {
    const res = await hub.anonymous().get('/docs/openapi.json').expect(200);
    const doc = res.body as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/plugins', '/api/accounts', '/api/accounts/{id}', '/api/accounts/{id}/check', '/health']),
    );
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });

  it('lists plugins with their connection spec', async () => {
    const res = await hub.api().get('/api/plugins').expect(200);
    const fixture = (res.body.plugins as { id: string; connectionSpec: { properties: Record<string, Record<string, unknown>> } }[]).find(
      (p) => p.id === 'fixture-crm',
    );
    expect(fixture).toMatchObject({ id: 'fixture-crm', name: 'Fixture CRM', version: '1.2.3', contract: 1, source: 'plugins-dir' });
    expect(fixture?.connectionSpec.properties['token']?.['x-secret']).toBe(true);
  });
});
