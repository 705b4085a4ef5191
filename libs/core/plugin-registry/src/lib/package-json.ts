import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Reads `<dir>/package.json`; throws (ENOENT, SyntaxError…) when it is missing or not a JSON object. */
export function readPackageJson(dir: string): PackageJson {
  const json: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!isRecord(json)) throw new TypeError('package.json is not a JSON object');
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
