import { isObservable, type Observable, type Subscription } from 'rxjs';
import { ConformanceError } from './conformance-error';

/**
 * Options of {@link collect}.
 *
 * @example
 * ```ts
 * const opts: CollectOptions<SyncMessage> = { timeoutMs: 5_000, until: (msg) => msg.kind === 'checkpoint' };
 * ```
 */
export interface CollectOptions<T> {
  /** The longest wait for the observable to complete or `until` to match (default 30 000 ms). */
  timeoutMs?: number;
  /** Stop (and unsubscribe) after the first value for which this returns true; that value is kept. */
  until?: (value: T, collected: readonly T[]) => boolean;
  /** On timeout: reject with a `ConformanceError` (default) or resolve with what came so far. */
  onTimeout?: 'reject' | 'resolve';
}

/**
 * Subscribes to an observable and collects its values into an array, resolving when it completes
 * (or when `until` matches, after unsubscribing), rejecting with its error or on timeout. The
 * subscription and the timer are always released, so nothing it started outlives the promise.
 *
 * @example
 * ```ts
 * import { collect } from '@crm-hub/plugin-testing';
 *
 * const messages = await collect(connector.read({ object: 'Contact', fields: [] }), { timeoutMs: 10_000 });
 * const firstPage = await collect(connector.read(req), { until: (m) => m.kind === 'checkpoint' });
 * ```
 */
export function collect<T>(source: Observable<T>, options: CollectOptions<T> = {}): Promise<T[]> {
  const { timeoutMs = 30_000, until, onTimeout = 'reject' } = options;
  if (!isObservable(source)) {
    return Promise.reject(new ConformanceError(`expected an rxjs Observable, got ${source === null ? 'null' : typeof source}`));
  }
  return new Promise<T[]>((resolve, reject) => {
    const values: T[] = [];
    let settled = false;
    let subscription: Subscription | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          onTimeout === 'resolve'
            ? resolve(values)
            : reject(
                new ConformanceError(
                  `the observable neither completed nor matched within ${timeoutMs} ms (${values.length} value(s) received)`,
                ),
              ),
        ),
      timeoutMs,
    );
    try {
      subscription = source.subscribe({
        next: (value) => {
          if (settled) return;
          values.push(value);
          if (until?.(value, values)) finish(() => resolve(values));
        },
        error: (err: unknown) => finish(() => reject(err)),
        complete: () => finish(() => resolve(values)),
      });
    } catch (err) {
      finish(() => reject(err));
    }
    // A synchronous source may have finished before subscribe() returned the subscription.
    if (settled) subscription?.unsubscribe();
  });
}

/**
 * Waits `ms` milliseconds (the timer is gone once the promise resolves, so it never counts as an
 * open handle).
 *
 * @example
 * ```ts
 * await sleep(200);
 * ```
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until the wall clock passes the next multiple of `resolutionMs` and returns that instant as
 * an ISO datetime: a modification time later than any the CRM has stamped so far, yet not in the
 * future (plugins may read only up to "now").
 *
 * @example
 * ```ts
 * const modifiedAt = await nextClockTick(1000); // e.g. '2026-01-01T10:00:01.000Z'
 * ```
 */
export async function nextClockTick(resolutionMs: number): Promise<string> {
  const tick = (Math.floor(Date.now() / resolutionMs) + 1) * resolutionMs;
  // Timers may fire a little early; loop until the clock really is past the tick.
  while (Date.now() < tick) await sleep(Math.max(1, tick - Date.now()));
  return new Date(tick).toISOString();
}
