import { FIXTURE_TOKENS, HOSTILE_PLUGINS, installFixturePlugins, installHostileFolders, OUTSIDE_FILE_MARKER } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HubApi, hubApi } from './support/hub-api';
import { freePort, type HubProcess, startHub } from './support/hub-process';

interface PluginList {
  plugins: { id: string; source: string }[];
  refused: { package?: string; location: string; reason: string }[];
}

interface CheckView {
  ok: boolean;
  reason?: string;
}

/**
 * Plugins run in worker threads of their own: one that exits, loops, leaks or throws — while
 * loading or when called — costs its own work only. The hub starts, keeps serving, reports the
 * plugin, and the other plugins keep working.
 */
describe('plugin isolation', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-isolation-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-isolation-0123456789ab';
  const throwerToken = 'thrower-token-5550123';
  let hub: HubProcess;
  let api: HubApi;

  beforeAll(async () => {
    const pluginsDir = join(root, 'plugins.d');
    installFixturePlugins(pluginsDir, ['fixture-crm', 'broken-crm', ...HOSTILE_PLUGINS]);
    installHostileFolders(pluginsDir, join(root, 'outside'));
    // within startHub's bound for "listening": a plugin stuck while loading costs the load time limit (10 s), once
    hub = await startHub({ cwd: root, env: { PORT: String(await freePort()), PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, ...db.env } });
    api = hubApi(hub.url, apiKey);
  }, 90_000);
  afterAll(async () => {
    const stopped = await hub?.stop();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
    expect(stopped?.code).toBe(0); // workers, even ended or stuck ones, do not keep the hub from exiting
  });

  const plugins = async () => (await api.call<PluginList>('GET', '/api/plugins')).body;

  let accounts = 0;
  async function accountOf(pluginId: string, token: string = FIXTURE_TOKENS.good): Promise<string> {
    const name = `${pluginId} ${++accounts}`; // account names are unique
    const created = await api.call<{ id: string }>('POST', '/api/accounts', { name, pluginId, config: { baseUrl: 'https://crm.example.com', token } });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const check = (accountId: string) => api.call<CheckView>('POST', `/api/accounts/${accountId}/check`);

  async function expectHubServingAndGoodPluginWorking(): Promise<void> {
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    const good = await check(await accountOf('fixture-crm'));
    expect(good.status).toBe(200);
    expect(good.body.ok).toBe(true);
  }

  it('starts, and refuses the plugins that misbehave while loading, saying why and echoing no file', async () => {
    const list = await plugins();

    expect(list.plugins.map((p) => p.id).sort()).toEqual(
      ['dynamics', 'exit-at-call', 'fixture-crm', 'hubspot', 'leak-at-call', 'loop-at-call', 'salesforce', 'throw-at-call'].sort(),
    );
    const reasons = Object.fromEntries(list.refused.map((r) => [r.location.split(/[\\/]/).pop(), r.reason]));
    expect(reasons).toEqual({
      'exit-at-load': expect.stringMatching(/ended its worker \(it exited with code 0: the plugin called process\.exit\(\)\)/),
      'loop-at-load': expect.stringMatching(/did not finish within 10000 ms/),
      'leak-at-load': expect.stringMatching(/ended its worker \(it ran out of memory \(its limit is 512 MB\)\)/),
      'broken-crm': expect.stringMatching(/failed with Error: broken-crm cannot start: missing native driver/),
      'fifo-package-json': 'its package.json is a FIFO (named pipe), not a regular file: replace it with a regular file',
      'symlinked-package-json': expect.stringMatching(/^its package\.json is a symbolic link to a file outside the plugin's folder/),
    });
    expect(JSON.stringify(list)).not.toContain(OUTSIDE_FILE_MARKER);
    expect(hub.output()).not.toContain(OUTSIDE_FILE_MARKER);
    await expectHubServingAndGoodPluginWorking();
  });

  it.each([
    // log lines are JSON: the quotes around the id come escaped
    ['exit-at-call', /CRM plugin \\"exit-at-call\\" crashed: its worker exited with code 0: the plugin called process\.exit\(\)/],
    ['throw-at-call', /CRM plugin \\"throw-at-call\\" crashed: its worker threw an uncaught TypeError/],
    ['leak-at-call', /CRM plugin \\"leak-at-call\\" crashed: its worker ran out of memory \(its limit is 512 MB\)/],
    ['loop-at-call', /CRM plugin \\"loop-at-call\\" crashed: its worker stopped answering for \d+ ms/],
  ])('fails only the work of %s when called, logs the crash and restarts it; the hub serves on', async (pluginId, crashLine) => {
    const account = await accountOf(pluginId, pluginId === 'throw-at-call' ? throwerToken : FIXTURE_TOKENS.good);

    const checked = await check(account);

    expect(checked.status).toBe(200);
    expect(checked.body.ok).toBe(false);
    await hub.waitForOutput(crashLine);
    await hub.waitForOutput(new RegExp(`CRM plugin \\\\"${pluginId}\\\\" restarted`));
    await expectHubServingAndGoodPluginWorking();
    expect(hub.output()).not.toContain(throwerToken); // the uncaught error quoted it: the log masks it
  }, 60_000);

  it('refuses a plugin that crashes again and again, until the hub restarts', async () => {
    const account = await accountOf('exit-at-call');

    // one crash happened above; each check waits for the restart, then crashes the plugin again
    expect((await check(account)).body.ok).toBe(false);
    expect((await check(account)).body.ok).toBe(false);

    const list = await plugins();
    expect(list.plugins.map((p) => p.id)).not.toContain('exit-at-call');
    expect(list.refused).toContainEqual(
      expect.objectContaining({ package: '@acme/crm-hub-plugin-exit-at-call@0.1.0', reason: expect.stringMatching(/^its worker crashed 3 times within 10 min/) }),
    );
    expect((await check(account)).status).toBe(409);
    await expectHubServingAndGoodPluginWorking();
  }, 60_000);
});
