import {
  CheckpointExpiredError,
  CrmAuthError,
  CrmError,
  CrmNotFoundError,
  CrmRateLimitError,
  CrmTransientError,
  type CrmErrorOptions,
} from '@crm-hub/plugin-sdk';

/**
 * Dataverse's `ExpiredVersionStamp` (-2147204270): a change-tracking token older than
 * `Organization.ExpireChangeTrackingInDays` ("Version stamp associated with the client has expired.
 * Please perform a full sync.").
 */
export const EXPIRED_VERSION_STAMP = '0x80044352';

/** Service protection codes (requests, execution time, concurrency), all answered with 429. */
export const SERVICE_PROTECTION_CODES = ['0x80072322', '0x80072321', '0x80072326'] as const;

/**
 * Dataverse's `ChangeTrackingNotEnabledForEntity` (-2147015535), answered with 400 to
 * `Prefer: odata.track-changes` (or a delta link) on a table without change tracking. Reads fall
 * back to the `(modifiedon, id)` watermark instead of failing.
 */
export const CHANGE_TRACKING_NOT_ENABLED = '0x80072491';

/**
 * Codes of per-record refusals a write result carries as Dataverse sent them (for reference; the
 * plugin passes every code through unchanged):
 * - `0x8004431A` PicklistValueOutOfRange (400): a choice value outside the option set;
 * - `0x80044331` ValidationFailed (400): string too long, number out of range, required column null;
 * - `0x80060892` DuplicateRecordEntityKey (412): an alternate-key value already in use;
 * - `0x80040217` ObjectDoesNotExist (404): the record (or a bound lookup target) does not exist.
 * A whole `$batch` of more than 1,000 operations is refused with `0x80040315` (400), which the
 * plugin never sends (`batchSize` ≤ 1000).
 */
export const WRITE_ERROR_CODES = {
  picklistValueOutOfRange: '0x8004431A',
  validationFailed: '0x80044331',
  duplicateRecordEntityKey: '0x80060892',
  objectDoesNotExist: '0x80040217',
  batchTooLarge: '0x80040315',
} as const;

/**
 * Whether `error` is a {@link CrmError} carrying Dataverse's `code` (hex codes compared without case:
 * the service writes `0x8004431A` and `0x8004431a` alike).
 *
 * @example
 * ```ts
 * if (hasCode(error, CHANGE_TRACKING_NOT_ENABLED)) return readWatermark(...);
 * ```
 */
export function hasCode(error: unknown, code: string): error is CrmError {
  return error instanceof CrmError && typeof error.code === 'string' && error.code.toLowerCase() === code.toLowerCase();
}

/**
 * A request Dataverse refused for a reason the SDK has no class for (a malformed query, a
 * validation error, a missing privilege…): permanent, carrying Dataverse's hex `code` and the
 * HTTP `status`. It is a {@link CrmError}, so hosts treat it as a non-retryable CRM failure.
 *
 * @example
 * ```ts
 * throw new DataverseRequestError("Could not find a property named 'foo'", { code: '0x80060888', status: 400 });
 * ```
 */
export class DataverseRequestError extends CrmError {
  static override readonly kind: string = 'DataverseRequestError';
}

/**
 * The account settings are incomplete or contradictory (no credential, two credentials, a
 * malformed URL or PEM). The message names the setting, never its value.
 *
 * @example
 * ```ts
 * throw new DataverseConfigError("Setting 'tenantId' is required");
 * ```
 */
export class DataverseConfigError extends CrmError {
  static override readonly kind: string = 'DataverseConfigError';
}

/**
 * What Dataverse says of a failure beyond its code and message, when the body has it: the details
 * annotations it adds when a request asks for them with `Prefer: odata.include-annotations`
 * (`@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode` — a plug-in's own code —,
 * `…ErrorDetails.OperationStatus`, `@Microsoft.PowerApps.CDS.HelpLink`), or the `innererror`
 * object some answers carry (its `message` and exception `type`).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#include-more-details-with-errors
 */
export interface DataverseErrorDetails {
  subErrorCode?: string;
  operationStatus?: string;
  helpLink?: string;
  innerMessage?: string;
  innerType?: string;
}

/** The `{ error: { code, message, … } }` body every Web API failure carries. */
export interface DataverseErrorBody extends DataverseErrorDetails {
  code?: string;
  message?: string;
}

/** The annotations that carry an error's details; every request asks for them (see `withErrorDetails`). */
export const ERROR_DETAILS_ANNOTATIONS = 'Microsoft.PowerApps.CDS.*';

const CDS = '@Microsoft.PowerApps.CDS.';

/**
 * Reads Dataverse's error body (`{"error":{"code":"0x…","message":"…"}}`) with its details (see
 * {@link DataverseErrorDetails}); anything else gives an empty object, never a throw.
 *
 * @example
 * ```ts
 * parseErrorBody('{"error":{"code":"0x80040217","message":"contact With Id = … Does Not Exist"}}').code; // '0x80040217'
 * ```
 */
export function parseErrorBody(text: string): DataverseErrorBody {
  try {
    const parsed = JSON.parse(text) as { error?: Record<string, unknown> };
    const error = parsed?.error;
    if (!error || typeof error !== 'object') return {};
    const text_ = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);
    const inner = (typeof error['innererror'] === 'object' && error['innererror'] !== null ? error['innererror'] : {}) as Record<string, unknown>;
    const message = typeof error['message'] === 'string' ? error['message'] : undefined;
    const innerMessage = text_(error[`${CDS}InnerError.Message`]) ?? text_(inner['message']);
    const details: DataverseErrorDetails = {
      subErrorCode: text_(error[`${CDS}ErrorDetails.SubErrorCode`]),
      operationStatus: text_(error[`${CDS}ErrorDetails.OperationStatus`]),
      helpLink: text_(error[`${CDS}HelpLink`]),
      // Kept only when it says more than the message (plug-in failures often repeat it).
      innerMessage: innerMessage !== message ? innerMessage : undefined,
      innerType: text_(inner['type']),
    };
    return {
      ...(typeof error['code'] === 'string' && error['code'] !== '' ? { code: error['code'] } : {}),
      ...(message !== undefined ? { message } : {}),
      ...Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)),
    };
  } catch {
    return {};
  }
}

/**
 * The details of a failure worth adding to its message: the plug-in's sub-code, and the inner
 * message when it says more than the message. (The help link stays a property: every platform
 * error has one, and it would only lengthen each message.)
 *
 * @example
 * ```ts
 * detailsText({ message: 'Frozen', subErrorCode: '12345' }); // ' (SubErrorCode 12345)'
 * ```
 */
export function detailsText(body: DataverseErrorBody): string {
  const parts = [
    ...(body.subErrorCode ? [`SubErrorCode ${body.subErrorCode}`] : []),
    ...(body.innerMessage && body.innerMessage !== body.message ? [`inner error: ${body.innerMessage}`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/**
 * A `Prefer` header value that also asks for the error details annotations, merged into an
 * `odata.include-annotations` preference the request already has.
 *
 * @example
 * ```ts
 * withErrorDetails('odata.maxpagesize=100'); // 'odata.maxpagesize=100, odata.include-annotations="Microsoft.PowerApps.CDS.*"'
 * ```
 */
export function withErrorDetails(prefer: string | undefined): string {
  const existing = /odata\.include-annotations="([^"]*)"/.exec(prefer ?? '');
  if (!existing) return [prefer, `odata.include-annotations="${ERROR_DETAILS_ANNOTATIONS}"`].filter(Boolean).join(', ');
  const names = existing[1] as string;
  if (names === '*' || names.split(',').map((n) => n.trim()).includes(ERROR_DETAILS_ANNOTATIONS)) return prefer as string;
  return (prefer as string).replace(existing[0], `odata.include-annotations="${names},${ERROR_DETAILS_ANNOTATIONS}"`);
}

/**
 * The details an error thrown for a Dataverse answer kept (SubErrorCode, HelpLink…), if any.
 *
 * @example
 * ```ts
 * errorDetails(error)?.subErrorCode; // '12345'
 * ```
 */
export function errorDetails(error: unknown): DataverseErrorDetails | undefined {
  return (error as { dataverse?: DataverseErrorDetails } | null)?.dataverse;
}

/**
 * Whether an error body is the expired change-tracking token, by code or (older services) by text.
 *
 * @example
 * ```ts
 * isExpiredDeltaToken({ code: '0x80044352' }); // true
 * ```
 */
export function isExpiredDeltaToken(body: DataverseErrorBody): boolean {
  if (body.code?.toLowerCase() === EXPIRED_VERSION_STAMP) return true;
  const message = body.message?.toLowerCase() ?? '';
  return message.includes('version stamp') && message.includes('expired');
}

/**
 * The SDK error for a failed Web API response: 401 → {@link CrmAuthError}, 404 →
 * {@link CrmNotFoundError}, 429 → {@link CrmRateLimitError}, 5xx → {@link CrmTransientError}, an
 * expired delta token → {@link CheckpointExpiredError}, anything else →
 * {@link DataverseRequestError}. Every one keeps Dataverse's `code` and the HTTP `status`.
 *
 * @example
 * ```ts
 * throw errorFromResponse(res.status, await res.text(), { what: 'GET contacts', retryAfterMs: 5000 });
 * ```
 */
export function errorFromResponse(
  status: number,
  text: string,
  context: { what: string; retryAfterMs?: number },
): CrmError {
  const body = parseErrorBody(text);
  const options: CrmErrorOptions = { status, ...(body.code ? { code: body.code } : {}) };
  const detail = body.message ? `: ${body.message}${detailsText(body)}` : detailsText(body);
  return withDetails(classify(status, body, detail, context, options), body);
}

/** Keeps the body's details on the error (`errorDetails(error)`), whichever SDK class it is. */
function withDetails<T extends CrmError>(error: T, body: DataverseErrorBody): T {
  const { code: _code, message: _message, ...details } = body;
  if (Object.keys(details).length) Object.defineProperty(error, 'dataverse', { value: details, enumerable: true });
  return error;
}

function classify(status: number, body: DataverseErrorBody, detail: string, context: { what: string; retryAfterMs?: number }, options: CrmErrorOptions): CrmError {
  const message = `Dataverse answered ${status} to ${context.what}${detail}`;
  if (isExpiredDeltaToken(body)) {
    return new CheckpointExpiredError(`The change-tracking token expired; a full read is needed${detail}`, options);
  }
  if (status === 429) {
    return new CrmRateLimitError(`Dataverse service protection limit reached (${context.what})${detail}`, {
      ...options,
      retryAfterMs: context.retryAfterMs ?? 0,
    });
  }
  if (status === 401 || status === 403) return new CrmAuthError(message, options);
  if (status === 404) return new CrmNotFoundError(message, options);
  if (status >= 500) return new CrmTransientError(message, options);
  return new DataverseRequestError(message, options);
}

/**
 * Whether an error a fetch threw is a network failure worth retrying (reset, refused, timeout),
 * as opposed to our own cancellation.
 *
 * @example
 * ```ts
 * if (isNetworkError(err) && attempt < maxRetries) continue;
 * ```
 */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof CrmError) return false;
  const name = (error as { name?: unknown })?.name;
  // By name, not instanceof: fetch's TypeError may come from another realm (test VMs, workers).
  return name !== 'AbortError' && (name === 'TypeError' || name === 'TimeoutError' || isErrnoError(error));
}

function isErrnoError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z]+/.test(code);
}
