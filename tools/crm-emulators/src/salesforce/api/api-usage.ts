import type { EmulatorClock } from '../../common/clock';
import { RestError } from '../errors';
import { DAY_MS, MINUTE_MS } from '../util/sf-dates';

/**
 * The org's daily API request allocation, counted over a rolling 24 hours of emulator time, as
 * `Sforce-Limit-Info: api-usage=USED/LIMIT` reports it.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 */
export class ApiUsage {
  /** Calls per minute of emulator time. */
  private readonly buckets = new Map<number, number>();

  constructor(
    private readonly clock: EmulatorClock,
    public limit: number,
  ) {}

  get used(): number {
    const horizon = Math.floor((this.clock.nowMs() - DAY_MS) / MINUTE_MS);
    let total = 0;
    for (const [minute, count] of this.buckets) {
      if (minute <= horizon) this.buckets.delete(minute);
      else total += count;
    }
    return total;
  }

  /** Counts one call, or refuses it with 403 REQUEST_LIMIT_EXCEEDED once the allocation is used up. */
  consume(): void {
    if (this.used >= this.limit) throw new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    this.add(1);
  }

  set(used: number, limit?: number): void {
    if (limit !== undefined) this.limit = limit;
    this.buckets.clear();
    this.add(used);
  }

  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }

  private add(count: number): void {
    const minute = Math.floor(this.clock.nowMs() / MINUTE_MS);
    this.buckets.set(minute, (this.buckets.get(minute) ?? 0) + count);
  }
}
