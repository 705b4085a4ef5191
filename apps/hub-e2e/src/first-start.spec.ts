import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from './support/hub-process';

/** What `npm start` does on a fresh machine: no environment, no database, no key. */
describe('first start with no configuration', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'crm-hub-first-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('listens on port 3000 with a new SQLite file, prints an API key once, and stops cleanly on SIGTERM', async () => {
    const hub = await startHub({ cwd, env: {} });
    try {
      expect(existsSync(join(cwd, 'data', 'hub.sqlite'))).toBe(true);
      const health = await fetch(`${hub.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });

      const [, key] = await hub.waitForOutput(/^\s+(chub_[A-Za-z0-9_-]{43})$/m);
      expect((await fetch(`${hub.url}/api/plugins`)).status).toBe(401);
      const plugins = await fetch(`${hub.url}/api/plugins`, { headers: { authorization: `Bearer ${key}` } });
      expect(plugins.status).toBe(200);
      expect(hub.output().split(key as string)).toHaveLength(2);
    } finally {
      const exit = await hub.stop('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(hub.output()).toContain('CRM Hub stopped');
    }

    const again = await startHub({ cwd, env: {} });
    try {
      expect(again.output()).not.toMatch(/generated an API key/);
    } finally {
      await again.stop();
    }
  });

  it('refuses a bad configuration with one clear message per problem', async () => {
    // One JSON log line, like every other (its message's line breaks escaped).
    await expect(startHub({ cwd, env: { PORT: 'http', LOG_LEVEL: 'chatty' } })).rejects.toThrow(
      /"msg":"Invalid configuration:\\n {2}- PORT must be a whole number from 1 to 65535 \(got 'http'\)\\n {2}- LOG_LEVEL must be one of/,
    );
  });
});
