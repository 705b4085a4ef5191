import { CrmAuthError, CrmError, CrmNotFoundError, CrmQuotaExceededError, CrmTransientError, type CrmErrorOptions } from '@crm-hub/plugin-sdk';

/** HubSpot's error body (`Error` of the CRM API; rate-limit answers add `policyName`). */
export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  category?: string;
  subCategory?: string;
  policyName?: string;
  correlationId?: string;
  errors?: { message?: string; code?: string; context?: Record<string, string[]> }[];
  context?: Record<string, string[]>;
}

/**
 * A request HubSpot refused (400, 409…), with its `category` as `code` and the parsed body, so a
 * batch writer can turn a refused batch into per-record results.
 *
 * @example
 * ```ts
 * if (error instanceof HubSpotRequestError && error.code === 'VALIDATION_ERROR') bisect(batch);
 * ```
 */
export class HubSpotRequestError extends CrmError {
  static override readonly kind: string = 'HubSpotRequestError';
  /** The error body as HubSpot sent it (no secret: HubSpot never echoes tokens). */
  readonly body: HubSpotErrorBody;

  constructor(message: string, options: CrmErrorOptions & { body: HubSpotErrorBody }) {
    super(message, options);
    this.body = options.body;
  }
}

/** The error body of an answer, or an empty one when it is not JSON (an edge proxy's HTML page). */
export function parseErrorBody(text: string): HubSpotErrorBody {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null ? (body as HubSpotErrorBody) : {};
  } catch {
    return {};
  }
}

/**
 * The SDK error for a failed answer (429s are handled by the caller): 401 and 403 (missing
 * scopes) refuse the credentials, 404 names something the portal does not have, 5xx may pass,
 * anything else is a {@link HubSpotRequestError} keeping HubSpot's category.
 * https://developers.hubspot.com/docs/api/error-handling
 */
export function errorFromResponse(status: number, body: HubSpotErrorBody, what: string): CrmError {
  const code = body.category ?? body.status ?? `HTTP_${status}`;
  const detail = body.message ? `: ${body.message}` : '';
  if (status === 401 || status === 403) return new CrmAuthError(`HubSpot refused the credentials for ${what} (${code})${detail}`, { code, status });
  if (status === 404) return new CrmNotFoundError(`HubSpot has no ${what} (${code})${detail}`, { code, status });
  if (status >= 500) return new CrmTransientError(`HubSpot answered ${status} to ${what}${detail}`, { code, status });
  return new HubSpotRequestError(`HubSpot refused ${what} (${code})${detail}`, { code, status, body });
}

/** The DAILY 429: the private app's allowance is used up until midnight. */
export function dailyLimitReached(body: HubSpotErrorBody): CrmQuotaExceededError {
  return new CrmQuotaExceededError(`HubSpot's daily API limit is reached${body.message ? `: ${body.message}` : ''}`, { code: 'DAILY', status: 429 });
}

/** Whether `fetch` failed on the network (not an abort). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && /fetch failed|socket|ECONNRESET|terminated/i.test(error.message));
}
