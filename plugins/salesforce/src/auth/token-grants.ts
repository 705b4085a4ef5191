import { OAuth2 } from 'jsforce/lib/oauth2';
import type { SalesforceSettings } from '../config/salesforce-settings';
import type { AuthFlow } from '../manifest/connection-spec';
import type { Transport } from 'jsforce/lib/transport';
import { grantError } from './auth-errors';
import { signJwtAssertion } from './jwt-assertion';
import { readTokenResponse, type SessionInfo } from './token-response';

/**
 * One way of getting an access token. `signIn()` runs the grant; the session calls it again when
 * Salesforce answers 401 (Salesforce issues no `expires_in` on these flows, so expiry is only
 * known from a refused call).
 *
 * @example
 * ```ts
 * const grant = createTokenGrant(settings, transport);
 * const session = await grant.signIn();
 * ```
 */
export interface TokenGrant {
  readonly flow: AuthFlow;
  signIn(): Promise<SessionInfo>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The grant of `settings.authFlow`, built on jsforce's `OAuth2` client with its transport swapped
 * for ours (so token calls go through `ctx.http` and are metered as `token`). Every flow posts to
 * `<loginUrl>/services/oauth2/token`:
 *
 * - client credentials: `grant_type=client_credentials` + consumer key/secret (My Domain host);
 * - JWT bearer: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` + an RS256 assertion
 *   signed with `jose` (no refresh token is issued: each sign-in signs a new assertion), timed by
 *   `now` — the server's clock once a `Date` header was seen — since Salesforce refuses an
 *   assertion whose `exp` is past, or more than 3 minutes ahead, by its own clock;
 * - refresh token: `grant_type=refresh_token` (keeps a rotated refresh token in memory);
 * - username-password: `grant_type=password`, password + security token.
 *
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flows.htm&type=5
 *
 * @example
 * ```ts
 * const info = await createTokenGrant(settings, new SecureTransport({ ...deps, defaultKind: 'token' }), () => clock.now()).signIn();
 * ```
 */
export function createTokenGrant(settings: SalesforceSettings, transport: Transport, now: () => number = Date.now): TokenGrant {
  const flow = settings.authFlow;
  const client = (withSecret: boolean): OAuth2 => {
    const oauth2 = new OAuth2({
      loginUrl: settings.loginUrl,
      clientId: settings.clientId,
      ...(withSecret && settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    });
    oauth2._transport = transport;
    return oauth2;
  };
  let refreshToken = settings.refreshToken;
  const run = async (request: () => Promise<unknown>): Promise<SessionInfo> => {
    let body: unknown;
    try {
      body = await request();
    } catch (err) {
      throw grantError(err, flow);
    }
    return readTokenResponse(body);
  };

  switch (flow) {
    case 'client-credentials':
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm&type=5
      return { flow, signIn: () => run(() => client(true).requestToken({ grant_type: 'client_credentials' })) };
    case 'jwt-bearer':
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm&type=5
      return {
        flow,
        signIn: async () => {
          const assertion = await signJwtAssertion(
            settings.privateKey as string,
            { clientId: settings.clientId, username: settings.username as string, audience: settings.jwtAudience },
            now(),
          );
          // No client id/secret in the body: the assertion carries the consumer key as `iss`.
          const oauth2 = new OAuth2({ loginUrl: settings.loginUrl });
          oauth2._transport = transport;
          return run(() => oauth2.requestToken({ grant_type: JWT_BEARER, assertion }));
        },
      };
    case 'refresh-token':
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_refresh_token_flow.htm&type=5
      return {
        flow,
        signIn: async () => {
          const session = await run(() => client(true).refreshToken(refreshToken as string));
          if (session.refreshToken) refreshToken = session.refreshToken;
          return session;
        },
      };
    case 'username-password':
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_username_password_flow.htm&type=5
      return {
        flow,
        signIn: () =>
          run(() => client(true).authenticate(settings.username as string, `${settings.password as string}${settings.securityToken ?? ''}`)),
      };
  }
}
