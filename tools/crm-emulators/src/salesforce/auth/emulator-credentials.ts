import { generate } from 'selfsigned';
import type { SalesforceCredentials } from '../salesforce-emulator.types';

let keyPair: Promise<{ privateKey: string; certificate: string }> | undefined;

/** One RSA key and certificate per process for the JWT flow (generating them takes a moment). */
function jwtKeyPair(): Promise<{ privateKey: string; certificate: string }> {
  keyPair ??= generate([{ name: 'commonName', value: 'CRM Hub emulator connected app' }], { keySize: 2048 }).then((pems) => ({
    privateKey: pems.private,
    certificate: pems.cert,
  }));
  return keyPair;
}

/** The connected app and user the emulated org knows (fixed values, so demos can print them). */
export async function emulatorCredentials(overrides: Partial<SalesforceCredentials> = {}): Promise<SalesforceCredentials> {
  const { privateKey, certificate } = await jwtKeyPair();
  return {
    clientId: '3MVG9CrmHubEmulatorConsumerKey0000000000000000000000000000000000000000000',
    clientSecret: 'CRMHUBEMULATORCONSUMERSECRET0000000000000000000000000000000000000000',
    username: 'integration@crm-hub.emulator',
    password: 'emulator-password-1',
    securityToken: 'EmulatorSecurityToken01',
    refreshToken: '5Aep861CrmHubEmulatorRefreshToken000000000000000000000000000000000000000000',
    jwtPrivateKeyPem: privateKey,
    jwtCertificatePem: certificate,
    ...overrides,
  };
}
