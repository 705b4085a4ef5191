import { pathToFileURL } from 'node:url';

/**
 * Loads a plugin's entry point with the runtime's own `import()`, which loads CommonJS and ESM alike.
 *
 * Kept alone in this file because it must survive every compiler between here and Node.js:
 * - TypeScript keeps `import()` as is when emitting ES modules (`module: esnext`, how the hub is
 *   bundled) and in CommonJS files under `module: node16`/`nodenext` (how the specs are compiled);
 *   `module: commonjs` would turn it into `require()`, which cannot take a file URL.
 * - webpack leaves an `import()` marked `webpackIgnore` to Node.js instead of trying to bundle
 *   packages it has never seen.
 */
export function importModule(file: string): Promise<Record<string, unknown>> {
  return import(/* webpackIgnore: true */ pathToFileURL(file).href);
}
