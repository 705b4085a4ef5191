import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CrmAuthError } from '@crm-hub/plugin-sdk';
import { SignJWT } from 'jose';

/**
 * The claims of a JWT bearer assertion.
 *
 * @example
 * ```ts
 * const claims: JwtClaims = { clientId: '3MVG9…', username: 'sync@acme.com', audience: 'https://login.salesforce.com' };
 * ```
 */
export interface JwtClaims {
  /** `iss`: the connected app's consumer key. */
  clientId: string;
  /** `sub`: the user the token acts as. */
  username: string;
  /** `aud`: login.salesforce.com, test.salesforce.com or an Experience Cloud site. */
  audience: string;
}

/** Salesforce accepts assertions whose `exp` is at most 3 minutes ahead. */
const LIFETIME_SECONDS = 180;

/**
 * Reads the PEM private key (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`, as
 * `openssl` writes either). The error names the setting, never its content.
 */
function privateKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    throw new CrmAuthError(
      "Setting 'privateKey' is not a PEM RSA private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)",
      { code: 'INVALID_PRIVATE_KEY' },
    );
  }
}

/**
 * Signs the RS256 assertion of the OAuth 2.0 JWT bearer flow with `jose`: `iss` = consumer key,
 * `sub` = username, `aud` = login host, `exp` = now + 3 min. Each sign-in signs a new one.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&type=5
 *
 * @example
 * ```ts
 * const assertion = await signJwtAssertion(settings.privateKey, { clientId, username, audience });
 * ```
 */
export async function signJwtAssertion(pem: string, claims: JwtClaims, nowMs: number = Date.now()): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(claims.clientId)
    .setSubject(claims.username)
    .setAudience(claims.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(privateKey(pem));
}
