#!/usr/bin/env node
// The `crm-hub` bin of the workspace (npx crm-hub …). It runs the compiled CLI in dist/apps/cli,
// and compiles it first when that is missing or older than a source file: `npm install` links
// this bin, and a newcomer's first `npx crm-hub` must work without knowing about `nx build`.
// Compiling here skips type checking (`--noCheck`, ~2 s); `nx run cli:build` and `npm test` check.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const projectRoot = resolve(__dirname, '..');
const workspaceRoot = resolve(projectRoot, '../..');
const compiledMain = join(workspaceRoot, 'dist/apps/cli/main.js');

/** The newest modification time of the CLI's sources (specs aside: they are not compiled). */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compile() {
  process.stderr.write('crm-hub: compiling the CLI (apps/cli → dist/apps/cli)…\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [workspaceRoot] });
  const result = spawnSync(process.execPath, [tsc, '-p', join(projectRoot, 'tsconfig.app.json'), '--noCheck'], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('crm-hub: the CLI did not compile; run `npx nx run cli:build` to see why.\n');
    process.exit(1);
  }
}

const sources = join(projectRoot, 'src');
if (existsSync(sources) && (!existsSync(compiledMain) || statSync(compiledMain).mtimeMs < newestSource(sources))) compile();

require(compiledMain);
