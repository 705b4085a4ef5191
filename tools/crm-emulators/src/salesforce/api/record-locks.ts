import type { SalesforceRecordLockSettings as RecordLockSettings } from '../salesforce-emulator.types';

/** Decides which written records hit a row lock (deterministic, like FaultInjector). */
export class RecordLocks {
  private settings: RecordLockSettings = {};
  private state = 1;
  private forced = 0;
  private ids = new Set<string>();

  configure(settings: RecordLockSettings | null): void {
    const s = settings ?? {};
    if (s.rate !== undefined && !(s.rate >= 0 && s.rate <= 1)) throw new Error('lock rate must be between 0 and 1');
    this.settings = { ...s };
    this.state = s.seed ?? 1;
    this.forced = s.next ?? 0;
    this.ids = new Set((s.ids ?? []).map((id) => id.slice(0, 15)));
  }

  isLocked(id?: string): boolean {
    if (id && this.ids.has(id.slice(0, 15))) return true;
    if (this.forced > 0) {
      this.forced -= 1;
      return true;
    }
    const rate = this.settings.rate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  private random(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
