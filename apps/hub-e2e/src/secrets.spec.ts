import { FIXTURE_TOKENS, installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubApi } from './support/hub-api';
import { freePort, startHub, type HubProcess } from './support/hub-process';

/** A stored secret must never come back out: not in a response, an error or a log line. */
describe('account secrets', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-secrets-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-secrets-0123456789abcdef';
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const call = (hub: HubProcess, method: string, path: string, body?: unknown) => hubApi(hub.url, apiKey).call(method, path, body);

  it('never appear in responses or logs, across a restart, even when the plugin logs them', async () => {
    const pluginsDir = join(root, 'plugins.d');
    installFixturePlugins(pluginsDir, ['fixture-crm']);
    const env = { PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, LOG_LEVEL: 'debug', ...db.env };
    const seen: string[] = [];
    const first = await startHub({ cwd: root, env: { ...env, PORT: String(await freePort()) } });
    let id: string;
    try {
      const created = await call(first, 'POST', '/api/accounts', {
        name: 'secrets',
        pluginId: 'fixture-crm',
        config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good },
      });
      expect(created.status).toBe(201);
      id = (JSON.parse(created.text) as { id: string }).id;
      const badUrl = await call(first, 'POST', '/api/accounts', {
        name: 'insecure',
        pluginId: 'fixture-crm',
        config: { baseUrl: 'http://crm.example.com', token: FIXTURE_TOKENS.echoedInError },
      });
      expect(badUrl.status).toBe(400);
      const echoed = await call(first, 'POST', '/api/accounts', {
        name: 'echoed',
        pluginId: 'fixture-crm',
        config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.echoedInError },
      });
      const echoedId = (JSON.parse(echoed.text) as { id: string }).id;
      seen.push(
        created.text,
        badUrl.text,
        echoed.text,
        (await call(first, 'POST', `/api/accounts/${id}/check`)).text,
        (await call(first, 'POST', `/api/accounts/${echoedId}/check`)).text,
        (await call(first, 'GET', '/api/accounts')).text,
        (await call(first, 'PATCH', `/api/accounts/${id}`, { config: { apiVersion: 'v2' } })).text,
      );
    } finally {
      await first.stop();
    }
    const second = await startHub({ cwd: root, env: { ...env, PORT: String(await freePort()) } });
    try {
      const check = await call(second, 'POST', `/api/accounts/${id}/check`);
      expect(JSON.parse(check.text)).toMatchObject({ ok: true });
      seen.push(check.text);
    } finally {
      await second.stop();
    }
    const everything = [...seen, first.output(), second.output()].join('\n');
    expect(everything).toContain('checking with token [REDACTED]');
    expect(everything).not.toContain(FIXTURE_TOKENS.good);
    expect(everything).not.toContain(FIXTURE_TOKENS.echoedInError);
    expect(everything).not.toContain(apiKey);
  });
});
