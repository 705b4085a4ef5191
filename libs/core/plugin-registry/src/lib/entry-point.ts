import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { exports as resolveExports } from 'resolve.exports';
import { PluginRefusedError } from './errors';
import type { PackageJson } from './package-json';

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
  const existing = [file, `${file}.js`, `${file}.cjs`, `${file}.mjs`, join(file, 'index.js')].find(isFile);
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

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
