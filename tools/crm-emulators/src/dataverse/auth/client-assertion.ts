import { decodeProtectedHeader, errors, importX509, jwtVerify, type KeyLike } from 'jose';
import type { DataverseCredentials } from '../dataverse-emulator.types';
import { aad } from './aad-errors';
import { thumbprints } from './credentials';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Checks a certificate client assertion as Entra does
 * (https://learn.microsoft.com/entra/identity-platform/certificate-credentials): RS256/PS256, `x5t` or
 * `x5t#S256` naming the registered certificate, a valid signature, `aud` = the token endpoint,
 * `iss` = `sub` = client id, `exp` not passed (on the emulator clock), `jti` present.
 */
export async function verifyClientAssertion(
  assertion: string,
  credentials: DataverseCredentials,
  audiences: string[],
  nowMs: number,
): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw aad.malformedAssertion();
  }
  const expected = thumbprints(credentials.certificatePem);
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  if (!x5t && !x5tS256) throw aad.malformedAssertion();
  if ((x5t && x5t !== expected.x5t) || (x5tS256 && x5tS256 !== expected.x5tS256)) {
    throw aad.unknownCertificate(Buffer.from(x5t ?? x5tS256 ?? '', 'base64url').toString('hex').toUpperCase());
  }
  const key: KeyLike = await importX509(credentials.certificatePem, header.alg === 'PS256' ? 'PS256' : 'RS256');
  try {
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ['RS256', 'PS256'],
      audience: audiences,
      issuer: credentials.clientId,
      subject: credentials.clientId,
      requiredClaims: ['exp', 'jti'],
      currentDate: new Date(nowMs),
      clockTolerance: 300,
    });
    if (typeof payload.jti !== 'string' || payload.jti === '') throw aad.missingClaim('jti');
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) throw aad.badSignature();
    if (error instanceof errors.JWTExpired) throw aad.expiredAssertion();
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'aud') throw aad.wrongAudience();
      if (error.claim === 'iss' || error.claim === 'sub') throw aad.wrongIssuer();
      if (error.claim === 'nbf') throw aad.expiredAssertion();
      throw aad.missingClaim(error.claim);
    }
    if (error instanceof Error && 'code' in error) throw aad.malformedAssertion();
    throw error;
  }
}
