import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { type Gauge, register } from 'prom-client';
import { startTestHub, type TestHub } from '../test-support/test-hub';

/** What every answer tells a browser, and what the open endpoints show to anyone. */
describe('security headers and open endpoints', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub()));
  afterAll(() => hub.close());

  it('sends helmet headers on the API, errors included, and no-store on /api', async () => {
    for (const res of [await hub.api().get('/api/accounts').expect(200), await hub.anonymous().get('/api/accounts').expect(401)]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const health = await hub.anonymous().get('/health').expect(200);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['cache-control']).toBeUndefined();
  });

  it('lets /docs (Swagger UI) load its own scripts and styles, and nothing from elsewhere', async () => {
    const page = await hub.anonymous().get('/docs').redirects(1).expect(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Every script the page loads is an external file of the hub itself (no inline script to allow).
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/^\s*src=["'](\.?\/)?(docs\/)?[\w.-]+\.js["']\s*$/);
    const init = /src=["']([^"']*swagger-ui-init\.js)["']/.exec(page.text)?.[1] as string;
    await hub.anonymous().get(new URL(init, 'http://hub/docs').pathname).expect(200).expect('content-type', /javascript/);
  });

  it('describes the API key as an opaque bearer token, not a JWT', async () => {
    const doc = (await hub.anonymous().get('/docs/openapi.json').expect(200)).body as { components: { securitySchemes: Record<string, Record<string, unknown>> } };
    expect(doc.components.securitySchemes['bearer']).toEqual({ type: 'http', scheme: 'bearer', description: expect.stringMatching(/API key/) });
  });

  it('shows plugin locations relative to PLUGINS_DIR or the installation, never absolute', async () => {
    const res = await hub.api().get('/api/plugins').expect(200);
    const fixture = (res.body.plugins as { id: string; location: string }[]).find((p) => p.id === 'fixture-crm');
    expect(fixture?.location).toBe('fixture-crm');
    expect(res.text).not.toContain(hub.config.pluginsDir);
    expect(res.text).not.toContain(hub.config.hostRoot);
    expect(res.text).not.toMatch(/"location":"\//);
  });

  it('shows no account id on the open /metrics, only aggregates per plugin', async () => {
    const created = await hub
      .api()
      .post('/api/accounts')
      .send({ name: 'metered', pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good } })
      .expect(201);
    await hub.api().post(`/api/accounts/${created.body.id}/check`).expect(200);
    const quota = register.getSingleMetric('crm_hub_crm_quota_ratio') as Gauge<'plugin' | 'account' | 'kind'>;
    quota.set({ plugin: 'fixture-crm', account: created.body.id, kind: 'daily' }, 0.25);
    quota.set({ plugin: 'fixture-crm', account: 'another-account-id', kind: 'daily' }, 0.75);

    const metrics = await hub.anonymous().get('/metrics').expect(200);
    expect(metrics.text).not.toContain(created.body.id);
    expect(metrics.text).not.toContain('another-account-id');
    expect(metrics.text).not.toMatch(/account=/);
    expect(metrics.text).toMatch(/crm_hub_crm_quota_ratio\{plugin="fixture-crm",kind="daily"\} 0\.75/);
    expect(metrics.text).toMatch(/crm_hub_crm_api_calls_total\{plugin="fixture-crm",kind="check"\} \d+/);
    expect(metrics.text).toMatch(/crm_hub_plugins\{state="loaded"\} \d+/);
  });
});
