import { BadRequestBody, type EmulatorResponse, type ServiceShape } from '../../common/https-emulator';
import { HubSpotError, HubSpotRateLimitError } from '../errors';
import type { HubSpotPortal } from '../portal';

/**
 * How the harness's own answers look for HubSpot: an injected `throttle` is the burst-window 429
 * (`TEN_SECONDLY_ROLLING`, remaining 0), an outage a 503, an unknown path a 404, a body that is
 * not JSON a 400 VALIDATION_ERROR; every API answer carries `Date` on the emulator clock.
 */
export function hubspotServiceShape(portal: HubSpotPortal): ServiceShape {
  return {
    faultResponse: (kind): EmulatorResponse => {
      if (kind === 'throttle') {
        const { max, windowMs } = portal.limits.current.tenSecondly;
        return new HubSpotRateLimitError('TEN_SECONDLY_ROLLING', {
          'X-HubSpot-RateLimit-Interval-Milliseconds': String(windowMs),
          'X-HubSpot-RateLimit-Max': String(max),
          'X-HubSpot-RateLimit-Remaining': '0',
        }).toResponse();
      }
      return new HubSpotError(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Please try again later.').toResponse();
    },
    notFound: (req) => new HubSpotError(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.url.pathname}`).toResponse(),
    failure: (error) => {
      if (error instanceof HubSpotError) return error.toResponse();
      if (error instanceof BadRequestBody) return new HubSpotError(400, 'VALIDATION_ERROR', `Invalid input JSON: ${error.message}`).toResponse();
      return new HubSpotError(500, 'INTERNAL_ERROR', `Internal error (emulator: ${error instanceof Error ? error.message : String(error)})`).toResponse();
    },
    // One clock for the emulated cloud: `Date` agrees with the records' stamps.
    commonHeaders: () => ({ Date: portal.clock.now().toUTCString() }),
  };
}
