import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { PluginContractError, PluginNotAvailableError } from './errors';
import { PluginRegistry } from './plugin-registry.service';
import { connectorContext } from './test-support/connector-context';
import { commonJsPlugin, connectorSource, manifest, packageJson } from './test-support/plugin-fixtures';
import { PluginSandbox } from './test-support/plugin-sandbox';

describe(PluginRegistry.name, () => {
  let sandbox: PluginSandbox;
  let registry: PluginRegistry;
  let errors: jest.SpyInstance;

  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    sandbox = new PluginSandbox();
    sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });
    sandbox.dropIn('nowrite', {
      'package.json': packageJson('nowrite'),
      // declares insert and update, but its connector has no write()
      'dist/index.js': commonJsPlugin(manifest('nowrite'), connectorSource(['write'])),
    });
    sandbox.dropIn('future', { 'package.json': packageJson('future', { contract: 2 }) });
    registry = new PluginRegistry(sandbox.options());
    await registry.onModuleInit();
  });
  afterEach(async () => {
    await registry.onModuleDestroy();
    sandbox.dispose();
    jest.restoreAllMocks();
  });

  it('loads once at start-up and describes what it loaded and refused', async () => {
    await registry.onModuleInit();

    expect(registry.list().map((p) => p.id)).toEqual(['acme', 'nowrite']);
    expect(registry.get('acme')).toMatchObject({ id: 'acme', displayName: 'acme CRM', source: 'plugins-dir' });
    expect(registry.get('future')).toBeUndefined();
    expect(registry.refusals()).toEqual([expect.objectContaining({ package: '@acme/crm-hub-plugin-future@1.0.0' })]);
  });

  it('creates a connector with every method the manifest needs', async () => {
    const connector = await registry.createConnector('acme', connectorContext());

    await expect(connector.check()).resolves.toEqual({ ok: true });
  });

  it('keeps a compiled settings validator per plugin', () => {
    expect(registry.validatorFor('acme').validate({ instanceUrl: 'http://acme.example.com', apiToken: 'long-enough' }).problems).toEqual([
      { field: 'config.instanceUrl', message: expect.stringContaining('https://') },
    ]);
    expect(registry.validatorFor('acme')).toBe(registry.validatorFor('acme'));
  });

  it('refuses a plugin whose connector lacks write() although it declares insert, after disposing the connector', async () => {
    const ctx = connectorContext();

    const error = await registry.createConnector('nowrite', ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PluginContractError);
    const { reason } = error as PluginContractError;
    expect(reason).toMatch(/^its connector has no write\(\) although capabilities\.write declares insert, update: implement write\(\) or set those to false/);
    expect(ctx.meter.call).toHaveBeenCalledWith('dispose');
    expect(registry.list().map((p) => p.id)).toEqual(['acme']);
    expect(registry.refusals()).toContainEqual({
      package: '@acme/crm-hub-plugin-nowrite@1.0.0',
      location: join(sandbox.pluginsDir, 'nowrite'),
      source: 'plugins-dir',
      reason,
    });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`Refused CRM plugin "nowrite"`));
    await expect(registry.createConnector('nowrite', ctx)).rejects.toThrow(`CRM plugin "nowrite" was refused: ${reason}`);
  });

  it('answers PluginNotAvailableError for an unknown plugin, and gives the reason for a refused one', async () => {
    await expect(registry.createConnector('hubspot', connectorContext())).rejects.toThrow(
      'CRM plugin "hubspot" is not installed: install its package or drop it into the plugins folder, then restart the hub',
    );
    expect(() => registry.validatorFor('future')).toThrow(
      'CRM plugin "future" was refused: built for plugin contract 2, this hub supports contract 1: install a version of the plugin built for contract 1 or upgrade the hub',
    );
    expect(() => registry.validatorFor('future')).toThrow(PluginNotAvailableError);
  });
});
