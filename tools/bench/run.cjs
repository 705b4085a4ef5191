#!/usr/bin/env node
// Runs a TypeScript entry of the benchmarks without a build step: jiti transpiles on the fly (and
// caches), with the workspace's path aliases (@crm-hub/crm-emulators…) taken from tsconfig.base.json.
// Usage: node tools/bench/run.cjs [entry.ts] [args…]   (default entry: src/main.ts)
// An entry exports `main(argv: string[]): Promise<void>`.
'use strict';
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
const { createJiti } = require('jiti');

const root = resolve(__dirname, '../..');
const paths = require(resolve(root, 'tsconfig.base.json')).compilerOptions.paths;
const alias = Object.fromEntries(Object.entries(paths).map(([name, [target]]) => [name, resolve(root, target)]));
const jiti = createJiti(__filename, { alias, interopDefault: true, fsCache: true });

const [first, ...rest] = process.argv.slice(2);
const entry = first && first.endsWith('.ts') && existsSync(resolve(first)) ? resolve(first) : resolve(__dirname, 'src/main.ts');
const args = entry.endsWith('src/main.ts') && first && !first.endsWith('.ts') ? [first, ...rest] : rest;

jiti
  .import(entry)
  .then((mod) => mod.main(args))
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error && error.stack ? error.stack : error);
      process.exit(1);
    },
  );
