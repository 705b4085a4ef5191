import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../common/https-emulator';

/** One entry of `errors[]` in a HubSpot error body (the `ErrorDetail` of the CRM API). */
export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  context?: Record<string, string[]>;
}

/**
 * An error answer in HubSpot's shape: `{status: 'error', message, correlationId, category,
 * errors?, context?}` (the `Error` model of the CRM v3 API), or a rate-limit answer with
 * `errorType`/`policyName`. Handlers throw it; the route wrapper turns it into the answer.
 * https://developers.hubspot.com/docs/api/error-handling
 */
export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: { errors?: HubSpotErrorDetail[]; context?: Record<string, string[]>; subCategory?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  toResponse(): EmulatorResponse {
    const { errors, context, subCategory, headers } = this.extra;
    return {
      status: this.status,
      ...(headers ? { headers } : {}),
      body: {
        status: 'error',
        message: this.message,
        correlationId: randomUUID(),
        category: this.category,
        ...(subCategory ? { subCategory } : {}),
        ...(errors ? { errors } : {}),
        ...(context ? { context } : {}),
      },
    };
  }
}

/** A 429 of one rate-limit policy (`TEN_SECONDLY_ROLLING`, `SECONDLY` for search, `DAILY`). */
export class HubSpotRateLimitError extends HubSpotError {
  constructor(
    readonly policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY',
    headers: Record<string, string> = {},
  ) {
    const message =
      policyName === 'DAILY'
        ? 'You have reached your daily limit.'
        : policyName === 'SECONDLY'
          ? 'You have reached your secondly limit.'
          : 'You have reached your ten_secondly_rolling limit.';
    super(429, 'RATE_LIMITS', message, { headers });
  }

  override toResponse(): EmulatorResponse {
    // https://developers.hubspot.com/docs/api/usage-details#rate-limits : the 429 body names the policy.
    return {
      status: 429,
      headers: this.extra.headers ?? {},
      body: { status: 'error', message: this.message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: this.policyName, requestId: randomUUID() },
    };
  }
}

/** 400 VALIDATION_ERROR for one or more property problems, as the object endpoints answer them. */
export function propertyErrors(details: { name: string; code: string; message: string }[]): HubSpotError {
  const listed = details.map((d) => ({ isValid: false, message: d.message, error: d.code, name: d.name, localizedErrorMessage: d.message }));
  return new HubSpotError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(listed)}`, {
    errors: details.map((d) => ({ message: d.message, code: d.code, context: { propertyName: [d.name] } })),
  });
}

/** 400 VALIDATION_ERROR with a plain message (bad request shape, limits). */
export function invalidInput(message: string, code = 'INVALID_INPUT'): HubSpotError {
  return new HubSpotError(400, 'VALIDATION_ERROR', message, { errors: [{ message, code }] });
}

/** 404 OBJECT_NOT_FOUND for one record. */
export function recordNotFound(): HubSpotError {
  return new HubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.');
}

/** 400 for an object type the portal does not have (what HubSpot answers an unknown `{objectType}`). */
export function unknownObjectType(name: string): HubSpotError {
  return new HubSpotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${name}`);
}

/** 401 for a missing, unknown or revoked token. */
export function invalidAuthentication(): HubSpotError {
  return new HubSpotError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

/** 401 for an OAuth access token past its lifetime. */
export function expiredAuthentication(secondsAgo: number): HubSpotError {
  return new HubSpotError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`);
}
