import { setTimeout as delay } from 'node:timers/promises';

/**
 * One pause shared by every call made with the same Dataverse identity (environment + app) in
 * this process: when Dataverse answers 429, service protection applies to the user, so every
 * connector of that identity waits for `Retry-After` instead of lengthening the penalty by
 * sending more. Waiting is cancellable (the timer is cleared on abort, so nothing lingers after
 * unsubscribe or `dispose()`).
 *
 * @example
 * ```ts
 * const gate = ThrottleGate.for('https://contoso.crm.dynamics.com|my-app');
 * gate.pauseUntil(Date.now() + 5000);
 * await gate.wait(signal); // resolves about 5 s later
 * ```
 */
export class ThrottleGate {
  private static readonly gates = new Map<string, ThrottleGate>();
  private until = 0;

  /** The gate of one identity (created on first use; it holds a timestamp only). */
  static for(identity: string): ThrottleGate {
    let gate = ThrottleGate.gates.get(identity);
    if (!gate) ThrottleGate.gates.set(identity, (gate = new ThrottleGate()));
    return gate;
  }

  /** Pauses every call of this identity until `epochMs` (never shortens a longer pause). */
  pauseUntil(epochMs: number): void {
    this.until = Math.max(this.until, epochMs);
  }

  /** The end of the current pause (epoch ms), or 0 when calls may go. */
  get pausedUntil(): number {
    return this.until > Date.now() ? this.until : 0;
  }

  /** Resolves when calls may go again; rejects with the abort reason when `signal` aborts. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let remaining = this.until - Date.now(); remaining > 0; remaining = this.until - Date.now()) {
      await delay(remaining, undefined, signal ? { signal } : {});
    }
  }
}

/**
 * `Retry-After` in milliseconds: delta-seconds (Dataverse sends whole seconds) or an HTTP date;
 * `fallbackMs` when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs('7', 5000); // 7000
 * ```
 */
export function retryAfterMs(header: string | null, fallbackMs: number, now = Date.now()): number {
  if (header === null || header.trim() === '') return fallbackMs;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter for transient failures (5xx, resets): attempt 0 waits up
 * to `baseMs`, each further attempt doubles it, capped at `capMs`.
 *
 * @example
 * ```ts
 * await delay(backoffMs(attempt));
 * ```
 */
export function backoffMs(attempt: number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
