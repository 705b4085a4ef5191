/** What can go wrong with one API call, as real services and networks do. */
export type FaultKind = 'unavailable' | 'reset' | 'slow' | 'truncate' | 'throttle';

/** Fault injection: each API call gets a fault with probability `rate`, drawn from a seeded generator. */
export interface FaultSettings {
  /** 0..1 */
  rate: number;
  kinds: FaultKind[];
  /** Delay of `slow` answers (default 2000 ms). */
  slowMs?: number;
  /** Only calls of these endpoint kinds (default: every API call). */
  endpoints?: string[];
  /** Seed of the generator, so a failing run can be replayed (default 1). */
  seed?: number;
  /** Force exactly the next N calls to fail (with the first kind), whatever the rate. */
  next?: number;
}

/** Decides faults deterministically (mulberry32), so a test's sequence of faults is reproducible. */
export class FaultInjector {
  private settings: FaultSettings = { rate: 0, kinds: [] };
  private state = 1;
  private forced = 0;

  configure(settings: FaultSettings): void {
    if (!(settings.rate >= 0 && settings.rate <= 1)) throw new Error('fault rate must be between 0 and 1');
    if (settings.rate > 0 && settings.kinds.length === 0) throw new Error('fault kinds must not be empty');
    this.settings = { ...settings };
    this.state = settings.seed ?? 1;
    this.forced = settings.next ?? 0;
  }

  clear(): void {
    this.configure({ rate: 0, kinds: [] });
  }

  get slowMs(): number {
    return this.settings.slowMs ?? 2000;
  }

  /** The fault for this call, if any. */
  decide(endpoint: string): FaultKind | undefined {
    const { kinds, endpoints, rate } = this.settings;
    if (kinds.length === 0 || (endpoints && !endpoints.includes(endpoint))) return undefined;
    if (this.forced > 0) {
      this.forced -= 1;
      return kinds[0];
    }
    if (this.random() >= rate) return undefined;
    return kinds[Math.floor(this.random() * kinds.length)];
  }

  private random(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
