import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, messageOf } from './error-message';
import { dependencyMap, readPackageJson } from './package-json';
import type { ResolvedPluginRegistryOptions } from './plugin-registry.options';
import type { PluginSource } from './plugin-registry.types';

/** A folder that may hold a CRM plugin package. */
export interface PluginCandidate {
  /** Absolute folder as discovered (a symlink is not resolved, so operators see the path they installed). */
  readonly dir: string;
  readonly source: PluginSource;
}

/** The logging the discovery needs (Nest's `Logger` fits). */
export interface DiscoveryLogger {
  warn(message: string): void;
}

/**
 * Lists candidate packages in the order that decides which of two packages with one plugin id wins:
 * the hub's dependencies first, then the drop-ins; within a source, sorted by folder name.
 */
export function discoverPlugins(options: ResolvedPluginRegistryOptions, logger: DiscoveryLogger): PluginCandidate[] {
  return [...dependencyPlugins(options.hostRoot, logger), ...dropInFolders(options.pluginsDir, logger)];
}

/**
 * The hub's dependencies whose package.json says `crmHub.role: "crm-plugin"`. Other dependencies,
 * and ones not installed (e.g. a skipped optional dependency), are none of the registry's business.
 */
function dependencyPlugins(hostRoot: string, logger: DiscoveryLogger): PluginCandidate[] {
  let hostPackage;
  try {
    hostPackage = readPackageJson(hostRoot);
  } catch (error) {
    logger.warn(`No plugins among the hub's dependencies: cannot read ${join(hostRoot, 'package.json')} (${messageOf(error)})`);
    return [];
  }
  const names = Object.keys({
    ...dependencyMap(hostPackage.dependencies),
    ...dependencyMap(hostPackage.optionalDependencies),
  }).filter(isPackageName);
  return names
    .sort(compareNames)
    .map((name) => join(hostRoot, 'node_modules', name))
    .filter((dir) => {
      try {
        const crmHub = readPackageJson(dir).crmHub as { role?: unknown } | undefined;
        return crmHub?.role === 'crm-plugin';
      } catch {
        return false;
      }
    })
    .map((dir) => ({ dir, source: 'dependency' as const }));
}

/**
 * Every subfolder of the plugins folder (and of its `@scope` folders). An operator put each one there
 * to be loaded, so the loader reports the ones that are not plugins instead of skipping them.
 */
function dropInFolders(pluginsDir: string, logger: DiscoveryLogger): PluginCandidate[] {
  const folders: string[] = [];
  for (const name of subfolders(pluginsDir, logger)) {
    if (name.startsWith('@')) folders.push(...subfolders(join(pluginsDir, name), logger).map((inner) => `${name}/${inner}`));
    else folders.push(name);
  }
  return folders.sort(compareNames).map((folder) => ({ dir: join(pluginsDir, folder), source: 'plugins-dir' as const }));
}

/** Folder names (symlinks to folders included), without `node_modules` (peer links live there) and dot-folders. */
function subfolders(dir: string, logger: DiscoveryLogger): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    // no plugins folder simply means no drop-ins; any other failure hides plugins, so say it
    if (errorCode(error) !== 'ENOENT') logger.warn(`No drop-in plugins read from ${dir}: ${messageOf(error)}`);
    return [];
  }
  return names.filter((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return false;
    try {
      return statSync(join(dir, name)).isDirectory();
    } catch {
      return false; // a dangling symlink is not a folder
    }
  });
}

/** Refuses names that could leave node_modules (`../x`); the host's package.json is trusted, but not blindly. */
function isPackageName(name: string): boolean {
  return /^(@[^/\\.][^/\\]*\/)?[^/\\.@][^/\\]*$/.test(name);
}

/** Code-point order: the same on every machine, whatever its locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
