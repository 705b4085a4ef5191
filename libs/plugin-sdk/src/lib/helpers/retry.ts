import { CrmRateLimitError, CrmTransientError } from '../errors';

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); `fallbackMs`
 * when the header is absent or unreadable. Never negative.
 *
 * @example
 * ```ts
 * retryAfterMs(res.headers.get('retry-after'), 5_000); // '7' → 7000
 * ```
 */
export function retryAfterMs(header: string | null | undefined, fallbackMs: number, now: number = Date.now()): number {
  if (header === null || header === undefined || header.trim() === '') return fallbackMs;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // An HTTP date names its day and month ("Thu, 01 Jan 2026 10:00:30 GMT"); '-3' is no date.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": attempt 0 waits between `baseMs / 2` and `baseMs`,
 * each further attempt doubles the ceiling, capped at `capMs`. Jitter keeps many workers that
 * failed together from retrying together.
 *
 * @example
 * ```ts
 * await abortableDelay(backoffMs(attempt), signal);
 * ```
 */
export function backoffMs(attempt: number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * How a connector retries one CRM call. The defaults ride out a blip and give up within a few
 * seconds: longer waits are the host's business (it retries or pauses whole runs).
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 5_000 };
 * ```
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** The ceiling of the first backoff; it doubles with each attempt. */
  baseDelayMs: number;
  /** The longest backoff, and the longest `Retry-After` waited for in the call (longer ones go to the host). */
  maxDelayMs: number;
}

/**
 * The default {@link RetryPolicy}: 3 retries after ~250, ~500 and ~1000 ms, waits of at most 5 s.
 *
 * @example
 * ```ts
 * const delay = retryDelay(error, attempt, DEFAULT_RETRY_POLICY, { idempotent: true });
 * ```
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ retries: 3, baseDelayMs: 250, maxDelayMs: 5_000 });

/** HTTP statuses a server answers before doing anything: safe to repeat even for a non-idempotent call. */
const NOT_PROCESSED = new Set([429, 503]);

/**
 * How long to wait before retrying a failed call, or `undefined` to give up and throw:
 * `CrmRateLimitError` waits its `retryAfterMs` (if within `maxDelayMs`); `CrmTransientError`
 * backs off — for a non-idempotent call only when the CRM cannot have acted (429, 503); any
 * other error, or no retries left, gives up.
 *
 * @example
 * ```ts
 * for (let attempt = 0; ; attempt++) {
 *   try {
 *     return await send(call);
 *   } catch (error) {
 *     const wait = retryDelay(error, attempt, DEFAULT_RETRY_POLICY, { idempotent: call.method !== 'POST' });
 *     if (wait === undefined) throw error;
 *     await abortableDelay(wait, signal);
 *   }
 * }
 * ```
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY,
  options: { idempotent: boolean } = { idempotent: true },
): number | undefined {
  if (attempt >= policy.retries) return undefined;
  const backoff = Math.min(backoffMs(attempt, policy.baseDelayMs * 2, policy.maxDelayMs), policy.maxDelayMs);
  if (error instanceof CrmRateLimitError) {
    return error.retryAfterMs > policy.maxDelayMs ? undefined : Math.max(error.retryAfterMs, backoff);
  }
  if (!(error instanceof CrmTransientError)) return undefined;
  if (!options.idempotent && !NOT_PROCESSED.has(error.status ?? 0)) return undefined;
  return backoff;
}
