/**
 * The CRM's clock, as seen through the `Date` header of its responses. Incremental reads take
 * "now" from here rather than from the local clock: the host's clock may drift, and what matters
 * is the clock that stamped `SystemModstamp`.
 *
 * `Date` has a resolution of one second (RFC 9110 §6.6.1), so the offset is estimated from the
 * middle of the second it names.
 *
 * @example
 * ```ts
 * const clock = new ServerClock();
 * clock.observe(res.headers.get('date'));
 * const upperBound = clock.now() - settings.safetyLagMs;
 * ```
 */
export class ServerClock {
  private offsetMs: number | undefined;

  /** Learns the server's time from a `Date` header value (ignored when absent or invalid). */
  observe(dateHeader: string | null | undefined, receivedAtMs: number = Date.now()): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    this.offsetMs = serverMs + 500 - receivedAtMs;
  }

  /** Whether a response has told us the server's time yet. */
  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  /** The server's current time in epoch milliseconds (the local clock until a `Date` was seen). */
  now(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }
}
