#!/usr/bin/env node
// Generates the TLS material the CRM emulators serve with: a private CA (ca.pem, which tests trust
// through NODE_EXTRA_CA_CERTS) and a server certificate it signs for localhost / 127.0.0.1 / ::1.
// The Nx `ca` target runs it before every test run: a clean checkout (CI) gets a CA of its own;
// a developer's folder keeps its CA while it has more than a day to live, because test processes
// already running (started with NODE_EXTRA_CA_CERTS) would stop trusting a replaced one.
// Usage: node generate-test-ca.cjs [folder] [--force]   (default: <workspace>/tmp/crm-emulators)
'use strict';
const { X509Certificate } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { generate } = require('selfsigned');

const DEFAULT_DIR = resolve(__dirname, '../../../tmp/crm-emulators');

const DAY_MS = 24 * 60 * 60 * 1000;

/** The existing files, when the server certificate is signed by the CA and both live another day. */
function reusable(files) {
  try {
    if (![files.caPath, files.keyPath, files.certPath].every((p) => existsSync(p))) return false;
    const ca = new X509Certificate(readFileSync(files.caPath));
    const server = new X509Certificate(readFileSync(files.certPath));
    const lives = (cert) => new Date(cert.validTo).getTime() - Date.now() > DAY_MS;
    return server.verify(ca.publicKey) && lives(ca) && lives(server);
  } catch {
    return false;
  }
}

/** Writes a file whole or not at all, so a reader never sees half of it. */
function writeAtomic(path, content, mode) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, mode ? { mode } : undefined);
  renameSync(tmp, path);
}

async function generateTestCa(dir = DEFAULT_DIR, { force = false } = {}) {
  const files = { caPath: join(dir, 'ca.pem'), keyPath: join(dir, 'server-key.pem'), certPath: join(dir, 'server-cert.pem') };
  if (!force && reusable(files)) return { ...files, reused: true };
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
  writeAtomic(files.keyPath, server.private, 0o600);
  writeAtomic(files.certPath, server.cert);
  writeAtomic(files.caPath, ca.cert);
  return { ...files, reused: false };
}

module.exports = { generateTestCa, DEFAULT_DIR };

if (require.main === module) {
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith('--'));
  generateTestCa(folder ? resolve(folder) : DEFAULT_DIR, { force: args.includes('--force') }).then(
    (files) => process.stdout.write(`Test CA ${files.reused ? 'reused from' : 'written to'} ${files.caPath}\n`),
    (err) => {
      process.stderr.write(`Could not generate the test CA: ${err.message}\n`);
      process.exit(1);
    },
  );
}
