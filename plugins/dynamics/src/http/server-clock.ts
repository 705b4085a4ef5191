/**
 * The server's clock as seen through the `Date` header of its answers. Watermark reads bound
 * their slice by the server's "now" minus a safety lag, not by this machine's clock, which may
 * be skewed (and in tests, the emulator's clock is moved on purpose).
 *
 * `Date` has a one-second resolution and is truncated, so the estimate is conservative: it is
 * never ahead of the server, which keeps the upper bound on the safe side.
 *
 * @example
 * ```ts
 * clock.observe(res.headers.get('date'));
 * const upper = new Date(clock.now() - safetyLagMs);
 * ```
 */
export class ServerClock {
  private offsetMs: number | undefined;

  /** Records a `Date` header, received just now. */
  observe(dateHeader: string | null, receivedAt = Date.now()): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    this.offsetMs = serverMs - receivedAt;
  }

  /** Whether any answer has told the server's time yet. */
  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  /** The server's current time (epoch ms), or this machine's when no answer has been seen. */
  now(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }
}
