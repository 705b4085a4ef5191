#!/usr/bin/env node
// Starts `npm run demo` (entry `demo`) or `npm run emulators` (entry `emulators`).
// The CRM emulators serve HTTPS with a certificate of a CA generated here, in <data dir>/tls: the
// CA is trusted through NODE_EXTRA_CA_CERTS by the demo's own processes only (this one's child and
// the hub it starts), never installed in the system. NODE_EXTRA_CA_CERTS is read when Node starts,
// so this launcher generates the CA, then runs the entry in a child process that trusts it.
// The entries are TypeScript, run without a build step by jiti (with the workspace's path aliases).
// Usage: node tools/demo/run.cjs demo|emulators [--data-dir <dir>] [entry options…]
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { dirname, join, resolve } = require('node:path');

const ENTRIES = { demo: 'src/demo/main.ts', emulators: 'src/emulators/main.ts' };
const [entryName, ...args] = process.argv.slice(2);
if (!ENTRIES[entryName]) {
  process.stderr.write(`Usage: node tools/demo/run.cjs ${Object.keys(ENTRIES).join('|')} [options]\n`);
  process.exit(2);
}
const dataDirAt = args.indexOf('--data-dir');
const dataDir = resolve(dataDirAt >= 0 && args[dataDirAt + 1] ? args[dataDirAt + 1] : 'demo-data');
const caPath = join(dataDir, 'tls', 'ca.pem');

function runEntry() {
  const root = resolve(__dirname, '../..');
  const paths = require(join(root, 'tsconfig.base.json')).compilerOptions.paths;
  const alias = Object.fromEntries(Object.entries(paths).map(([name, [target]]) => [name, resolve(root, target)]));
  const { createJiti } = require('jiti');
  const jiti = createJiti(__filename, { alias, interopDefault: true, fsCache: true });
  jiti
    .import(join(__dirname, ENTRIES[entryName]))
    .then((entry) => entry.main({ args, dataDir, caPath }))
    .then(
      (code) => process.exit(typeof code === 'number' ? code : 0),
      (error) => {
        process.stderr.write(`\n${error && error.stack ? error.stack : error}\n`);
        process.exit(1);
      },
    );
}

async function relaunchTrustingTheCa() {
  // The CA generator is the emulators' own script (also the Nx target crm-emulators:ca), run as is.
  const generator = resolve(__dirname, '../crm-emulators/scripts/generate-test-ca.cjs');
  execFileSync(process.execPath, [generator, join(dataDir, 'tls')], { stdio: 'inherit' });
  const child = spawn(process.execPath, [__filename, entryName, ...args], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath } });
  // Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env.NODE_EXTRA_CA_CERTS === caPath) runEntry();
else
  relaunchTrustingTheCa().catch((error) => {
    process.stderr.write(`Could not prepare the demo's CA in ${dirname(caPath)}: ${error.message}\n`);
    process.exit(1);
  });
