import {
  CrmAuthError,
  CrmError,
  CrmNotFoundError,
  CrmQuotaExceededError,
  CrmRateLimitError,
  CrmTransientError,
} from '@crm-hub/plugin-sdk';

/**
 * An error as Salesforce describes it: REST `[{errorCode, message, fields}]`, OAuth
 * `{error, error_description}`, or whatever text a proxy answered.
 *
 * @example
 * ```ts
 * parseErrorBody('[{"errorCode":"INVALID_FIELD","message":"No such column","fields":[]}]');
 * // { code: 'INVALID_FIELD', message: 'No such column', fields: [] }
 * ```
 */
export interface SalesforceErrorBody {
  code?: string;
  message: string;
  fields?: string[];
}

const MAX_MESSAGE = 500;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

/** Reads a Salesforce error body (REST array, OAuth object, or text) without ever throwing. */
export function parseErrorBody(body: string): SalesforceErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: /<html/i.test(body) ? 'an HTML page (not the Salesforce API)' : clip(body) || 'no details' };
  }
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | undefined;
  if (typeof first !== 'object' || first === null) return { message: clip(body) || 'no details' };
  const code = first['errorCode'] ?? first['error'] ?? first['statusCode'];
  const message = first['message'] ?? first['error_description'] ?? body;
  const fields = Array.isArray(first['fields']) ? first['fields'].map(String) : undefined;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    message: clip(String(message)),
    ...(fields ? { fields } : {}),
  };
}

/** Error codes that mean "try again later" whatever the HTTP status (timeouts, lock contention). */
const TRANSIENT_CODES = new Set(['QUERY_TIMEOUT', 'REQUEST_RUNNING_TOO_LONG', 'UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION']);
/** Codes of a missing object (asked for by name in the URL or the query's FROM). */
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'INVALID_TYPE', 'INVALID_SOBJECT']);
/**
 * Codes of a request Salesforce refused for what it says: an unknown field in a body or a
 * select list (`INVALID_FIELD`: the describe the client used is stale, or field-level security
 * hides the field), a body that does not parse or a value of the wrong type. Repeating the same
 * request fails the same way; they are request errors (`CrmError`), not "not found".
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode
 */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'INVALID_FIELD',
  'JSON_PARSER_ERROR',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'MALFORMED_QUERY',
  'MALFORMED_ID',
  'INVALID_QUERY_FILTER_OPERATOR',
  'EXCEEDED_ID_LIMIT',
  'INVALID_ID_FIELD',
]);

/** What Salesforce said in a failed answer, kept beside the SDK error made of it (see {@link errorDetail}). */
const details = new WeakMap<Error, SalesforceErrorBody>();

/**
 * Salesforce's own code, message and fields behind an error made by {@link toCrmError}: what
 * per-record results repeat when a whole request was refused (the error's `message` also says
 * which call failed). `undefined` for other errors.
 *
 * @example
 * ```ts
 * errorDetail(toCrmError(400, '[{"errorCode":"INVALID_FIELD","message":"No such column \'X__c\'"}]', 'composite.sobjects'));
 * // { code: 'INVALID_FIELD', message: "No such column 'X__c'", fields: ['X__c'] }
 * ```
 */
export function errorDetail(err: unknown): SalesforceErrorBody | undefined {
  return err instanceof Error ? details.get(err) : undefined;
}

/** The field an `INVALID_FIELD` message names when `fields` is empty ("No such column 'X' on …"). */
function namedFields(body: SalesforceErrorBody): string[] {
  if (body.fields?.length) return body.fields;
  const column = /No such column '([^']+)'/.exec(body.message)?.[1];
  return column ? [column] : [];
}

/**
 * Maps a failed Salesforce REST answer to the SDK error the host acts on, keeping the CRM's
 * `code` and the HTTP `status`:
 *
 * | answer | error |
 * | --- | --- |
 * | 403 `REQUEST_LIMIT_EXCEEDED` (daily allocation) | `CrmQuotaExceededError` |
 * | 403 `REQUEST_LIMIT_EXCEEDED` "ConcurrentPerOrgLongTxn" (too many long requests at once) | `CrmRateLimitError` (30 s) |
 * | 401 (e.g. `INVALID_SESSION_ID`), other 403 (`INSUFFICIENT_ACCESS`, `API_DISABLED_FOR_ORG`) | `CrmAuthError` |
 * | request errors ({@link REQUEST_ERROR_CODES}: `INVALID_FIELD`, `JSON_PARSER_ERROR`, `INVALID_TYPE_ON_FIELD_IN_RECORD`, `MALFORMED_QUERY`…) | `CrmError` (not retryable) |
 * | 404, `INVALID_TYPE` (an unknown object), `NOT_FOUND` | `CrmNotFoundError` |
 * | 429 | `CrmRateLimitError` (`Retry-After`, else 1 s) |
 * | 5xx, 420, `QUERY_TIMEOUT`, `UNABLE_TO_LOCK_ROW`, `SERVER_UNAVAILABLE` | `CrmTransientError` |
 * | anything else (409, 412…) | `CrmError` (not retryable) |
 *
 * What Salesforce said (code, message, fields) stays readable with {@link errorDetail}.
 *
 * https://developer.salesforce.com/docs/platform/api-rest/guide/errorcodes.html
 *
 * @example
 * ```ts
 * toCrmError(403, '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]', 'query');
 * // CrmQuotaExceededError { code: 'REQUEST_LIMIT_EXCEEDED', status: 403 }
 * ```
 */
export function toCrmError(status: number, body: string, what: string, headers: Record<string, string> = {}): CrmError {
  const parsed = parseErrorBody(body);
  const error = classify(status, parsed, what, headers);
  details.set(error, { ...parsed, fields: namedFields(parsed) });
  return error;
}

function classify(status: number, { code, message }: SalesforceErrorBody, what: string, headers: Record<string, string>): CrmError {
  const text = `Salesforce answered ${status}${code ? ` ${code}` : ''} to ${what}: ${message}`;
  const options = { status, ...(code ? { code } : {}) };
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    if (/concurrent/i.test(message)) return new CrmRateLimitError(text, { ...options, retryAfterMs: 30_000 });
    return new CrmQuotaExceededError(`${text} (the org's rolling 24-hour API allocation is used up)`, options);
  }
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    return new CrmRateLimitError(text, { ...options, retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1_000 });
  }
  if (status >= 500 || status === 420 || (code !== undefined && TRANSIENT_CODES.has(code))) return new CrmTransientError(text, options);
  if (status === 401 || status === 403) return new CrmAuthError(text, options);
  if (code !== undefined && REQUEST_ERROR_CODES.has(code)) return new CrmError(text, options);
  if (status === 404 || (code !== undefined && NOT_FOUND_CODES.has(code))) return new CrmNotFoundError(text, options);
  return new CrmError(text, options);
}

/**
 * Maps a failure to reach Salesforce (reset, refused, TLS, timeout, cut-off body) to
 * `CrmTransientError`; anything that is not a network failure is returned unchanged.
 *
 * @example
 * ```ts
 * catch (err) { throw networkError(err, 'query'); }
 * ```
 */
export function networkError(err: unknown, what: string): unknown {
  // Duck-typed: fetch's errors may come from another realm (another copy of the globals), where
  // `instanceof Error` is false.
  if (typeof err !== 'object' || err === null || err instanceof CrmError) return err;
  const { name, message, cause } = err as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const timedOut = name === 'TimeoutError';
  if (message !== 'fetch failed' && !timedOut && name !== 'SocketError' && code === undefined) return err;
  const detail = timedOut ? 'the request timed out' : (code ?? (typeof cause?.message === 'string' ? cause.message : String(message)));
  return new CrmTransientError(`Salesforce could not be reached for ${what}: ${detail}`, {
    ...(code ? { code } : timedOut ? { code: 'TIMEOUT' } : {}),
    cause: err,
  });
}

/**
 * Whether an error says the session (access token) is no longer valid: 401, as Salesforce answers
 * with `INVALID_SESSION_ID` when a token expired or was revoked.
 *
 * @example
 * ```ts
 * if (isSessionExpired(err)) await session.refresh(token);
 * ```
 */
export function isSessionExpired(err: unknown): boolean {
  return err instanceof CrmAuthError && err.status === 401;
}
