// @ts-check
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { readSdkVersions } = require('./workspace-versions.cjs');

const FILES = join(__dirname, '..', 'files');
const TOKEN = /<%=\s*(\w+)\s*%>/g;

/**
 * @typedef {object} PluginOptions
 * @property {string} name           kebab-case name, e.g. "acme-crm" (the plugin id)
 * @property {'workspace' | 'standalone'} mode
 * @property {string} [displayName]  e.g. "Acme CRM" (default: the name in title case)
 * @property {string} [packageName]  default: "@crm-hub/plugin-<name>" (workspace), "crm-hub-plugin-<name>" (standalone)
 * @property {string} [sdkSpec]      how a standalone package gets the SDK (default "^<sdk version>"; a file: tarball in tests)
 * @property {string} [kitSpec]      how a standalone package gets the conformance kit (default "^<kit version>")
 * @property {string} [projectRoot]  workspace mode: the plugin's folder relative to the workspace root (default "plugins/<name>")
 */

/**
 * The files of a new plugin package (relative path → content): the common sources and README,
 * plus the workspace's project files (Nx project, tsconfigs extending the base, jest preset) or a
 * standalone package's own (its devDependencies pinned to the versions this workspace tests with).
 *
 * @param {PluginOptions} options
 * @returns {Map<string, string>}
 */
function renderPluginFiles(options) {
  const values = substitutions(options);
  const files = new Map();
  for (const folder of ['common', options.mode]) {
    const base = join(FILES, folder);
    for (const file of walk(base)) {
      const path = relative(base, file).replace(/\.template$/, '');
      files.set(path, readFileSync(file, 'utf8').replace(TOKEN, (_, key) => {
        if (!(key in values)) throw new Error(`Template ${folder}/${path} uses <%= ${key} %>, which the generator does not define`);
        return values[key];
      }));
    }
  }
  return files;
}

/** @param {PluginOptions} options @returns {Record<string, string>} */
function substitutions(options) {
  const name = options.name;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(`"${name}" is not a usable plugin name: use lowercase letters, digits and single hyphens, starting with a letter (e.g. "acme-crm")`);
  }
  const words = name.split('-');
  const versions = readSdkVersions();
  const projectRoot = options.projectRoot ?? `plugins/${name}`;
  return {
    pluginId: name,
    className: words.map((w) => w[0].toUpperCase() + w.slice(1)).join(''),
    displayName: options.displayName ?? words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
    packageName: options.packageName ?? (options.mode === 'workspace' ? `@crm-hub/plugin-${name}` : `crm-hub-plugin-${name}`),
    projectRoot,
    offsetFromRoot: projectRoot.split('/').map(() => '../').join(''),
    sdkVersion: versions.sdk,
    sdkSpec: options.sdkSpec ?? `^${versions.sdk}`,
    kitSpec: options.kitSpec ?? `^${versions.kit}`,
    ...versions.tools,
  };
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

module.exports = { renderPluginFiles };
