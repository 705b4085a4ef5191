/**
 * The CRM's clock, as seen through the `Date` header of its answers. Incremental reads take "now"
 * from here rather than from the local clock: what matters is the clock that stamps the records
 * (the host's may drift, and an emulator's is moved on purpose).
 *
 * `Date` names the second the answer was made in, truncated (RFC 9110 §6.6.1), so the estimate is
 * conservative: never ahead of the server's real time (it may lag it by up to a second plus the
 * answer's transit). An upper bound taken from it is therefore never in the server's future.
 *
 * @example
 * ```ts
 * const clock = new ServerClock();
 * clock.observe(res.headers.get('date'));
 * const upperBound = clock.now() - safetyLagMs; // "now" of the CRM, minus a lag for late commits
 * ```
 */
export class ServerClock {
  private offsetMs: number | undefined;

  /** Learns the server's time from a `Date` header value, received at `receivedAtMs` (ignored when absent or invalid). */
  observe(dateHeader: string | null | undefined, receivedAtMs: number = Date.now()): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    this.offsetMs = serverMs - receivedAtMs;
  }

  /** Whether an answer has told the server's time yet. */
  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  /** The server's current time in epoch milliseconds (the local clock until a `Date` was seen). */
  now(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }
}
