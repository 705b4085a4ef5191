import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The key and certificate an emulator serves, signed by the test CA that tests trust. */
export interface ServerTls {
  key: string;
  cert: string;
  caPath: string;
}

/**
 * Reads the TLS material made by `scripts/generate-test-ca.cjs` (the Nx `crm-emulators:ca`
 * target). The folder is the one of `NODE_EXTRA_CA_CERTS` when it points at our CA, else `dir`.
 * Fails with the command to run when the files are missing or the CA is not trusted by this process.
 */
export function loadServerTls(dir?: string): ServerTls {
  const trusted = process.env['NODE_EXTRA_CA_CERTS'];
  const folder = resolve(dir ?? (trusted ? dirname(trusted) : join(__dirname, '../../../../tmp/crm-emulators')));
  const caPath = join(folder, 'ca.pem');
  const keyPath = join(folder, 'server-key.pem');
  const certPath = join(folder, 'server-cert.pem');
  if (![caPath, keyPath, certPath].every((p) => existsSync(p))) {
    throw new Error(
      `No emulator TLS material in ${folder}: run "npx nx run crm-emulators:ca" (the test targets do it for you)`,
    );
  }
  if (!trusted || resolve(trusted) !== caPath) {
    throw new Error(
      `This process does not trust the emulators' CA: start it with NODE_EXTRA_CA_CERTS=${caPath} ` +
        '(the Nx test targets set it; certificate checks are never switched off)',
    );
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), caPath };
}
