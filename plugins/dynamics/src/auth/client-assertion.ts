import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataverseConfigError } from '../errors';

/** Lifetime of one assertion: Entra ID accepts up to 10 minutes; it is used once, right away. */
const ASSERTION_LIFETIME_S = 300;

/**
 * Signs Entra ID client assertions (RFC 7523 JWT bearer client authentication) with the app's
 * certificate: RS256, `x5t` (SHA-1) and `x5t#S256` (SHA-256) thumbprints of the certificate in the
 * header so Entra ID finds the registered certificate, `aud` = the token endpoint, `iss` = `sub`
 * = the client id, a unique `jti` and a short expiry.
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials
 *
 * @example
 * ```ts
 * const signer = new ClientAssertionSigner(certificatePem, privateKeyPem);
 * const jwt = await signer.sign(clientId, tokenUrl);
 * ```
 */
export class ClientAssertionSigner {
  private readonly key: KeyObject;
  private readonly x5t: string;
  private readonly x5tS256: string;

  constructor(certificatePem: string, privateKeyPem: string) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(certificatePem);
    } catch {
      throw new DataverseConfigError("Setting 'certificatePem' is not a PEM certificate");
    }
    try {
      this.key = createPrivateKey(privateKeyPem);
    } catch {
      throw new DataverseConfigError("Setting 'privateKeyPem' is not a PEM private key");
    }
    // A mismatched pair would only fail at Entra ID with a vaguer AADSTS error.
    if (!certificate.checkPrivateKey(this.key)) {
      throw new DataverseConfigError("Setting 'privateKeyPem' is not the private key of 'certificatePem'");
    }
    this.x5t = createHash('sha1').update(certificate.raw).digest('base64url');
    this.x5tS256 = createHash('sha256').update(certificate.raw).digest('base64url');
  }

  /** A fresh assertion for one token request. */
  async sign(clientId: string, tokenUrl: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: this.x5t, 'x5t#S256': this.x5tS256 })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_S)
      .sign(this.key);
  }
}
