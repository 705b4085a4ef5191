#!/usr/bin/env node
// @ts-check
// A standalone CRM Hub plugin package, outside this workspace (for vendors):
//   npm run create-plugin -- <name> <folder> [--display-name "Acme CRM"] [--package-name @acme/crm-hub-plugin]
//                                            [--sdk <npm spec>] [--kit <npm spec>]
const { existsSync, mkdirSync, readdirSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const { renderPluginFiles } = require('../src/render-files.cjs');

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'display-name': { type: 'string' },
      'package-name': { type: 'string' },
      sdk: { type: 'string' },
      kit: { type: 'string' },
    },
  });
  const [name, folder] = positionals;
  if (!name || !folder) throw new Error('Usage: create-plugin <name> <folder> [--display-name …] [--package-name …] [--sdk <npm spec>] [--kit <npm spec>]');
  const target = resolve(folder);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty: choose a new or empty folder`);
  const files = renderPluginFiles({
    name,
    mode: 'standalone',
    ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
    ...(values['package-name'] ? { packageName: values['package-name'] } : {}),
    ...(values.sdk ? { sdkSpec: values.sdk } : {}),
    ...(values.kit ? { kitSpec: values.kit } : {}),
  });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), content);
  }
  console.log(`Created ${files.size} files in ${target}. Next:\n  cd ${target}\n  npm install\n  npm test\n  npm run build`);
}

try {
  main();
} catch (error) {
  console.error(`create-plugin: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
