import { CrmAuthError, CrmError, CrmTransientError } from '@crm-hub/plugin-sdk';
import type { AuthFlow } from '../manifest/connection-spec';

/** What the operator should check, per flow, when Salesforce refuses the grant. */
const HINTS: Record<AuthFlow, string> = {
  'client-credentials':
    'Check clientId and clientSecret, that the app has "Enable Client Credentials Flow" with a run-as user, and that loginUrl is the org\'s My Domain URL.',
  'jwt-bearer':
    'Check that the certificate of privateKey is uploaded to the app, that the user (username) is pre-approved for it (profile or permission set), and that jwtAudience matches the org (login vs test).',
  'refresh-token':
    'The refresh token was revoked, expired or issued to another app: authorize the app again and store the new refreshToken (and check clientId/clientSecret).',
  'username-password':
    'Check username, password and securityToken (needed unless the IP range is trusted), clientId/clientSecret, and that the org still allows the username-password flow.',
};

/**
 * Maps a refusal of the token endpoint (what jsforce's `OAuth2` throws: an `Error` named after
 * the OAuth `error`, with `error_description` as message) to an SDK error: 5xx and
 * `ERROR_HTTP_5xx` become `CrmTransientError`; every other refusal (`invalid_grant`,
 * `invalid_client`, `invalid_client_id`, `unsupported_grant_type`…) is `CrmAuthError` naming the
 * flow and what to fix. SDK errors (network failures, InsecureUrlError) pass through unchanged.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm&type=5
 *
 * @example
 * ```ts
 * catch (err) { throw grantError(err, 'refresh-token'); }
 * // CrmAuthError: Salesforce refused the refresh-token grant: invalid_grant (expired access/refresh token). The refresh token was revoked…
 * ```
 */
export function grantError(err: unknown, flow: AuthFlow): unknown {
  if (err instanceof CrmError || typeof err !== 'object' || err === null) return err;
  const { name, message } = err as { name?: unknown; message?: unknown };
  const code = typeof name === 'string' && name !== 'Error' ? name : 'UNKNOWN_ERROR';
  const description = String(message ?? '').replace(/\s+/g, ' ').trim().slice(0, 300) || 'no description';
  const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(code);
  const status = httpStatus ? Number(httpStatus[1]) : 400;
  if (status >= 500) {
    return new CrmTransientError(`The Salesforce token endpoint failed (${status}) during the ${flow} grant`, { code, status, cause: err });
  }
  return new CrmAuthError(`Salesforce refused the ${flow} grant: ${code} (${description}). ${HINTS[flow]}`, { code, status });
}
