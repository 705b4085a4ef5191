import { abortableDelay } from '@crm-hub/plugin-sdk';

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
      await abortableDelay(remaining, signal);
    }
  }
}
