/**
 * Sources of plugin packages as vendors ship them: plain JavaScript built elsewhere, with the SDK as
 * a peer dependency. Each helper returns file contents for `PluginSandbox.dropIn/dependency`.
 */

export interface ManifestJson {
  id: string;
  displayName: string;
  connectionSpec: Record<string, unknown>;
  capabilities: Record<string, unknown>;
  [key: string]: unknown;
}

export function manifest(id: string, overrides: Partial<ManifestJson> = {}): ManifestJson {
  return {
    id,
    displayName: `${id} CRM`,
    connectionSpec: {
      type: 'object',
      required: ['instanceUrl', 'apiToken'],
      properties: {
        instanceUrl: { type: 'string', format: 'uri', 'x-order': 1 },
        apiToken: { type: 'string', minLength: 8, 'x-secret': true },
        apiVersion: { type: 'string', default: '62.0' },
      },
    },
    capabilities: {
      changeStream: 'poll',
      deletes: 'none',
      write: { insert: true, update: true, upsert: false, delete: false, maxBatch: 200 },
      bulk: false,
      filterOperators: ['eq'],
    },
    ...overrides,
  };
}

export interface PackageJsonOptions {
  name?: string;
  version?: string;
  contract?: unknown;
  sdkRange?: string;
  type?: 'module' | 'commonjs';
  [key: string]: unknown;
}

/** A plugin's package.json as the contract shows it, entry point `dist/index.js`. */
export function packageJson(id: string, options: PackageJsonOptions = {}): Record<string, unknown> {
  const { name, version, contract, sdkRange, ...rest } = options;
  return {
    name: name ?? `@acme/crm-hub-plugin-${id}`,
    version: version ?? '1.0.0',
    main: './dist/index.js',
    crmHub: { role: 'crm-plugin', pluginId: id, contract: contract ?? 1 },
    peerDependencies: { '@crm-hub/plugin-sdk': sdkRange ?? '^1.0.0', rxjs: '^7.8.0' },
    ...rest,
  };
}

/**
 * A connector object literal (JavaScript source). Its dispose() reports through `ctx.meter` so
 * tests can see that it ran; `omit` leaves methods out, `replace` gives methods other sources.
 */
export function connectorSource(omit: string[] = [], replace: Record<string, string> = {}): string {
  const methods: Record<string, string> = {
    check: 'async check() { return { ok: true }; }',
    discover: 'async discover() { return { objects: [], enums: [] }; }',
    read: 'read() { return EMPTY; }',
    changes: 'changes() { return EMPTY; }',
    write: 'async write(req) { return req.records.map((r) => ({ ref: r.ref, ok: true })); }',
    dispose: "async dispose() { ctx.meter.call('dispose'); }",
    ...replace,
  };
  return `{ ${Object.entries(methods)
    .filter(([name]) => !omit.includes(name))
    .map(([, source]) => source)
    .join(', ')} }`;
}

/**
 * CommonJS, `module.exports = defineCrmPlugin(...)`, requiring the SDK and rxjs as peers (the whole
 * SDK is in scope as `sdk`); `startUp` runs first, as a plugin's top-level code.
 */
export function commonJsPlugin(m: ManifestJson, connector = connectorSource(), startUp = ''): string {
  return [
    "'use strict';",
    "const sdk = require('@crm-hub/plugin-sdk');",
    'const { defineCrmPlugin } = sdk;',
    "const { EMPTY, from, NEVER, Observable } = require('rxjs');",
    startUp,
    `module.exports = defineCrmPlugin({ manifest: ${JSON.stringify(m)}, createConnector: async (ctx) => (${connector}) });`,
  ].join('\n');
}

/** CommonJS as TypeScript emits it for `export default`: `exports.default`, marked `__esModule`. */
export function typeScriptCommonJsPlugin(m: ManifestJson): string {
  return [
    "'use strict';",
    "Object.defineProperty(exports, '__esModule', { value: true });",
    "const plugin_sdk_1 = require('@crm-hub/plugin-sdk');",
    "const rxjs_1 = require('rxjs');",
    'const EMPTY = rxjs_1.EMPTY;',
    `exports.default = (0, plugin_sdk_1.defineCrmPlugin)({ manifest: ${JSON.stringify(m)}, createConnector: async (ctx) => (${connectorSource()}) });`,
  ].join('\n');
}

/** An ES module (`"type": "module"` package), importing the SDK and rxjs as peers. */
export function esmPlugin(m: ManifestJson): string {
  return [
    "import { defineCrmPlugin } from '@crm-hub/plugin-sdk';",
    "import { EMPTY } from 'rxjs';",
    `export default defineCrmPlugin({ manifest: ${JSON.stringify(m)}, createConnector: async (ctx) => (${connectorSource()}) });`,
  ].join('\n');
}

/**
 * An object carrying the SDK's brand without going through defineCrmPlugin's checks, as a plugin
 * built against a tampered or older SDK copy could: only the hub's own validation stops it.
 */
export function forgedPlugin(m: unknown): string {
  return [
    `const plugin = { manifest: ${JSON.stringify(m)}, contract: 1, sdkVersion: '1.0.0', createConnector: async () => ({}) };`,
    "Object.defineProperty(plugin, Symbol.for('@crm-hub/plugin-sdk/plugin'), { value: { contract: 1 } });",
    'module.exports = plugin;',
  ].join('\n');
}
