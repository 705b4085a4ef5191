import type { EmulatorRequest, EmulatorResponse, RouteHandler } from '../../common/https-emulator';
import type { Caller } from '../auth/auth-service';
import { HubSpotError } from '../errors';
import type { HubSpotPortal } from '../portal';
import type { ObjectDefinition } from '../schema/object-definition';

/** What an API handler gets: the request, the authenticated caller and (for object paths) the object. */
export interface ApiCall {
  req: EmulatorRequest;
  caller: Caller;
  /** The object of `{objectType}` in the path, when the route has one. */
  object: ObjectDefinition;
}

/**
 * Wraps a handler with what every HubSpot API call goes through: a valid token (else 401),
 * the rate limits (else 429, see `RateLimits`), the object type of the path (else 400), and the
 * `X-HubSpot-RateLimit-*` headers on the answer, errors included.
 */
export function apiRoute(portal: HubSpotPortal, kind: 'api' | 'search', handler: (call: ApiCall) => EmulatorResponse): RouteHandler {
  return (req) => {
    let headers: Record<string, string> = {};
    try {
      const caller = portal.auth.authenticate(req);
      headers = portal.limits.admit(caller, kind);
      const segment = req.params['objectType'];
      const object = segment === undefined ? (undefined as unknown as ObjectDefinition) : portal.registry.resolve(segment);
      const answer = handler({ req, caller, object });
      return { ...answer, headers: { ...headers, ...answer.headers } };
    } catch (error) {
      if (!(error instanceof HubSpotError)) throw error;
      const answer = error.toResponse();
      return { ...answer, headers: { ...headers, ...answer.headers } };
    }
  };
}

/** A JSON answer. */
export const json = (body: object, status = 200): EmulatorResponse => ({ status, body });

/** The body of a POST as an object, or HubSpot's 400 for anything else. */
export function bodyOf(req: EmulatorRequest): Record<string, unknown> {
  const body = req.json<unknown>();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HubSpotError(400, 'VALIDATION_ERROR', 'Invalid input JSON: expected an object');
  return body as Record<string, unknown>;
}
