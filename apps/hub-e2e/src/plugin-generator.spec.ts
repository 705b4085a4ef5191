import { createTestDatabase } from '@crm-hub/persistence/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHub } from './support/hub-process';
import { CREATE_PLUGIN_BIN, WORKSPACE_ROOT } from './support/workspace-paths';


/**
 * A vendor's path: scaffold a standalone plugin package outside the workspace, install it (the
 * SDK and the conformance kit as the tarballs `npm pack` makes of this workspace's builds, as
 * they would come from the registry), run its conformance tests, build it, drop it into a
 * running hub's PLUGINS_DIR and see it loaded.
 */
describe('the plugin generator, standalone', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-vendor-'));
  const db = createTestDatabase();
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('makes a package that installs, passes the conformance kit, builds to CommonJS and ESM, and loads in a hub', async () => {
    const tarballs = join(root, 'tarballs');
    const packed = (folder: string) => {
      const [file] = JSON.parse(execFileSync('npm', ['pack', join(WORKSPACE_ROOT, folder), '--pack-destination', tarballs, '--json'], { cwd: root, encoding: 'utf8' })) as [{ filename: string }];
      return `file:${join(tarballs, file.filename)}`;
    };
    mkdirSync(tarballs, { recursive: true });
    const sdk = packed('libs/plugin-sdk');
    const kit = packed('libs/plugin-testing');

    const pkg = join(root, 'acme-crm-plugin');
    const created = spawnSync(process.execPath, [CREATE_PLUGIN_BIN, 'acme-crm', pkg, '--display-name', 'Acme CRM', '--package-name', '@acme/crm-hub-plugin-acme', '--sdk', sdk, '--kit', kit], { encoding: 'utf8' });
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain(`Created`);

    // The vendor's own environment: none of this project's test settings (its CA path is relative to here).
    const { NODE_EXTRA_CA_CERTS: _ca, ...vendorEnv } = process.env;
    const npm = (...args: string[]) => spawnSync('npm', args, { cwd: pkg, encoding: 'utf8', env: { ...vendorEnv, NODE_OPTIONS: '', FORCE_COLOR: '0' } });
    const install = npm('install', '--prefer-offline', '--no-audit', '--no-fund');
    expect(install.status).toBe(0);
    const tests = npm('test', '--', '--ci', '--verbose');
    expect(`${tests.stdout}${tests.stderr}`).toMatch(/Tests:\s+(\d+) passed, \1 total/);
    expect(tests.status).toBe(0);
    const build = npm('run', 'build');
    expect(build.status).toBe(0);
    expect(existsSync(join(pkg, 'dist/cjs/index.js')) && existsSync(join(pkg, 'dist/cjs/index.d.ts')) && existsSync(join(pkg, 'dist/esm/index.js'))).toBe(true);

    // What `files` publishes, dropped into the hub's plugin folder: no node_modules (the hub provides the SDK and rxjs).
    const pluginsDir = join(root, 'plugins.d');
    for (const part of ['package.json', 'README.md', 'dist']) cpSync(join(pkg, part), join(pluginsDir, 'acme', part), { recursive: true });
    expect(readdirSync(join(pluginsDir, 'acme')).sort()).toEqual(['README.md', 'dist', 'package.json']);
    const apiKey = 'e2e-key-generator-0123456789';
    const hub = await startHub({ cwd: root, env: { PORT: String(await freePort()), PLUGINS_DIR: pluginsDir, HUB_API_KEYS: apiKey, ...db.env } });
    try {
      const res = await fetch(`${hub.url}/api/plugins`, { headers: { authorization: `Bearer ${apiKey}` } });
      const body = (await res.json()) as { plugins: { id: string; source: string; name: string; version: string; contract: number }[]; refused: unknown[] };
      expect(body.refused).toEqual([]);
      expect(body.plugins.find((p) => p.id === 'acme-crm')).toMatchObject({ source: 'plugins-dir', name: 'Acme CRM', version: '0.1.0', contract: 1 });
      // The generated plugin refuses http:// (the account is not created).
      const account = await fetch(`${hub.url}/api/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Acme', pluginId: 'acme-crm', config: { baseUrl: 'http://acme.example', apiToken: 'token-0123456789' } }),
      });
      expect(account.status).toBe(400);
    } finally {
      expect((await hub.stop()).code).toBe(0);
    }
  });
});
