import { FIXTURE_TOKENS, installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubApi } from './support/hub-api';
import { freePort, startHub, type HubProcess } from './support/hub-process';

// Several hub processes per test, beside builds and other suites on two cores.
jest.setTimeout(180_000);

/**
 * The README's multi-process setup: two hub processes on one database — one SQLite data folder
 * (the default layout, with its generated key file), or one PostgreSQL schema with HUB_SECRET_KEY.
 */
describe('two hubs on one database', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-multi-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-multi-process-0123456789';
  const shared: Record<string, string> =
    db.config.kind === 'sqlite' ? { HUB_DATA_DIR: join(root, 'data') } : { ...db.env, HUB_SECRET_KEY: randomBytes(32).toString('base64') };
  const pluginsDir = join(root, 'plugins.d');
  installFixturePlugins(pluginsDir, ['fixture-crm']);
  const env = { PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, LOG_LEVEL: 'debug', ...shared };
  let a: HubProcess | undefined;
  let b: HubProcess | undefined;

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const call = (hub: HubProcess | undefined, method: string, path: string, body?: unknown) =>
    hubApi((hub as HubProcess).url, apiKey).call(method, path, body);
  const account = (name: string, token: string) => ({ name, pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token } });

  it('start together on a new database: the migrations run once, both serve', async () => {
    // Two hubs booting at once on two cores: allow them more than one hub's usual time.
    const start = () => freePort().then((port) => startHub({ cwd: root, env: { ...env, PORT: String(port) }, startTimeoutMs: 90_000 }));
    const started = await Promise.allSettled([start(), start()]);
    // Keep whichever started, so that afterAll stops it even if the other failed.
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    if (!a || !b) throw new Error('a hub did not start');
    for (const hub of [a, b]) expect((await call(hub, 'GET', '/api/accounts')).status).toBe(200);
    // One ran every migration; the other waited for it, then found none pending.
    const executed = [a, b].map((hub) => hub.output().match(/has been executed successfully/g)?.length ?? 0).sort();
    expect(executed[0]).toBe(0);
    expect(executed[1]).toBeGreaterThan(0);
    expect([a, b].filter((hub) => /No migrations are pending/.test(hub.output()))).toHaveLength(1);
  });

  it("mask a secret stored through the other hub — in its logs, its check answer and the stored last check", async () => {
    // Both secrets are stored through hub A after hub B started: B learns them only when it reads them.
    const refused = `refused-${randomBytes(12).toString('base64url')}`;
    const echoed = FIXTURE_TOKENS.echoedInError;
    const seen: string[] = [];
    for (const [name, token] of [['refused', refused], ['echoed', echoed]] as const) {
      const created = await call(a, 'POST', '/api/accounts', account(`masked ${name}`, token));
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const check = await call(b, 'POST', `/api/accounts/${id}/check`);
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ ok: false, reason: expect.stringContaining('[REDACTED]') });
      const fromA = await call(a, 'GET', `/api/accounts/${id}`);
      const fromB = await call(b, 'GET', `/api/accounts/${id}`);
      expect(fromA.body).toMatchObject({ lastCheck: { status: 'failed', reason: expect.stringContaining('[REDACTED]') } });
      seen.push(created.text, check.text, fromA.text, fromB.text, (await call(a, 'POST', `/api/accounts/${id}/check`)).text);
    }
    // The plugin logs each token it checks with: B's line is there, masked.
    await (b as HubProcess).waitForOutput(/checking with token \[REDACTED\]/);
    const everything = [...seen, (a as HubProcess).output(), (b as HubProcess).output()].join('\n');
    expect(everything).not.toContain(refused);
    expect(everything).not.toContain(echoed);
  });

  it('take concurrent writes from both: never a 500; a conflict is a 409, or a 503 with Retry-After', async () => {
    const base = await call(a, 'POST', '/api/accounts', account('concurrent base', FIXTURE_TOKENS.good));
    const baseId = (base.body as { id: string }).id;
    const requests: ReturnType<typeof call>[] = [];
    for (let i = 0; i < 15; i++) {
      for (const [hub, tag] of [[a, 'A'], [b, 'B']] as const) {
        requests.push(call(hub, 'POST', '/api/accounts', account(`concurrent ${tag}${i}`, FIXTURE_TOKENS.good)));
        requests.push(call(hub, 'PATCH', `/api/accounts/${baseId}`, { config: { apiVersion: `v-${tag}${i}` } }));
        requests.push(call(hub, 'POST', '/api/accounts', account('one name for all', FIXTURE_TOKENS.good)));
      }
    }
    const results = await Promise.all(requests);
    const unexpected = results.filter((r) => ![200, 201, 409, 503].includes(r.status));
    expect(unexpected.map((r) => `${r.status} ${r.text}`)).toEqual([]);
    for (const busy of results.filter((r) => r.status === 503)) {
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(busy.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const sameName = results.filter((r) => (r.body as { name?: string } | undefined)?.name === 'one name for all');
    expect(sameName).toHaveLength(1);
    const created = results.filter((r) => r.status === 201).length;
    const [listA, listB] = await Promise.all([call(a, 'GET', '/api/accounts'), call(b, 'GET', '/api/accounts')]);
    expect(listA.body).toEqual(listB.body);
    // 2 masked accounts and the base one, plus what this burst created.
    expect((listA.body as unknown[]).length).toBe(3 + created);
  });
});
