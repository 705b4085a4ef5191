import { errors, importX509, jwtVerify } from 'jose';
import { OAuthError } from '../errors';

/** Salesforce wants the assertion's `exp` at most three minutes ahead. */
const MAX_EXP_AHEAD_S = 180;

export interface JwtBearerCheck {
  assertion: string;
  certificatePem: string;
  clientId: string;
  username: string;
  audiences: string[];
  now: Date;
}

/**
 * Verifies an OAuth 2.0 JWT bearer assertion as Salesforce does: RS256 signature against the
 * certificate uploaded to the connected app, `iss` = consumer key, `sub` = username, `aud` = login
 * URL, `exp` in the near future. https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */
export async function verifyJwtBearer(check: JwtBearerCheck): Promise<void> {
  const key = await importX509(check.certificatePem, 'RS256');
  let payload;
  try {
    ({ payload } = await jwtVerify(check.assertion, key, { algorithms: ['RS256'], currentDate: check.now, requiredClaims: ['exp'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new OAuthError('invalid_grant', 'expired authorization code');
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
  if (payload.iss !== check.clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  const audiences: unknown[] = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const accepted = new Set(check.audiences.map((a) => a.replace(/\/$/, '')));
  if (!audiences.some((a) => typeof a === 'string' && accepted.has(a.replace(/\/$/, '')))) throw new OAuthError('invalid_grant', 'audience is invalid');
  if (payload.sub !== check.username) throw new OAuthError('invalid_grant', 'user hasn\'t approved this consumer');
  if ((payload.exp as number) > check.now.getTime() / 1000 + MAX_EXP_AHEAD_S) throw new OAuthError('invalid_grant', 'invalid assertion');
}
