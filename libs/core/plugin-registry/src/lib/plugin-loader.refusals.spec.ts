import { SDK_VERSION } from '@crm-hub/plugin-sdk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugins } from './plugin-loader';
import { commonJsPlugin, forgedPlugin, manifest, packageJson } from './test-support/plugin-fixtures';
import { PluginSandbox } from './test-support/plugin-sandbox';
import { loadTracked, stopLoadedPlugins } from './test-support/loaded-plugins';
import { RecordingLogger } from './test-support/recording-logger';

describe(`${loadPlugins.name} refusals`, () => {
  let sandbox: PluginSandbox;

  beforeEach(() => (sandbox = new PluginSandbox()));
  afterEach(async () => {
    await stopLoadedPlugins();
    sandbox.dispose();
  });

  /** Drops one package into plugins.d, loads, and returns the single refusal. */
  async function refusalOf(files: Record<string, string | object>, folder = 'candidate') {
    const location = sandbox.dropIn(folder, files);
    const { plugins, refusals } = await loadTracked(sandbox.options(), new RecordingLogger());
    expect(plugins).toEqual([]);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ location, source: 'plugins-dir' });
    return refusals[0];
  }

  it('refuses a plugin whose code throws while loading, with the error message but no stack', async () => {
    const refusal = await refusalOf({
      'package.json': packageJson('boom'),
      'dist/index.js': "throw new Error('ACME_LICENSE_KEY is not set');",
    });

    expect(refusal.package).toBe('@acme/crm-hub-plugin-boom@1.0.0');
    expect(refusal.reason).toMatch(/^loading its entry point .*dist\/index\.js failed with Error: ACME_LICENSE_KEY is not set: fix or reinstall the plugin$/);
    expect(refusal.reason).not.toMatch(/\n\s+at /);
  });

  it('refuses a plugin whose start-up never finishes, and goes on', async () => {
    const refusal = await refusalOf({
      'package.json': { ...packageJson('stuck'), type: 'module' },
      'dist/index.js': 'await new Promise(() => undefined);\nexport default null;',
    });

    expect(refusal.reason).toMatch(/did not finish within 3000 ms: check the plugin's start-up code$/);
  });

  it('refuses a plugin with a syntax error', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('typo'), 'dist/index.js': 'module.exports = {;' });

    expect(refusal.reason).toMatch(/failed with SyntaxError/);
  });

  it('refuses a plugin built for a contract the hub does not support, saying what to install', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('future', { contract: 2 }), 'dist/index.js': commonJsPlugin(manifest('future')) });

    expect(refusal.reason).toBe(
      'built for plugin contract 2, this hub supports contract 1: install a version of the plugin built for contract 1 or upgrade the hub',
    );
  });

  it("refuses a plugin whose SDK range the hub's SDK does not satisfy", async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('sdk2', { sdkRange: '^2.0.0' }), 'dist/index.js': commonJsPlugin(manifest('sdk2')) });

    expect(refusal.reason).toBe(
      `requires @crm-hub/plugin-sdk ^2.0.0, this hub provides ${SDK_VERSION}: install a version of the plugin built for @crm-hub/plugin-sdk ${SDK_VERSION} or upgrade the hub`,
    );
  });

  it('refuses a plugin that does not declare the SDK', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('nosdk', { peerDependencies: { rxjs: '^7.8.0' } }) });

    expect(refusal.reason).toMatch(/@crm-hub\/plugin-sdk is not declared: add "@crm-hub\/plugin-sdk": "\^1\.0\.0" to the plugin's peerDependencies/);
  });

  it('refuses a package whose default export is not a branded plugin', async () => {
    const refusal = await refusalOf({
      'package.json': packageJson('plain'),
      'dist/index.js': `module.exports = ${JSON.stringify({ manifest: manifest('plain') })};`,
    });

    expect(refusal.reason).toBe(
      'its default export is an object, not a CRM plugin: default-export the value returned by defineCrmPlugin(...) from @crm-hub/plugin-sdk',
    );
  });

  it('refuses a plugin whose manifest id differs from crmHub.pluginId', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme-crm')) });

    expect(refusal.reason).toBe(
      'its manifest id "acme-crm" differs from crmHub.pluginId "acme" in its package.json: make them equal and rebuild the plugin',
    );
  });

  it('refuses an invalid manifest, listing every problem', async () => {
    const bad = { ...manifest('forged'), displayName: '', capabilities: { ...manifest('forged').capabilities, bulk: 'yes' } };
    const refusal = await refusalOf({ 'package.json': packageJson('forged'), 'dist/index.js': forgedPlugin(bad) });

    expect(refusal.reason).toBe(
      "its manifest is invalid: displayName must be a non-empty string; capabilities.bulk must be a boolean: fix the plugin's defineCrmPlugin({ manifest })",
    );
  });

  it.each([
    [
      'a secret below the top level',
      { type: 'object', properties: { auth: { type: 'object', properties: { token: { type: 'string', 'x-secret': true } } } } },
      'connectionSpec.properties.auth.properties.token: "x-secret" is only allowed on top-level string properties',
    ],
    [
      'a uri that is not a string',
      { type: 'object', properties: { urls: { type: 'array', items: { type: 'string' }, format: 'uri' } } },
      'connectionSpec.properties.urls: format "uri" is only allowed on top-level string properties',
    ],
    ['a misspelt keyword (Ajv strict mode)', { type: 'object', properties: { user: { type: 'string', minLenght: 1 } } }, 'strict mode: unknown keyword: "minLenght"'],
  ])('refuses a connectionSpec with %s', async (_what, connectionSpec, problem) => {
    const refusal = await refusalOf({ 'package.json': packageJson('spec'), 'dist/index.js': forgedPlugin(manifest('spec', { connectionSpec })) });

    expect(refusal.reason).toContain(`its connectionSpec is not usable: `);
    expect(refusal.reason).toContain(problem);
  });

  it('keeps the first of two plugins with one id (dependencies first) and refuses the other, naming the first', async () => {
    const first = sandbox.dependency('@acme/crm-hub-plugin-acme', {
      'package.json': packageJson('acme'),
      'dist/index.js': commonJsPlugin(manifest('acme')),
    });
    const second = sandbox.dropIn('acme', {
      'package.json': packageJson('acme', { name: 'acme-fork', version: '9.0.0' }),
      'dist/index.js': commonJsPlugin(manifest('acme')),
    });

    const { plugins, refusals } = await loadTracked(sandbox.options(), new RecordingLogger());

    expect(plugins.map((p) => p.info.location)).toEqual([first]);
    expect(refusals).toEqual([
      {
        package: 'acme-fork@9.0.0',
        location: second,
        source: 'plugins-dir',
        reason: `plugin id "acme" is already provided by @acme/crm-hub-plugin-acme@1.0.0 (${first}), which was loaded first: remove one of the two packages`,
      },
    ]);
  });

  it('within the plugins folder, keeps the first folder by name', async () => {
    const first = sandbox.dropIn('a-acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });
    const second = sandbox.dropIn('b-acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });

    const { plugins, refusals } = await loadTracked(sandbox.options(), new RecordingLogger());

    expect(plugins.map((p) => p.info.location)).toEqual([first]);
    expect(refusals).toEqual([expect.objectContaining({ location: second, reason: expect.stringContaining(`already provided by @acme/crm-hub-plugin-acme@1.0.0 (${first})`) })]);
  });

  it('refuses a folder of the plugins folder that is not a plugin package', async () => {
    const notAPackage = await refusalOf({ 'README.md': 'notes' }, 'notes');
    sandbox.dispose();
    sandbox = new PluginSandbox();
    const notAPlugin = await refusalOf({ 'package.json': { name: 'lodash', version: '4.17.21' } }, 'lodash');

    expect(notAPackage.package).toBeUndefined();
    expect(notAPackage.reason).toBe(
      'the folder has no package.json: a CRM plugin is an npm package folder whose package.json has a "crmHub" block; remove the folder from the plugins folder if it is not a plugin',
    );
    expect(notAPlugin.package).toBe('lodash@4.17.21');
    expect(notAPlugin.reason).toMatch(/^not a CRM Hub plugin package: its package\.json needs "crmHub": \{ "role": "crm-plugin"/);
  });

  it('refuses a plugin id that is not kebab-case', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('Acme CRM') });

    expect(refusal.reason).toMatch(/^crmHub\.pluginId must be a kebab-case id such as "acme-crm", got "Acme CRM"/);
  });

  it('refuses a plugin whose entry point was not built', async () => {
    const refusal = await refusalOf({ 'package.json': packageJson('unbuilt') });

    expect(refusal.reason).toMatch(/^its entry point "\.\/dist\/index\.js" does not exist: build the plugin/);
  });

  it('refuses a drop-in when the peers cannot be linked, saying how to fix it', async () => {
    mkdirSync(sandbox.pluginsDir, { recursive: true });
    writeFileSync(join(sandbox.pluginsDir, 'node_modules'), 'not a folder'); // like a read-only location: no link can be made

    const refusal = await refusalOf({ 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });

    expect(refusal.reason).toMatch(
      /^cannot link the hub's @crm-hub\/plugin-sdk into .*plugins\.d\/node_modules \(.*\): make .*plugins\.d writable by the hub, or install the plugin's peers in its folder/,
    );
  });
});
