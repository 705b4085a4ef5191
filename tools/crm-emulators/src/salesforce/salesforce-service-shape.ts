import type { ServiceShape } from '../common/https-emulator';
import { errorResponse, notFound, RestError } from './errors';
import type { SalesforceOrg } from './salesforce-org';

/**
 * How the Salesforce emulator answers what the harness produces: injected outages as 503
 * SERVER_UNAVAILABLE; injected bursts as Salesforce's own concurrency refusal (403
 * REQUEST_LIMIT_EXCEEDED "ConcurrentRequests", Salesforce sends no 429); Sforce-Limit-Info on API answers.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export function salesforceShape(org: SalesforceOrg): ServiceShape {
  return {
    faultResponse: (kind) =>
      kind === 'throttle'
        ? new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.').toResponse()
        : new RestError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.').toResponse(),
    notFound: () => notFound().toResponse(),
    failure: (error) => errorResponse(error),
    // Date is the org's clock (the one that stamps SystemModstamp): clients take "now" from it.
    commonHeaders: (_req, endpoint): Record<string, string> => ({
      Date: org.clock.now().toUTCString(),
      ...(endpoint === 'token' || endpoint === 'revoke' ? {} : { 'Sforce-Limit-Info': org.usage.header() }),
    }),
  };
}
