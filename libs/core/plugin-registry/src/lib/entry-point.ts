import { lstatSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { exports as resolveExports } from 'resolve.exports';
import { PluginRefusedError } from './errors';
import type { PackageJson } from './package-json';
import { checkPluginFile } from './plugin-files';

/**
 * The file the hub imports, found the way Node.js would: the package's `exports` for "." (import
 * conditions first, then require), else `main`, else `index.js`. A `main` without extension is
 * completed as CommonJS would, because `import()` of a file URL does no such guessing.
 */
export function resolveEntryPoint(dir: string, pkg: PackageJson): string {
  let target: string;
  if (pkg.exports !== undefined && pkg.exports !== null) {
    const found = exportsTarget(pkg);
    if (found === undefined) {
      throw new PluginRefusedError(
        'its package.json "exports" has no "." entry for the node/import/require conditions: export the plugin\'s entry point as "."',
      );
    }
    target = found;
  } else {
    target = typeof pkg.main === 'string' && pkg.main !== '' ? pkg.main : 'index.js';
  }
  const file = resolve(dir, target);
  const inside = relative(dir, file);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new PluginRefusedError(`its entry point ${JSON.stringify(target)} is outside the package folder: fix "main"/"exports" in its package.json`);
  }
  const existing = [file, `${file}.js`, `${file}.cjs`, `${file}.mjs`, join(file, 'index.js')].find(exists);
  if (existing !== undefined) checkPluginFile(dir, existing, `its entry point ${JSON.stringify(relative(dir, existing))}`);
  if (existing === undefined) {
    throw new PluginRefusedError(
      `its entry point ${JSON.stringify(target)} does not exist: build the plugin (is its dist folder missing?) or fix "main"/"exports" in its package.json`,
    );
  }
  return existing;
}

function exportsTarget(pkg: PackageJson): string | undefined {
  for (const require of [false, true]) {
    try {
      // conditions: default + node + import, then default + node + require
      const [first] = resolveExports(pkg, '.', { require }) ?? [];
      if (first !== undefined) return first;
    } catch {
      // resolve.exports throws when nothing matches; try the next set of conditions
    }
  }
  return undefined;
}

/**
 * Whether something other than a folder is at `path` (a dangling link too): such a candidate is the
 * entry point, and {@link checkPluginFile} then refuses it if it is not a regular file of the plugin
 * instead of the search going on to `index.js` and hiding the problem. A folder is `main: "./dist"`.
 */
function exists(path: string): boolean {
  try {
    lstatSync(path);
  } catch {
    return false;
  }
  try {
    return !statSync(path).isDirectory();
  } catch {
    return true; // a dangling link
  }
}
