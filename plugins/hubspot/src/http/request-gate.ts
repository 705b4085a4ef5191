import { abortableDelay } from '@crm-hub/plugin-sdk';

/**
 * One pacing state per HubSpot app and portal in this process: a pause every call waits out
 * after a 429 of the burst window (more calls would only prolong it), and the spacing of
 * search calls, which have their own per-second limit. Waiting is cancellable and leaves no
 * timer behind.
 *
 * @example
 * ```ts
 * const gate = RequestGate.for('https://api.hubapi.com|private-app|1a2b3c');
 * await gate.before({ search: true, perSecond: 4 }, signal);
 * ```
 */
export class RequestGate {
  private static readonly gates = new Map<string, RequestGate>();
  private pausedUntil = 0;
  private searchPausedUntil = 0;
  private nextSearchAt = 0;

  /** The gate of one identity (created on first use; it holds timestamps only). */
  static for(identity: string): RequestGate {
    let gate = RequestGate.gates.get(identity);
    if (!gate) RequestGate.gates.set(identity, (gate = new RequestGate()));
    return gate;
  }

  /** Every call waits until `epochMs` (a 429 of the burst window). */
  pause(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** Search calls wait until `epochMs` (a 429 of the search limit). */
  pauseSearch(epochMs: number): void {
    this.searchPausedUntil = Math.max(this.searchPausedUntil, epochMs);
  }

  /** Resolves when this call may go: after any pause and, for a search, its turn in the spacing. */
  async before(call: { search: boolean; perSecond: number }, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      const until = Math.max(this.pausedUntil, call.search ? Math.max(this.searchPausedUntil, this.nextSearchAt) : 0);
      if (until <= now) break;
      await abortableDelay(until - now, signal);
    }
    if (call.search) this.nextSearchAt = Date.now() + Math.ceil(1000 / call.perSecond);
  }
}

/**
 * A short, stable fingerprint (FNV-1a) of a token, so gates are per identity without keeping
 * the secret as a key (runtime-neutral: no `node:crypto`).
 *
 * @example
 * ```ts
 * fingerprint('pat-na1-…'); // '9f2c1a07'
 * ```
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
