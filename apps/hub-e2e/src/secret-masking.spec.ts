import { FIXTURE_TOKENS, installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubApi } from './support/hub-api';
import { runHubToExit } from './support/hub-command';
import { freePort, startHub } from './support/hub-process';
import { logLines } from './support/log-lines';
import { seedAccounts } from './support/seed-accounts';

/** Hubs start in a few seconds, but `npm test` runs beside builds and other suites on two cores. */
const SLOW_START_MS = 90_000;
jest.setTimeout(180_000);

/** How the hub masks secrets in what it prints: whatever their size, and without masking ordinary text. */
describe('secret masking', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-masking-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-masking-0123456789abcdef';
  const key = randomBytes(32);
  const pluginsDir = join(root, 'plugins.d');
  installFixturePlugins(pluginsDir, ['fixture-crm']);
  const env = { PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, HUB_SECRET_KEY: key.toString('base64'), LOG_LEVEL: 'debug', ...db.env };
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts with stored secrets far larger than one regular expression holds, and never prints them — not even when the start fails', async () => {
    const first = await startHub({ cwd: root, env: { ...env, PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    await first.stop();
    // Three 40 KB secrets, as stored before settings had size limits.
    const huge = [1, 2, 3].map((i) => `huge-${i}-${randomBytes(30_000).toString('base64url')}`);
    const [one] = await seedAccounts(db.config, key, [
      ...huge.map((token, i) => ({ name: `huge ${i}`, token })),
      { name: 'good', token: FIXTURE_TOKENS.good },
    ]).then((all) => all.slice(3));

    const port = await freePort();
    const hub = await startHub({ cwd: root, env: { ...env, PORT: String(port) }, startTimeoutMs: SLOW_START_MS });
    let failed: Awaited<ReturnType<typeof runHubToExit>>;
    try {
      const check = await hubApi(hub.url, apiKey).call('POST', `/api/accounts/${one?.id}/check`);
      expect(check.body).toMatchObject({ ok: true });
      // The same data, and a port already taken: the start fails after every secret was loaded.
      failed = await runHubToExit({ cwd: root, env: { ...env, PORT: String(port) } });
    } finally {
      await hub.stop();
    }
    expect(failed.code).toBe(1);
    const fatal = logLines(failed.output).find((l) => l.level === 60);
    expect(fatal?.msg).toMatch(/CRM Hub failed to start: .*EADDRINUSE/);
    for (const output of [hub.output(), failed.output]) {
      logLines(output);
      for (const secret of huge) expect(output).not.toContain(secret.slice(0, 200));
    }
  });

  it('masks a secret that is an ordinary word as a word, and never turns log keys into [REDACTED]', async () => {
    const hub = await startHub({ cwd: root, env: { ...env, PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    const call = (method: string, path: string, body?: unknown) => hubApi(hub.url, apiKey).call(method, path, body);
    try {
      // Every log line has a "hostname" key: the secret must not mask it.
      const created = await call('POST', '/api/accounts', { name: 'word', pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token: 'hostname' } });
      expect(created.status).toBe(201);
      const check = await call('POST', `/api/accounts/${(created.body as { id: string }).id}/check`);
      expect(check.body).toMatchObject({ ok: false, reason: 'the CRM refused token [REDACTED]' });
      await hub.waitForOutput(/checking with token \[REDACTED\]/);
    } finally {
      await hub.stop();
    }
    const lines = logLines(hub.output());
    expect(lines.filter((l) => !('hostname' in l))).toEqual([]);
    expect(hub.output()).not.toContain('"[REDACTED]":');
    expect(lines.find((l) => l.msg === 'checking with token [REDACTED]')).toMatchObject({ token: '[REDACTED]' });
  });
});
