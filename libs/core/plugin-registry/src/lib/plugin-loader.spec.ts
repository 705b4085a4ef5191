import fs, { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugins } from './plugin-loader';
import { commonJsPlugin, esmPlugin, manifest, packageJson, typeScriptCommonJsPlugin } from './test-support/plugin-fixtures';
import { PluginSandbox } from './test-support/plugin-sandbox';
import { loadTracked, stopLoadedPlugins } from './test-support/loaded-plugins';
import { RecordingLogger } from './test-support/recording-logger';

describe(loadPlugins.name, () => {
  let sandbox: PluginSandbox;
  let logger: RecordingLogger;

  beforeEach(() => {
    sandbox = new PluginSandbox();
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    await stopLoadedPlugins();
    sandbox.dispose();
  });

  it('loads a CommonJS drop-in that requires the SDK and rxjs as peers, lending it the hub copies', async () => {
    const dir = sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });

    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect(refusals).toEqual([]);
    expect(plugins.map((p) => p.info)).toEqual([
      {
        id: 'acme',
        displayName: 'acme CRM',
        packageName: '@acme/crm-hub-plugin-acme',
        version: '1.0.0',
        contract: 1,
        source: 'plugins-dir',
        location: dir,
        capabilities: manifest('acme').capabilities,
        connectionSpec: manifest('acme').connectionSpec,
      },
    ]);
    for (const peer of ['@crm-hub/plugin-sdk', 'rxjs']) {
      const link = join(sandbox.pluginsDir, 'node_modules', peer);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(realpathSync(join(sandbox.hostRoot, 'node_modules', peer)));
      expect(logger.lines).toContain(`log: Linked ${peer} for drop-in plugins: ${link} -> ${readlinkSync(link)}`);
    }
  });

  it('loads a drop-in when another hub process on the same plugins folder links the peers at the same moment', async () => {
    sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });
    // The other process makes each link between this one's look and its own symlink (fault injection:
    // two processes started together cannot be made to interleave on cue).
    const symlink = fs.symlinkSync;
    const race = jest.spyOn(fs, 'symlinkSync').mockImplementation((target, path, type) => {
      symlink(target, path, type);
      symlink(target, path, type);
    });
    try {
      const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

      expect(refusals).toEqual([]);
      expect(plugins.map((p) => p.info.id)).toEqual(['acme']);
      expect(race).toHaveBeenCalledTimes(2);
    } finally {
      race.mockRestore();
    }
  });

  it('loads an ES-module drop-in ("type": "module", exports map) that imports its peers', async () => {
    sandbox.dropIn('esm-crm', {
      'package.json': packageJson('esm-crm', { type: 'module', main: undefined, exports: { '.': { import: './dist/index.js' } } }),
      'dist/index.js': esmPlugin(manifest('esm-crm')),
    });

    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect(refusals).toEqual([]);
    expect(plugins.map((p) => p.info.id)).toEqual(['esm-crm']);
  });

  it('loads TypeScript-compiled CommonJS, whose plugin is exports.default', async () => {
    sandbox.dropIn('ts-crm', { 'package.json': packageJson('ts-crm'), 'dist/index.js': typeScriptCommonJsPlugin(manifest('ts-crm')) });

    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect(refusals).toEqual([]);
    expect(plugins.map((p) => p.info.id)).toEqual(['ts-crm']);
  });

  it("loads a plugin among the hub's dependencies and silently ignores the other dependencies", async () => {
    const dir = sandbox.dependency('@acme/crm-hub-plugin-dep', {
      'package.json': packageJson('dep', { name: '@acme/crm-hub-plugin-dep', version: '2.3.4' }),
      'dist/index.js': commonJsPlugin(manifest('dep')),
    });
    sandbox.dependency('left-pad', { 'package.json': { name: 'left-pad', version: '1.3.0' }, 'index.js': 'module.exports = 1;' });

    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect(refusals).toEqual([]);
    expect(plugins.map((p) => p.info)).toEqual([
      expect.objectContaining({ id: 'dep', packageName: '@acme/crm-hub-plugin-dep', version: '2.3.4', source: 'dependency', location: dir }),
    ]);
  });

  it('looks into @scope folders of the plugins folder and skips node_modules and dot-folders', async () => {
    sandbox.dropIn('@acme/scoped', { 'package.json': packageJson('scoped'), 'dist/index.js': commonJsPlugin(manifest('scoped')) });
    sandbox.dropIn('.cache/x', { 'package.json': '{}' });
    sandbox.dropIn('node_modules/stray', { 'package.json': '{}' });

    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect(refusals).toEqual([]);
    expect(plugins.map((p) => p.info.location)).toEqual([join(sandbox.pluginsDir, '@acme', 'scoped')]);
  });

  it('treats a missing plugins folder as no drop-ins', async () => {
    const { plugins, refusals } = await loadTracked(sandbox.options(), logger);

    expect({ plugins, refusals }).toEqual({ plugins: [], refusals: [] });
  });

  it('logs one line per loaded plugin and per refused package', async () => {
    const dir = sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });
    const broken = sandbox.dropIn('broken', { 'package.json': packageJson('broken', { contract: 2 }) });

    await loadTracked(sandbox.options(), logger);

    expect(logger.lines.filter((line) => !line.startsWith('log: Linked'))).toEqual([
      `log: Loaded CRM plugin "acme" (acme CRM) from @acme/crm-hub-plugin-acme@1.0.0 [plugins-dir: ${dir}]`,
      expect.stringMatching(new RegExp(`^warn: Refused @acme/crm-hub-plugin-broken@1\\.0\\.0 \\[plugins-dir: ${broken}\\]: built for plugin contract 2`)),
    ]);
  });
});
