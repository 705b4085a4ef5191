import { randomUUID } from 'node:crypto';
import { BadRequestBody, type EmulatorRequest, type ServiceShape } from '../../common/https-emulator';
import type { EmulatorClock } from '../../common/clock';
import type { TokenService } from '../auth/token-service';
import { DataverseError, payloadError, segmentNotFound, tooManyRequests, unexpected } from '../errors';
import { DEFAULT_REQUEST_LIMIT, type ServiceProtection } from './service-protection';

/** Retry-After of an injected `throttle` fault. */
const FAULT_RETRY_AFTER_SECONDS = 5;

function asResponse(error: DataverseError) {
  return { status: error.status, headers: { 'OData-Version': '4.0', ...error.headers }, body: error.toBody() };
}

/**
 * How the harness's own answers look for Dataverse: injected throttling is the service-protection 429
 * with Retry-After, an outage a 503, unknown paths the "Resource not found for the segment" 404, and
 * every API answer carries `Date` (on the emulator clock), `OData-Version`, a `REQ_ID` and the rate-limit
 * debug header (api-limits.md).
 */
export function dataverseServiceShape(tokens: TokenService, protection: ServiceProtection, clock: EmulatorClock): ServiceShape {
  return {
    faultResponse: (kind) =>
      kind === 'throttle'
        ? asResponse(tooManyRequests(DEFAULT_REQUEST_LIMIT.requests, DEFAULT_REQUEST_LIMIT.windowMs / 1000, FAULT_RETRY_AFTER_SECONDS))
        : asResponse(new DataverseError(503, '0x80040216', 'The service is temporarily unavailable. Please try again later.')),
    notFound: (req: EmulatorRequest) => asResponse(segmentNotFound(req.url.pathname.split('/').filter(Boolean).pop() ?? '')),
    failure: (error: unknown) => {
      if (error instanceof DataverseError) return asResponse(error);
      if (error instanceof BadRequestBody) return asResponse(payloadError('', error.message));
      return asResponse(unexpected(`An unexpected error occurred. (Emulator: ${error instanceof Error ? error.message : String(error)})`));
    },
    commonHeaders: (req: EmulatorRequest, endpoint: string) => {
      // One clock for the emulated cloud: `Date` agrees with modifiedon stamps and token expiry.
      const date = clock.now().toUTCString();
      if (endpoint === 'token') return { Date: date };
      const headers: Record<string, string> = { Date: date, 'OData-Version': '4.0', REQ_ID: randomUUID() };
      const auth = tokens.check(req.headers.authorization);
      const remaining = auth.ok ? protection.remaining(auth.clientId) : undefined;
      if (remaining !== undefined) headers['x-ms-ratelimit-burst-remaining-xrm-requests'] = String(remaining);
      return headers;
    },
  };
}
