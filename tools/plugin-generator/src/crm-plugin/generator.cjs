// @ts-check
const { join } = require('node:path');
const { renderPluginFiles } = require('../render-files.cjs');

/**
 * `nx g @crm-hub/plugin-generator:crm-plugin <name>`: a new plugin in `plugins/<name>`, an Nx
 * project built to CommonJS and ESM, whose conformance tests run with the workspace's
 * (`nx test plugin-<name>`). For a package outside the workspace: `npm run create-plugin`.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {{ name: string, displayName?: string, packageName?: string }} schema
 */
async function crmPluginGenerator(tree, schema) {
  const projectRoot = `plugins/${schema.name}`;
  if (tree.exists(projectRoot)) throw new Error(`${projectRoot} exists already: choose another name or remove it first`);
  const files = renderPluginFiles({ ...schema, mode: 'workspace', projectRoot });
  for (const [path, content] of files) tree.write(join(projectRoot, path), content);
  return () => {
    console.log(
      `\n${projectRoot} is ready. Next: \`npm install\` (links it into the workspace), then\n` +
        `  npx nx test plugin-${schema.name}\n  npx nx build plugin-${schema.name}\n` +
        `and the hub loads it once it is a dependency of the root package.json (see its README).`,
    );
  };
}

module.exports = crmPluginGenerator;
module.exports.default = crmPluginGenerator;
