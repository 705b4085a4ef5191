/**
 * Waits `ms` milliseconds unless `signal` aborts first (then rejects with its reason). The timer
 * is cleared on abort, so a cancelled wait leaves no handle behind.
 *
 * @example
 * ```ts
 * await abortableDelay(500, signal); // backoff that unsubscribe/dispose can cut short
 * ```
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The error an aborted signal stands for (its reason, or a DOMException `AbortError`).
 *
 * @example
 * ```ts
 * if (signal.aborted) throw abortReason(signal);
 * ```
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/**
 * One signal aborted when any of `signals` is (undefined entries ignored).
 *
 * @example
 * ```ts
 * const signal = anySignal(ctx.signal, subscription.signal);
 * ```
 */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length === 1 ? (present[0] as AbortSignal) : AbortSignal.any(present);
}
