import type { EmulatorRequest, EmulatorResponse, RouteHandler } from '../../common/https-emulator';
import type { Session } from '../auth/session-store';
import type { SalesforceOrg } from '../salesforce-org';
import { stringifyRest } from '../util/rest-json';

export interface ApiCall {
  req: EmulatorRequest;
  /** `v62.0` */
  version: string;
  session: Session;
}

/**
 * Wraps a REST handler with what every API call goes through on Salesforce: a supported version
 * (else 404), a valid session for this instance (else 401 INVALID_SESSION_ID), and the daily
 * allocation (else 403 REQUEST_LIMIT_EXCEEDED; otherwise the call is counted).
 */
export function apiRoute(org: SalesforceOrg, handler: (call: ApiCall) => EmulatorResponse | Promise<EmulatorResponse>): RouteHandler {
  return (req) => {
    const version = org.version(req.params['version']);
    const session = org.sessions.authenticate(req);
    org.usage.consume();
    return handler({ req, version, session });
  };
}

export const json = (body: unknown, status = 200): EmulatorResponse => ({ status, body: body as object });

/** A JSON answer holding records: doubles printed the way Salesforce prints them (see sf-numbers). */
export const recordsJson = (body: unknown, status = 200): EmulatorResponse => ({
  status,
  headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  body: stringifyRest(body),
});

/** A boolean query parameter as Salesforce reads it (`true`, case-insensitive). */
export function flag(req: EmulatorRequest, name: string): boolean {
  return (req.url.searchParams.get(name) ?? '').toLowerCase() === 'true';
}
