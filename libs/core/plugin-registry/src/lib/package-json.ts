import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PluginRefusedError } from './errors';
import { checkPluginFile } from './plugin-files';

/** The parts of a package.json the registry reads; everything is `unknown` until checked. */
export interface PackageJson {
  name?: unknown;
  version?: unknown;
  main?: unknown;
  exports?: unknown;
  crmHub?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  peerDependenciesMeta?: unknown;
  [key: string]: unknown;
}

/** Larger than any real package.json; a bigger file is not read at all. */
const MAX_PACKAGE_JSON_BYTES = 1024 * 1024;

/**
 * Reads `<dir>/package.json`. Throws the file system's ENOENT when it is missing, and a
 * `PluginRefusedError` when it is not a regular file of the folder (see {@link checkPluginFile}),
 * too large, or not a JSON object. The reasons never quote the file: JSON.parse's own message
 * does (`Unexpected token 'r', "root:x:0:0:"…`), which would echo whatever the file really is.
 */
export function readPackageJson(dir: string): PackageJson {
  const file = checkPluginFile(dir, join(dir, 'package.json'), 'its package.json');
  if (statSync(file).size > MAX_PACKAGE_JSON_BYTES) {
    throw new PluginRefusedError(`its package.json is larger than ${MAX_PACKAGE_JSON_BYTES / 1024} KB, which no package.json is: replace it with the package's own`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new PluginRefusedError('its package.json is not valid JSON: fix the file (or reinstall the package)');
  }
  if (!isRecord(json)) throw new PluginRefusedError('its package.json is not a JSON object: fix the file (or reinstall the package)');
  return json;
}

/** `name@version` for messages, or undefined when the package has no name. */
export function packageLabel(pkg: PackageJson): string | undefined {
  if (typeof pkg.name !== 'string' || pkg.name === '') return undefined;
  return typeof pkg.version === 'string' && pkg.version !== '' ? `${pkg.name}@${pkg.version}` : pkg.name;
}

/** The names→ranges map of a dependencies-like field (empty when absent or malformed). */
export function dependencyMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
