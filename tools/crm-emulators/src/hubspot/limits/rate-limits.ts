import type { EmulatorClock } from '../../common/clock';
import { HubSpotRateLimitError } from '../errors';
import type { Caller } from '../auth/auth-service';

/**
 * HubSpot's limits: a rolling burst window per app (private apps on Professional: 190 requests
 * per 10 seconds), a daily allowance for private apps (reset at midnight; the emulator uses UTC),
 * and the search endpoints' own per-second limit (5 per second per account), which is not part of
 * the burst window and whose answers carry no rate-limit headers.
 * https://developers.hubspot.com/docs/api/usage-details#rate-limits
 */
export interface HubSpotRateLimitSettings {
  /** The rolling burst window: `max` requests per `windowMs` (`X-HubSpot-RateLimit-Max`, `-Interval-Milliseconds`). */
  tenSecondly: { max: number; windowMs: number };
  /** Requests a private app may make per day (`X-HubSpot-RateLimit-Daily`); OAuth apps have no daily limit. */
  daily: number;
  /** Search requests per second (per account). */
  searchPerSecond: number;
}

/** The defaults: a Professional portal's private app. */
export const DEFAULT_RATE_LIMITS: HubSpotRateLimitSettings = { tenSecondly: { max: 190, windowMs: 10_000 }, daily: 650_000, searchPerSecond: 5 };

const DAY_MS = 86_400_000;

/** Counts calls per window on the emulator clock, refusing them with HubSpot's 429s. */
export class RateLimits {
  private readonly burst = new Map<string, number[]>();
  private readonly search = new Map<string, number[]>();
  private dailyUsed = 0;
  private day = -1;

  constructor(
    private readonly clock: EmulatorClock,
    private settings: HubSpotRateLimitSettings = DEFAULT_RATE_LIMITS,
  ) {}

  configure(settings: Partial<HubSpotRateLimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.burst.clear();
    this.search.clear();
  }

  get current(): HubSpotRateLimitSettings {
    return this.settings;
  }

  /** Sets what the private app used of today's allowance. */
  setDailyUsed(used: number): void {
    this.rollDay();
    this.dailyUsed = used;
  }

  dailyUsage(): { used: number; limit: number } {
    this.rollDay();
    return { used: this.dailyUsed, limit: this.settings.daily };
  }

  /** Admits one call (or throws the 429); returns the rate-limit headers of its answer. */
  admit(caller: Caller, kind: 'api' | 'search'): Record<string, string> {
    const now = this.clock.nowMs();
    this.rollDay();
    if (caller.kind === 'private-app' && this.dailyUsed >= this.settings.daily) throw new HubSpotRateLimitError('DAILY', this.headers(caller, now));
    if (kind === 'search') {
      const stamps = prune(this.search, caller.identity, now, 1000);
      if (stamps.length >= this.settings.searchPerSecond) throw new HubSpotRateLimitError('SECONDLY');
      stamps.push(now);
      if (caller.kind === 'private-app') this.dailyUsed++;
      return {};
    }
    const { max, windowMs } = this.settings.tenSecondly;
    const stamps = prune(this.burst, caller.identity, now, windowMs);
    if (stamps.length >= max) throw new HubSpotRateLimitError('TEN_SECONDLY_ROLLING', this.headers(caller, now));
    stamps.push(now);
    if (caller.kind === 'private-app') this.dailyUsed++;
    return this.headers(caller, now);
  }

  /** The `X-HubSpot-RateLimit-*` headers of an answer to `caller` now. */
  headers(caller: Caller, now = this.clock.nowMs()): Record<string, string> {
    const { max, windowMs } = this.settings.tenSecondly;
    const stamps = prune(this.burst, caller.identity, now, windowMs);
    const secondly = Math.ceil((max * 1000) / windowMs);
    const lastSecond = stamps.filter((s) => s > now - 1000).length;
    return {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(windowMs),
      'X-HubSpot-RateLimit-Max': String(max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, max - stamps.length)),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
      ...(caller.kind === 'private-app'
        ? { 'X-HubSpot-RateLimit-Daily': String(this.settings.daily), 'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.settings.daily - this.dailyUsed)) }
        : {}),
    };
  }

  private rollDay(): void {
    const day = Math.floor(this.clock.nowMs() / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dailyUsed = 0;
    }
  }
}

function prune(windows: Map<string, number[]>, identity: string, now: number, windowMs: number): number[] {
  let stamps = windows.get(identity);
  if (!stamps) windows.set(identity, (stamps = []));
  let drop = 0;
  while (drop < stamps.length && (stamps[drop] as number) <= now - windowMs) drop++;
  if (drop) stamps.splice(0, drop);
  return stamps;
}
