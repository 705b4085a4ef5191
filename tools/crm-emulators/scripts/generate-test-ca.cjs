#!/usr/bin/env node
// Generates the TLS material the CRM emulators serve with: a private CA (ca.pem, which tests trust
// through NODE_EXTRA_CA_CERTS) and a server certificate it signs for localhost / 127.0.0.1 / ::1.
// Run once per test run (the Nx `ca` target), so no certificate outlives its run.
// Usage: node generate-test-ca.cjs [folder]   (default: <workspace>/tmp/crm-emulators)
'use strict';
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { generate } = require('selfsigned');

const DEFAULT_DIR = resolve(__dirname, '../../../tmp/crm-emulators');

async function generateTestCa(dir = DEFAULT_DIR) {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'CRM Hub emulators test CA' }], {
    keySize: 2048,
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  const files = { caPath: join(dir, 'ca.pem'), keyPath: join(dir, 'server-key.pem'), certPath: join(dir, 'server-cert.pem') };
  writeFileSync(files.caPath, ca.cert);
  writeFileSync(files.keyPath, server.private, { mode: 0o600 });
  writeFileSync(files.certPath, server.cert);
  return files;
}

module.exports = { generateTestCa, DEFAULT_DIR };

if (require.main === module) {
  generateTestCa(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIR).then(
    (files) => process.stdout.write(`Test CA written to ${files.caPath}\n`),
    (err) => {
      process.stderr.write(`Could not generate the test CA: ${err.message}\n`);
      process.exit(1);
    },
  );
}
