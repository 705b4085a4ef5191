import type { FilterExpr } from './filters';

/** Marks errors made by any copy of this SDK, so `instanceof` works across copies (host vs plugin). */
const CRM_ERROR_BRAND: unique symbol = Symbol.for('@crm-hub/plugin-sdk/error') as never;

/**
 * Options shared by every CRM error.
 *
 * @example
 * ```ts
 * throw new CrmAuthError('Refresh token refused', { code: 'invalid_grant', status: 400 });
 * ```
 */
export interface CrmErrorOptions {
  /** The CRM's own error code (`INVALID_SESSION_ID`, `0x80072322`, `invalid_grant`…). */
  code?: string;
  /** The HTTP status the CRM answered with. */
  status?: number;
  cause?: unknown;
}

/**
 * Base class of the errors plugins throw. Use a subclass; the host decides retries and run status
 * from the class. `instanceof` works even when host and plugin load different copies of the SDK.
 *
 * @example
 * ```ts
 * try {
 *   await connector.check();
 * } catch (err) {
 *   if (err instanceof CrmError && err.retryable) scheduleRetry();
 * }
 * ```
 */
export class CrmError extends Error {
  /** Identifies the class across SDK copies; subclasses set their own. */
  static readonly kind: string = 'CrmError';
  /** The CRM's own error code, when it gave one. */
  readonly code?: string;
  /** The HTTP status the CRM answered with, when there was one. */
  readonly status?: number;
  /** Whether the same call may succeed if repeated later. */
  readonly retryable: boolean = false;
  /** The kinds of this error's class and its ancestors, e.g. `['CrmAuthError', 'CrmError']`. */
  readonly kinds: readonly string[];

  constructor(message: string, options: CrmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let c = new.target as unknown; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      if (Object.prototype.hasOwnProperty.call(c, 'kind')) kinds.push((c as { kind: string }).kind);
    }
    this.kinds = kinds;
    Object.defineProperty(this, CRM_ERROR_BRAND, { value: true });
    this.name = kinds[0] ?? 'CrmError';
    if (options.code !== undefined) this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!Object.prototype.hasOwnProperty.call(this, 'kind')) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    const kinds = (value as { kinds?: unknown } | null)?.kinds;
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[CRM_ERROR_BRAND] === true &&
      Array.isArray(kinds) &&
      kinds.includes((this as unknown as { kind: string }).kind)
    );
  }
}

/**
 * The CRM refused the credentials (bad secret, revoked or expired grant). Not retryable: the
 * operator must fix the account.
 *
 * @example
 * ```ts
 * if (body.error === 'invalid_grant') {
 *   throw new CrmAuthError(`Salesforce refused the refresh token: ${body.error_description}`, { code: 'invalid_grant', status: 400 });
 * }
 * ```
 */
export class CrmAuthError extends CrmError {
  static override readonly kind: string = 'CrmAuthError';
}

/**
 * The CRM throttled the caller; retry after `retryAfterMs`.
 *
 * @example
 * ```ts
 * if (res.status === 429) {
 *   const seconds = Number(res.headers.get('retry-after') ?? '60');
 *   throw new CrmRateLimitError('Dataverse service protection limit reached', { retryAfterMs: seconds * 1000, status: 429 });
 * }
 * ```
 */
export class CrmRateLimitError extends CrmError {
  static override readonly kind: string = 'CrmRateLimitError';
  override readonly retryable = true;
  /** How long to wait before the next call, in milliseconds. */
  readonly retryAfterMs: number;

  constructor(message: string, options: CrmErrorOptions & { retryAfterMs: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The CRM's daily (or rolling) API quota is used up; the run should stop cleanly.
 *
 * @example
 * ```ts
 * if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
 *   throw new CrmQuotaExceededError('Salesforce daily API request limit exceeded', { code: errorCode, status: 403 });
 * }
 * ```
 */
export class CrmQuotaExceededError extends CrmError {
  static override readonly kind: string = 'CrmQuotaExceededError';
}

/**
 * A failure that may pass by itself (5xx, connection reset, timeout): retry with backoff.
 *
 * @example
 * ```ts
 * if (res.status >= 500) throw new CrmTransientError(`CRM answered ${res.status}`, { status: res.status });
 * ```
 */
export class CrmTransientError extends CrmError {
  static override readonly kind: string = 'CrmTransientError';
  override readonly retryable = true;
}

/**
 * An object or field the request named does not exist in the CRM.
 *
 * @example
 * ```ts
 * throw new CrmNotFoundError(`Object 'Invoice__c' does not exist in this org`, { code: 'NOT_FOUND', status: 404 });
 * ```
 */
export class CrmNotFoundError extends CrmError {
  static override readonly kind: string = 'CrmNotFoundError';
}

/**
 * A filter node the plugin cannot push down to the CRM.
 *
 * @example
 * ```ts
 * throw new UnsupportedFilterError("operator 'contains' is not supported on field 'Amount'", {
 *   node: { field: 'Amount', op: 'contains', value: '1' }, path: 'and[0]',
 * });
 * ```
 */
export class UnsupportedFilterError extends CrmError {
  static override readonly kind: string = 'UnsupportedFilterError';
  /** The offending filter node. */
  readonly node: FilterExpr;
  /** Where the node sits in the filter, e.g. `and[1].or[0]` (empty for the root). */
  readonly path: string;

  constructor(message: string, options: CrmErrorOptions & { node: FilterExpr; path?: string }) {
    super(message, options);
    this.node = options.node;
    this.path = options.path ?? '';
  }
}

/**
 * A filter that is not well-formed (empty `and`, unknown operator, missing value…).
 *
 * @example
 * ```ts
 * const problems = validateFilter(expr);
 * if (problems.length) throw new InvalidFilterError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
 * ```
 */
export class InvalidFilterError extends CrmError {
  static override readonly kind: string = 'InvalidFilterError';
  readonly problems: readonly { path: string; message: string }[];

  constructor(message: string, options: CrmErrorOptions & { problems: { path: string; message: string }[] }) {
    super(message, options);
    this.problems = options.problems;
  }
}

/**
 * The checkpoint can no longer be resumed from (an expired delta token, a purged delete log).
 * The host then runs a full read and reconciles deletes.
 *
 * @example
 * ```ts
 * if (body.error?.message?.includes('Version stamp associated with the client has expired')) {
 *   throw new CheckpointExpiredError('The Dataverse delta token expired; a full sync is needed', { code: body.error.code });
 * }
 * ```
 */
export class CheckpointExpiredError extends CrmError {
  static override readonly kind: string = 'CheckpointExpiredError';
}

/**
 * A URL that is not `https:` (or an https→http redirect). Connections are HTTPS only.
 *
 * @example
 * ```ts
 * if (new URL(config.instanceUrl).protocol !== 'https:') throw new InsecureUrlError(config.instanceUrl, 'instanceUrl');
 * ```
 */
export class InsecureUrlError extends CrmError {
  static override readonly kind: string = 'InsecureUrlError';
  /** The refused URL, without credentials, query or fragment. */
  readonly url: string;
  /** The setting that held the URL, when known. */
  readonly setting?: string;

  constructor(url: string | URL, setting?: string, options: CrmErrorOptions = {}) {
    const shown = describeUrl(url);
    super(
      `Refused ${shown}${setting ? ` (setting '${setting}')` : ''}: CRM Hub connects over https:// only; use an https:// URL.`,
      options,
    );
    this.url = shown;
    if (setting !== undefined) this.setting = setting;
  }
}

/** Shows a URL without anything that could be a secret (userinfo, query, fragment). */
function describeUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}
