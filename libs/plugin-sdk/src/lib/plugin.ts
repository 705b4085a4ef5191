import { CANONICAL_TYPES } from './catalog';
import type { ConnectorContext, CrmConnector } from './connector';
import { FILTER_OPERATORS } from './filters';
import type { CrmPluginManifest } from './manifest';
import { CONTRACT_VERSION, SDK_VERSION } from './version';

/** Marks plugins made by any copy of this SDK (the host and a plugin may load different copies). */
const PLUGIN_BRAND = Symbol.for('@crm-hub/plugin-sdk/plugin');

/**
 * A CRM plugin: its manifest and a factory of connectors, one per account (and run). Make it with
 * {@link defineCrmPlugin} and default-export it from the package's entry point.
 *
 * @example
 * ```ts
 * import plugin from '@acme/crm-hub-plugin-acme';
 * const connector = await plugin.createConnector(ctx);
 * ```
 */
export interface CrmPlugin {
  readonly manifest: CrmPluginManifest;
  /** The contract version the plugin was built for. */
  readonly contract: number;
  /** The SDK version that made it. */
  readonly sdkVersion: string;
  /** Must be cheap and must not call the CRM: connecting happens on the connector's first call. */
  createConnector(ctx: ConnectorContext): Promise<CrmConnector>;
}

/**
 * What {@link defineCrmPlugin} takes.
 *
 * @example
 * ```ts
 * const definition: CrmPluginDefinition = { manifest, createConnector: async (ctx) => new AcmeConnector(ctx) };
 * ```
 */
export interface CrmPluginDefinition {
  manifest: CrmPluginManifest;
  createConnector(ctx: ConnectorContext): Promise<CrmConnector>;
}

/**
 * Makes a plugin: checks the manifest (throwing a `TypeError` that lists every problem), freezes
 * it and stamps the brand and contract version the hub looks for.
 *
 * @example
 * ```ts
 * // src/index.ts of @acme/crm-hub-plugin-acme
 * import { defineCrmPlugin } from '@crm-hub/plugin-sdk';
 *
 * export default defineCrmPlugin({
 *   manifest: {
 *     id: 'acme',
 *     displayName: 'Acme CRM',
 *     connectionSpec: {
 *       type: 'object',
 *       required: ['baseUrl', 'apiToken'],
 *       properties: { baseUrl: { type: 'string', format: 'uri' }, apiToken: { type: 'string', 'x-secret': true } },
 *     },
 *     capabilities: {
 *       changeStream: 'poll', deletes: 'none', bulk: false, filterOperators: ['eq'],
 *       write: { insert: true, update: true, upsert: false, delete: false, maxBatch: 100 },
 *     },
 *   },
 *   createConnector: async (ctx) => new AcmeConnector(ctx),
 * });
 * ```
 */
export function defineCrmPlugin(definition: CrmPluginDefinition): CrmPlugin {
  const problems = validateManifest(definition?.manifest);
  if (typeof definition?.createConnector !== 'function') problems.push('createConnector must be a function');
  if (problems.length) throw new TypeError(`Invalid CRM plugin definition: ${problems.join('; ')}`);
  const createConnector = definition.createConnector;
  const plugin: CrmPlugin = {
    manifest: deepFreeze(structuredClone(definition.manifest)),
    contract: CONTRACT_VERSION,
    sdkVersion: SDK_VERSION,
    createConnector: (ctx) => createConnector(ctx),
  };
  Object.defineProperty(plugin, PLUGIN_BRAND, { value: { contract: CONTRACT_VERSION } });
  return Object.freeze(plugin);
}

/**
 * Whether a value is a plugin made by `defineCrmPlugin` (of any copy of the SDK).
 *
 * @example
 * ```ts
 * const mod = await import(entry);
 * if (!isCrmPlugin(mod.default)) throw new Error('the default export is not a CRM plugin');
 * ```
 */
export function isCrmPlugin(value: unknown): value is CrmPlugin {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const brand = (value as Record<symbol, unknown>)[PLUGIN_BRAND];
  return typeof brand === 'object' && brand !== null && typeof (brand as { contract?: unknown }).contract === 'number';
}

/**
 * Lists everything wrong with a manifest (empty when valid). The hub uses it to explain why it
 * refuses a plugin; {@link defineCrmPlugin} throws on it.
 *
 * @example
 * ```ts
 * validateManifest({ id: 'Acme CRM' });
 * // ["id must be kebab-case (e.g. 'acme-crm'), got 'Acme CRM'", 'displayName must be a non-empty string', …]
 * ```
 */
export function validateManifest(manifest: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(manifest)) return ['manifest must be an object'];
  const { id, displayName, connectionSpec, capabilities } = manifest;
  if (typeof id !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    problems.push(`id must be kebab-case (e.g. 'acme-crm'), got ${JSON.stringify(id)}`);
  }
  if (typeof displayName !== 'string' || displayName.trim() === '') problems.push('displayName must be a non-empty string');
  if (!isObject(connectionSpec) || connectionSpec['type'] !== 'object' || !isObject(connectionSpec['properties'])) {
    problems.push("connectionSpec must be a JSON Schema with type 'object' and a 'properties' object");
  }
  if (!isObject(capabilities)) {
    problems.push('capabilities must be an object');
    return problems;
  }
  checkOneOf(problems, 'capabilities.changeStream', capabilities['changeStream'], ['push', 'delta', 'poll']);
  checkOneOf(problems, 'capabilities.deletes', capabilities['deletes'], ['stream', 'window', 'none']);
  if (typeof capabilities['bulk'] !== 'boolean') problems.push('capabilities.bulk must be a boolean');
  const write = capabilities['write'];
  if (!isObject(write)) problems.push('capabilities.write must be an object');
  else {
    for (const op of ['insert', 'update', 'upsert', 'delete']) {
      if (typeof write[op] !== 'boolean') problems.push(`capabilities.write.${op} must be a boolean`);
    }
    const maxBatch = write['maxBatch'];
    if (typeof maxBatch !== 'number' || !Number.isInteger(maxBatch) || maxBatch < 1) {
      problems.push('capabilities.write.maxBatch must be a positive integer');
    }
  }
  const ops = capabilities['filterOperators'];
  if (!Array.isArray(ops)) problems.push('capabilities.filterOperators must be an array');
  else {
    const unknown = ops.filter((op) => !(FILTER_OPERATORS as readonly unknown[]).includes(op));
    if (unknown.length) {
      problems.push(`capabilities.filterOperators has unknown operator(s) ${unknown.map((o) => JSON.stringify(o)).join(', ')}`);
    }
  }
  return problems;
}

/**
 * The connector methods a manifest's capabilities need: always check, discover, read, changes and
 * dispose; `write` when any write operation is declared.
 *
 * @example
 * ```ts
 * const missing = requiredConnectorMethods(plugin.manifest).filter((m) => typeof connector[m] !== 'function');
 * ```
 */
export function requiredConnectorMethods(manifest: CrmPluginManifest): (keyof CrmConnector)[] {
  const methods: (keyof CrmConnector)[] = ['check', 'discover', 'read', 'changes', 'dispose'];
  const w = manifest.capabilities.write;
  if (w.insert || w.update || w.upsert || w.delete) methods.push('write');
  return methods;
}

/**
 * The canonical types, re-checked here so a plugin's catalog can be validated without the host.
 *
 * @example
 * ```ts
 * isCanonicalType('multi-enum'); // true
 * ```
 */
export function isCanonicalType(value: unknown): value is (typeof CANONICAL_TYPES)[number] {
  return (CANONICAL_TYPES as readonly unknown[]).includes(value);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOneOf(problems: string[], name: string, value: unknown, allowed: string[]): void {
  if (!allowed.includes(value as string)) {
    problems.push(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
