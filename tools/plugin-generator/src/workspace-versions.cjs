// @ts-check
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..', '..');

/** @param {string} path @returns {any} */
const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/**
 * The versions a generated package is made with: the SDK's and the kit's own, and — for a
 * standalone package's devDependencies — the tool versions this workspace builds and tests with
 * (so what the generator's test proves is what a vendor gets).
 *
 * @returns {{ sdk: string, kit: string, tools: Record<string, string> }}
 */
function readSdkVersions() {
  const root = readJson('package.json');
  /** @param {string} name */
  const pinned = (name) => {
    const version = root.devDependencies?.[name] ?? root.dependencies?.[name];
    if (!version) throw new Error(`The workspace's package.json does not pin ${name}`);
    return version;
  };
  return {
    sdk: readJson('libs/plugin-sdk/package.json').version,
    kit: readJson('libs/plugin-testing/package.json').version,
    tools: {
      typescriptVersion: pinned('typescript'),
      jestVersion: pinned('jest'),
      tsJestVersion: pinned('ts-jest'),
      typesJestVersion: pinned('@types/jest'),
      typesNodeVersion: pinned('@types/node'),
      rxjsVersion: pinned('rxjs'),
    },
  };
}

module.exports = { readSdkVersions };
