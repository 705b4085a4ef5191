import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorRequest, EmulatorResponse, HttpsEmulator } from '../../common/https-emulator';
import type { TokenService } from '../auth/token-service';
import { executeBatch } from '../batch/batch-executor';
import { dispatchApi } from './api-dispatcher';
import { DataverseError } from '../errors';
import { errorResponse, serviceRoot, type ApiRequest, type ApiResponse, type DataverseContext } from './api-types';
import { API_PREFIX, classify, type ApiKind } from './request-classifier';
import type { ServiceProtection } from './service-protection';

export interface ApiRouteDeps {
  ctx: DataverseContext;
  tokens: TokenService;
  protection: ServiceProtection;
  /** `https://<authority>/<tenant>/oauth2/authorize` for WWW-Authenticate. */
  authorizeUrl(): string;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function toEmulatorResponse(response: ApiResponse): EmulatorResponse {
  return { status: response.status, headers: response.headers, body: response.body ?? null };
}

/**
 * 401 as the service answers it: no body, and a `WWW-Authenticate` challenge naming the authority and
 * the resource; a rejected token adds `error=invalid_token`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth
 */
function unauthorized(deps: ApiRouteDeps, reason: 'missing' | 'invalid'): EmulatorResponse {
  const challenge = [
    ...(reason === 'invalid' ? ['error=invalid_token', 'error_description=Error during token validation!'] : []),
    `authorization_uri=${deps.authorizeUrl()}`,
    `resource_id=${deps.ctx.environmentUrl()}/`,
  ];
  return { status: 401, headers: { 'WWW-Authenticate': `Bearer ${challenge.join(', ')}` } };
}

function handle(deps: ApiRouteDeps, kind: ApiKind, req: EmulatorRequest): EmulatorResponse {
  const auth = deps.tokens.check(req.headers.authorization);
  if (!auth.ok) return unauthorized(deps, auth.reason);
  const path = req.url.pathname.slice(API_PREFIX.length + 1);
  const apiRequest: ApiRequest = {
    method: req.method,
    path,
    search: req.url.search,
    headers: flatten(req.headers),
    body: req.text(),
    callerId: auth.clientId,
  };
  const { ctx, protection } = deps;
  if (kind === 'batch') {
    if (req.method !== 'POST') {
      const error = new DataverseError(404, '', `No HTTP resource was found that matches the request URI '${serviceRoot(ctx)}$batch'.`);
      return toEmulatorResponse(errorResponse(error));
    }
    return toEmulatorResponse(
      executeBatch(ctx, apiRequest, {
        admit: (count) => protection.admit(auth.clientId, count),
        dispatch: (inner) => dispatchApi(ctx, inner),
        counted: () => ctx.counters.hit('batch.operation'),
      }),
    );
  }
  try {
    protection.admit(auth.clientId);
  } catch (error) {
    return toEmulatorResponse(errorResponse(error, apiRequest.headers['prefer']));
  }
  return toEmulatorResponse(dispatchApi(ctx, apiRequest));
}

/** One catch-all route for the Web API; each request's endpoint kind comes from the classifier. */
export function registerApiRoutes(emulator: HttpsEmulator, deps: ApiRouteDeps): void {
  // `*path` also matches nothing, so the service root itself lands here too.
  emulator.route('*', `${API_PREFIX}/*path`, kindOf, (req) => handle(deps, kindOf(req), req));
}

function kindOf(req: EmulatorRequest): ApiKind {
  return classify(req.method, req.url.pathname, req.url.search, req.headers) ?? 'other';
}
