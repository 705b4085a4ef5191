import { BadRequestBody, type EmulatorResponse } from '../common/https-emulator';

/**
 * The error shapes of the Salesforce APIs.
 * REST: a JSON array `[{message, errorCode, fields?}]` with an HTTP status;
 * OAuth token endpoint: `{error, error_description}`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */

/** One REST error entry. */
export interface RestErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A REST call fails as a whole: thrown by handlers, answered by the service shape. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toResponse(): EmulatorResponse {
    const entry: RestErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields) entry.fields = this.fields;
    return { status: this.status, body: [entry] };
  }
}

/** The token endpoint refuses a grant. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }

  toResponse(): EmulatorResponse {
    return { status: this.status, body: { error: this.error, error_description: this.description } };
  }
}

/** Per-record error of sObject Collections and composite results: note `statusCode`, not `errorCode`. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export const notFound = (): RestError => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const invalidSession = (): RestError => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

/** Answers anything a handler threw, in the service's own shape. */
export function errorResponse(error: unknown): EmulatorResponse {
  if (error instanceof RestError || error instanceof OAuthError) return error.toResponse();
  if (error instanceof BadRequestBody) {
    return new RestError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${error.message}`).toResponse();
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new RestError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred. (${reason})`).toResponse();
}
