import type { EmulatorClock } from '../../common/clock';
import { tooManyRequests } from '../errors';

export interface RequestLimit {
  requests: number;
  windowMs: number;
  retryAfterSeconds?: number;
}

/** Dataverse's default: 6,000 requests per user in a 300-second sliding window (api-limits.md). */
export const DEFAULT_REQUEST_LIMIT: RequestLimit = { requests: 6000, windowMs: 300_000 };

/**
 * Service protection by number of requests, per identity (the token's application), over a sliding
 * window on the emulator clock. Past the limit: 429, `Retry-After` and error 0x80072322. Each operation
 * of a `$batch` counts. https://learn.microsoft.com/power-apps/developer/data-platform/api-limits
 */
export class ServiceProtection {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private limit: RequestLimit | undefined,
  ) {}

  setLimit(limit: RequestLimit | undefined): void {
    // requests: 0 throttles every call (an exhausted budget); the window must be positive.
    if (limit && (!(limit.requests >= 0) || !Number.isInteger(limit.requests) || !(limit.windowMs > 0))) {
      throw new Error('requests must be a non-negative integer and windowMs positive');
    }
    this.limit = limit;
    this.hits.clear();
  }

  /** Counts `count` requests for `identity`, or throws the 429 error when they would exceed the limit. */
  admit(identity: string, count = 1): void {
    const limit = this.limit;
    if (!limit) return;
    const now = this.clock.nowMs();
    const stamps = this.prune(identity, now, limit);
    if (stamps.length + count > limit.requests) {
      const oldest = stamps[0] ?? now;
      const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
      throw tooManyRequests(limit.requests, Math.round(limit.windowMs / 1000), retryAfter);
    }
    for (let i = 0; i < count; i++) stamps.push(now);
  }

  /** Requests still allowed in the window (the `x-ms-ratelimit-burst-remaining-xrm-requests` debug header). */
  remaining(identity: string): number | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    return Math.max(0, limit.requests - this.prune(identity, this.clock.nowMs(), limit).length);
  }

  private prune(identity: string, now: number, limit: RequestLimit): number[] {
    let stamps = this.hits.get(identity);
    if (!stamps) {
      stamps = [];
      this.hits.set(identity, stamps);
    }
    let drop = 0;
    while (drop < stamps.length && (stamps[drop] as number) <= now - limit.windowMs) drop++;
    if (drop > 0) stamps.splice(0, drop);
    return stamps;
  }
}
