/**
 * The emulated service's clock: real time plus an offset that tests move forward (token expiry,
 * change-tracking horizons, recycle-bin windows) without waiting.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to an instant (never backwards by accident: tests say so explicitly with `allowBackwards`). */
  set(instant: Date | string, allowBackwards = false): void {
    const target = new Date(instant).getTime();
    if (Number.isNaN(target)) throw new Error(`Not an instant: ${String(instant)}`);
    if (!allowBackwards && target < this.nowMs()) throw new Error('The emulator clock does not go backwards');
    this.offsetMs = target - Date.now();
  }
}
