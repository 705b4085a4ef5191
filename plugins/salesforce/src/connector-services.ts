import { ServerClock, type ConnectorContext } from '@crm-hub/plugin-sdk';
import { SalesforceSession } from './auth/salesforce-session';
import { createTokenGrant } from './auth/token-grants';
import { parseSettings, type SalesforceSettings } from './config/salesforce-settings';
import { DescribeService } from './describe/describe-service';
import type { LimitUsage } from './http/limit-info';
import { RestClient } from './http/rest-client';
import { SecureTransport } from './http/secure-transport';

/**
 * Everything a connector uses, made from its settings on first use (never in
 * `createConnector()`, which must stay cheap and make no call).
 *
 * @example
 * ```ts
 * const services = createServices(ctx, lifetime.signal, (u) => (usage = u));
 * await services.client.json({ kind: 'limits', method: 'GET', path: services.client.dataPath('limits') });
 * ```
 */
export interface ConnectorServices {
  settings: SalesforceSettings;
  clock: ServerClock;
  session: SalesforceSession;
  client: RestClient;
  describes: DescribeService;
}

/**
 * Builds the services: two transports onto `ctx.http` (API calls, and jsforce's OAuth2 token
 * calls metered as `token`), the grant of the configured flow (timed by the server clock), the
 * session, the REST client and the describe cache. Throws `InsecureUrlError` for an http://
 * setting before anything else.
 *
 * @example
 * ```ts
 * createServices(ctx, signal, () => undefined).settings.apiVersion; // '62.0'
 * ```
 */
export function createServices(ctx: ConnectorContext, signal: AbortSignal, onLimits: (usages: LimitUsage[]) => void): ConnectorServices {
  const settings = parseSettings(ctx.config);
  const clock = new ServerClock();
  const deps = { http: ctx.http, meter: ctx.meter, clock, signal, onLimits };
  const apiTransport = new SecureTransport({ ...deps, defaultKind: 'api' });
  const tokenTransport = new SecureTransport({ ...deps, defaultKind: 'token', classifyUnavailable: true });
  const grant = createTokenGrant(settings, tokenTransport, () => clock.now());
  const session = new SalesforceSession(grant, apiTransport, settings.apiVersion);
  const client = new RestClient(session, settings.apiVersion);
  return { settings, clock, session, client, describes: new DescribeService(client) };
}
