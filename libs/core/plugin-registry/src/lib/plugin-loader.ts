import { CONTRACT_VERSION, type CrmPlugin, isCrmPlugin, SDK_VERSION, validateManifest } from '@crm-hub/plugin-sdk';
import { join } from 'node:path';
import { type ConnectionSpecValidator, createConnectionSpecValidator } from './connection-spec';
import { resolveEntryPoint } from './entry-point';
import { describeError, errorCode, messageOf } from './error-message';
import { PluginRefusedError } from './errors';
import { importModule } from './import-module';
import { type PackageJson, packageLabel, readPackageJson } from './package-json';
import { ensurePeers } from './peer-links';
import { discoverPlugins, type PluginCandidate } from './plugin-discovery';
import { checkPluginPackage, type HostCompatibility, unsupportedContract } from './plugin-package';
import type { ResolvedPluginRegistryOptions } from './plugin-registry.options';
import type { PluginRefusal, RegisteredPlugin } from './plugin-registry.types';

/** A plugin ready for use: what the registry shows, the plugin itself and its settings validator. */
export interface LoadedPlugin {
  readonly info: RegisteredPlugin;
  readonly plugin: CrmPlugin;
  readonly validator: ConnectionSpecValidator;
}

export interface LoadResult {
  readonly plugins: LoadedPlugin[];
  readonly refusals: PluginRefusal[];
  /** Why an id is unavailable, for refused packages whose package.json names their plugin id. */
  readonly refusedIds: ReadonlyMap<string, string>;
}

/** The logging the loader needs (Nest's `Logger` fits): one line per plugin loaded or refused. */
export interface LoaderLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** The contract versions this hub implements. */
export const HOST_COMPATIBILITY: HostCompatibility = { contracts: [CONTRACT_VERSION], sdkVersion: SDK_VERSION };

/**
 * Finds, checks and loads every plugin package. Never throws for a bad package: each failure
 * becomes a refusal, so one broken plugin cannot keep the hub from starting. Candidates are loaded
 * one after the other, in discovery order, which decides who wins when two claim one id.
 */
export async function loadPlugins(
  options: ResolvedPluginRegistryOptions,
  logger: LoaderLogger,
  host: HostCompatibility = HOST_COMPATIBILITY,
): Promise<LoadResult> {
  const loaded = new Map<string, LoadedPlugin>();
  const refusals: PluginRefusal[] = [];
  const refusedIds = new Map<string, string>();
  for (const candidate of discoverPlugins(options, logger)) {
    let pkg: PackageJson | undefined;
    try {
      pkg = readPackage(candidate);
      const plugin = await loadCandidate(candidate, pkg, options, host, loaded, logger);
      loaded.set(plugin.info.id, plugin);
      refusedIds.delete(plugin.info.id);
      const { info } = plugin;
      logger.log(`Loaded CRM plugin "${info.id}" (${info.displayName}) from ${info.packageName}@${info.version} [${info.source}: ${info.location}]`);
    } catch (error) {
      const label = pkg && packageLabel(pkg);
      const refusal: PluginRefusal = {
        ...(label ? { package: label } : {}),
        location: candidate.dir,
        source: candidate.source,
        reason: error instanceof PluginRefusedError ? error.message : `unexpected error while loading: ${messageOf(error)}`,
      };
      refusals.push(refusal);
      const claimed = claimedPluginId(pkg);
      if (claimed !== undefined && !loaded.has(claimed) && !refusedIds.has(claimed)) refusedIds.set(claimed, refusal.reason);
      logger.warn(`Refused ${refusal.package ?? 'folder'} [${refusal.source}: ${refusal.location}]: ${refusal.reason}`);
    }
  }
  return { plugins: [...loaded.values()], refusals, refusedIds };
}

function claimedPluginId(pkg: PackageJson | undefined): string | undefined {
  const crmHub = pkg?.crmHub as { pluginId?: unknown } | undefined;
  return typeof crmHub?.pluginId === 'string' ? crmHub.pluginId : undefined;
}

function readPackage(candidate: PluginCandidate): PackageJson {
  try {
    return readPackageJson(candidate.dir);
  } catch (error) {
    const problem = errorCode(error) === 'ENOENT' ? 'the folder has no package.json' : `its package.json cannot be read (${messageOf(error)})`;
    throw new PluginRefusedError(
      `${problem}: a CRM plugin is an npm package folder whose package.json has a "crmHub" block` +
        (candidate.source === 'plugins-dir' ? '; remove the folder from the plugins folder if it is not a plugin' : ''),
    );
  }
}

async function loadCandidate(
  candidate: PluginCandidate,
  pkg: PackageJson,
  options: ResolvedPluginRegistryOptions,
  host: HostCompatibility,
  loaded: ReadonlyMap<string, LoadedPlugin>,
  logger: LoaderLogger,
): Promise<LoadedPlugin> {
  const declared = checkPluginPackage(pkg, host);
  const first = loaded.get(declared.pluginId);
  if (first) {
    // checked before running any code: the package would be refused anyway
    throw new PluginRefusedError(
      `plugin id "${declared.pluginId}" is already provided by ${first.info.packageName}@${first.info.version} (${first.info.location}), which was loaded first: remove one of the two packages`,
    );
  }
  const entry = resolveEntryPoint(candidate.dir, pkg);
  ensurePeers({
    dir: candidate.dir,
    pkg,
    hostRoot: options.hostRoot,
    linkRoot: candidate.source === 'plugins-dir' ? join(options.pluginsDir, 'node_modules') : undefined,
    log: (message) => logger.log(message),
  });
  const plugin = pluginExport(await importEntry(entry, options.loadTimeoutMs));
  if (!host.contracts.includes(plugin.contract)) throw new PluginRefusedError(unsupportedContract(plugin.contract, host.contracts));
  if (plugin.contract !== declared.contract) {
    throw new PluginRefusedError(
      `its code was built for plugin contract ${plugin.contract} but its package.json declares crmHub.contract ${declared.contract}: rebuild the plugin or fix its package.json`,
    );
  }
  const problems = validateManifest(plugin.manifest);
  if (typeof plugin.createConnector !== 'function') problems.push('createConnector must be a function');
  if (problems.length) throw new PluginRefusedError(`its manifest is invalid: ${problems.join('; ')}: fix the plugin's defineCrmPlugin({ manifest })`);
  const { manifest } = plugin;
  if (manifest.id !== declared.pluginId) {
    throw new PluginRefusedError(
      `its manifest id "${manifest.id}" differs from crmHub.pluginId "${declared.pluginId}" in its package.json: make them equal and rebuild the plugin`,
    );
  }
  let validator: ConnectionSpecValidator;
  try {
    validator = createConnectionSpecValidator(manifest.connectionSpec);
  } catch (error) {
    throw new PluginRefusedError(`its connectionSpec is not usable: ${messageOf(error)}: fix the plugin's manifest`);
  }
  return {
    info: {
      id: manifest.id,
      displayName: manifest.displayName,
      packageName: declared.name,
      version: declared.version,
      contract: declared.contract,
      source: candidate.source,
      location: candidate.dir,
      capabilities: manifest.capabilities,
      connectionSpec: manifest.connectionSpec,
    },
    plugin,
    validator,
  };
}

/**
 * Imports the entry point, giving up after `timeoutMs`: a top-level await that never settles must
 * not keep the hub from starting. (The import itself cannot be cancelled; its result is ignored.)
 */
async function importEntry(entry: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PluginRefusedError(`loading its entry point ${entry} did not finish within ${timeoutMs} ms: check the plugin's start-up code`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([importModule(entry), timeout]);
  } catch (error) {
    if (error instanceof PluginRefusedError) throw error;
    throw new PluginRefusedError(`loading its entry point ${entry} failed with ${describeError(error)}: fix or reinstall the plugin`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The plugin is the module's default export. CommonJS `module.exports = plugin` arrives as
 * `default`; TypeScript-compiled CommonJS (`exports.default = plugin`) arrives one level deeper.
 */
function pluginExport(mod: Record<string, unknown>): CrmPlugin {
  const candidate = mod['default'];
  if (isCrmPlugin(candidate)) return candidate;
  const nested = typeof candidate === 'object' && candidate !== null ? (candidate as Record<string, unknown>)['default'] : undefined;
  if (isCrmPlugin(nested)) return nested;
  const got = candidate === undefined ? 'it has no default export' : `its default export is ${describeValue(nested ?? candidate)}`;
  throw new PluginRefusedError(`${got}, not a CRM plugin: default-export the value returned by defineCrmPlugin(...) from @crm-hub/plugin-sdk`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
