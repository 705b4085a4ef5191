/**
 * Waits `ms` milliseconds unless `signal` aborts first (then rejects with its reason). The timer
 * is cleared on abort, so a cancelled wait leaves no handle behind.
 *
 * @example
 * ```ts
 * await abortableDelay(backoffMs(attempt), signal); // a backoff that unsubscribe or dispose cuts short
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
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The error an aborted signal stands for: its reason, or a DOMException `AbortError`.
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
 * One signal, aborted as soon as any of `signals` is (undefined entries are ignored).
 *
 * @example
 * ```ts
 * const signal = anySignal(ctx.signal, subscription.signal);
 * ```
 */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 0) return new AbortController().signal;
  return present.length === 1 ? (present[0] as AbortSignal) : AbortSignal.any(present);
}
