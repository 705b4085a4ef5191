import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrmPluginManifest } from './manifest';
import { defineCrmPlugin, isCrmPlugin, requiredConnectorMethods, validateManifest } from './plugin';
import { CONTRACT_VERSION, SDK_VERSION } from './version';

const manifest: CrmPluginManifest = {
  id: 'acme-crm',
  displayName: 'Acme CRM',
  connectionSpec: { type: 'object', properties: { baseUrl: { type: 'string', format: 'uri' } } },
  capabilities: {
    changeStream: 'poll',
    deletes: 'none',
    write: { insert: false, update: false, upsert: false, delete: false, maxBatch: 1 },
    bulk: false,
    filterOperators: ['eq'],
  },
};

describe(defineCrmPlugin.name, () => {
  it('stamps the brand and contract version, and freezes the manifest', () => {
    const plugin = defineCrmPlugin({ manifest, createConnector: async () => ({}) as never });
    expect(isCrmPlugin(plugin)).toBe(true);
    expect(plugin.contract).toBe(CONTRACT_VERSION);
    expect(plugin.sdkVersion).toBe(SDK_VERSION);
    expect(Object.isFrozen(plugin.manifest.capabilities.write)).toBe(true);
    expect(plugin.manifest).not.toBe(manifest);
  });

  it('recognises plugins made by another copy of the SDK, and nothing else', () => {
    let foreign: unknown;
    jest.isolateModules(() => {
      const copy = require('./plugin') as typeof import('./plugin');
      foreign = copy.defineCrmPlugin({ manifest, createConnector: async () => ({}) as never });
    });
    expect(isCrmPlugin(foreign)).toBe(true);
    expect(isCrmPlugin({ manifest, createConnector: async () => ({}) })).toBe(false);
    expect(isCrmPlugin(null)).toBe(false);
  });

  it('throws a TypeError listing every problem of a bad definition', () => {
    expect(() => defineCrmPlugin({ manifest: { ...manifest, id: 'Acme CRM', displayName: '' }, createConnector: 1 as never })).toThrow(
      /id must be kebab-case.*displayName must be a non-empty string.*createConnector must be a function/,
    );
  });
});

describe(validateManifest.name, () => {
  it('names each bad capability', () => {
    const problems = validateManifest({
      ...manifest,
      capabilities: { changeStream: 'sometimes', deletes: 'none', bulk: 'no', write: { maxBatch: 0 }, filterOperators: ['like'] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/capabilities.changeStream must be one of/),
        'capabilities.bulk must be a boolean',
        'capabilities.write.insert must be a boolean',
        'capabilities.write.maxBatch must be a positive integer',
        expect.stringMatching(/unknown operator\(s\) "like"/),
      ]),
    );
    expect(validateManifest(manifest)).toEqual([]);
  });
});

describe(requiredConnectorMethods.name, () => {
  it('asks for write() only when a write operation is declared', () => {
    expect(requiredConnectorMethods(manifest)).not.toContain('write');
    const writer = { ...manifest, capabilities: { ...manifest.capabilities, write: { ...manifest.capabilities.write, upsert: true } } };
    expect(requiredConnectorMethods(writer)).toContain('write');
  });
});

describe('SDK_VERSION', () => {
  it('matches the package version vendors install', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
