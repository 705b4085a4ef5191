import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { stableGuid } from '../metadata/metadata-types';
import type { DataverseCredentials } from '../dataverse-emulator.types';

let certificate: Promise<{ certificatePem: string; privateKeyPem: string }> | undefined;

/** The app registration's certificate, generated once per process (RSA key generation is the slow part). */
function appCertificate(): Promise<{ certificatePem: string; privateKeyPem: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'CRM Hub Dataverse emulator app' }], {
    keySize: 2048,
    notBeforeDate: new Date(Date.now() - 60 * 60 * 1000),
    notAfterDate: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
  }).then((pems) => ({ certificatePem: pems.cert, privateKeyPem: pems.private }));
  return certificate;
}

/**
 * The app registration the Entra-like authority accepts: tenant and client ids (stable GUIDs), a
 * secret (new for each emulator) and a certificate with its private key.
 */
export async function createCredentials(): Promise<DataverseCredentials> {
  const { certificatePem, privateKeyPem } = await appCertificate();
  return {
    tenantId: stableGuid('dataverse-emulator:tenant'),
    clientId: stableGuid('dataverse-emulator:client'),
    clientSecret: `emu~${randomBytes(24).toString('base64url')}`,
    certificatePem,
    privateKeyPem,
  };
}

/** `x5t` (SHA-1) and `x5t#S256` (SHA-256) thumbprints of a certificate, base64url as in JOSE headers. */
export function thumbprints(certificatePem: string): { x5t: string; x5tS256: string } {
  const der = new X509Certificate(certificatePem).raw;
  return {
    x5t: createHash('sha1').update(der).digest('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}
