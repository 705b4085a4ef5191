import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { renderPluginFiles } from '../render-files.cjs';
import crmPluginGenerator from './generator.cjs';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('the crm-plugin generator (workspace mode)', () => {
  it('writes an Nx project in plugins/<name> with the crmHub block, CommonJS and ESM builds and a conformance spec', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await crmPluginGenerator(tree, { name: 'acme-crm', displayName: 'Acme CRM' });
    const pkg = JSON.parse(tree.read('plugins/acme-crm/package.json', 'utf-8') as string);
    expect(pkg).toMatchObject({
      name: '@crm-hub/plugin-acme-crm',
      crmHub: { role: 'crm-plugin', pluginId: 'acme-crm', contract: 1 },
      exports: { '.': { import: './dist/esm/index.js', require: './dist/cjs/index.js' } },
    });
    const project = JSON.parse(tree.read('plugins/acme-crm/project.json', 'utf-8') as string);
    expect(project).toMatchObject({ name: 'plugin-acme-crm', tags: ['type:plugin'], targets: { build: { options: { commands: ['node scripts/build.cjs'] } } } });
    expect(tree.read('plugins/acme-crm/src/connector.ts', 'utf-8')).toContain('export class AcmeCrmConnector implements CrmConnector');
    expect(tree.read('plugins/acme-crm/src/plugin.ts', 'utf-8')).toContain("displayName: 'Acme CRM'");
    expect(tree.exists('plugins/acme-crm/src/conformance.spec.ts')).toBe(true);
  });

  it('refuses a name that is not a kebab-case id, and a folder that exists', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await expect(crmPluginGenerator(tree, { name: 'Acme CRM' })).rejects.toThrow(/not a usable plugin name: use lowercase letters/);
    await crmPluginGenerator(tree, { name: 'acme' });
    await expect(crmPluginGenerator(tree, { name: 'acme' })).rejects.toThrow(/plugins\/acme exists already/);
  });

  it('makes a plugin that type-checks and passes the conformance kit inside the workspace', () => {
    // Written below tmp/ (ignored by git and by Nx) as if it were plugins/<name>: the same relative paths to the root.
    const projectRoot = 'tmp/generated-plugins/acme-crm';
    const folder = join(ROOT, projectRoot);
    rmSync(folder, { recursive: true, force: true });
    for (const [path, content] of renderPluginFiles({ name: 'acme-crm', mode: 'workspace', projectRoot })) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    const tsc = require.resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.lib.json'], { cwd: folder, stdio: 'pipe' });
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.spec.json'], { cwd: folder, stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/build.cjs'], { cwd: folder, stdio: 'pipe' });
    // Both builds load and export the plugin (the hub imports the ESM half; require() takes the CommonJS one).
    const idOf = (entry: string, how: 'import' | 'require') =>
      execFileSync(process.execPath, ['-e', how === 'import' ? `import(${JSON.stringify(entry)}).then((m) => console.log(m.default.manifest.id))` : `console.log(require(${JSON.stringify(entry)}).default.manifest.id)`], { cwd: folder }).toString().trim();
    expect(idOf(join(folder, 'dist/esm/index.js'), 'import')).toBe('acme-crm');
    expect(idOf(join(folder, 'dist/cjs/index.js'), 'require')).toBe('acme-crm');
    const jest = require.resolve('jest/bin/jest');
    const run = spawnSync(process.execPath, [jest, '-c', 'jest.config.cjs', '--ci', '--verbose'], { cwd: folder, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    // Every rule of the kit ran and passed (none skipped, none failed).
    expect(run.stderr).toMatch(/Tests:\s+(\d+) passed, \1 total/);
    for (const rule of ['manifest', 'full-read', 'resume', 'absent-not-null', 'paced-read', 'cold-lazy', 'writes', 'metering']) expect(run.stderr).toContain(`${rule}: `);
    expect(run.status).toBe(0);
    rmSync(folder, { recursive: true, force: true });
  });
});
