import type { PluginIsolationLimits } from '../plugin-registry.options';

/**
 * Asks a worker, every `heartbeatIntervalMs`, whether it still answers, and calls `silent` when a
 * ping stays unanswered for `unresponsiveAfterMs`. A worker busy in a loop never reads its
 * messages, so this is what catches `while (true) {}` at call time (a call's own time limit would
 * also catch it, but only after minutes, and not between calls).
 *
 * The hub's own thread can be busy too (a long GC, a big JSON): when a tick comes much later than
 * due, the missing pong may merely be unread, so that tick gives the worker a fresh chance instead
 * of blaming it.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private outstanding: { seq: number; sentAt: number } | undefined;
  private dueAt = 0;

  constructor(
    private readonly limits: Pick<PluginIsolationLimits, 'heartbeatIntervalMs' | 'unresponsiveAfterMs'>,
    private readonly ping: (seq: number) => void,
    private readonly silent: (silentMs: number) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.dueAt = Date.now() + this.limits.heartbeatIntervalMs;
    this.timer = setInterval(() => this.tick(), this.limits.heartbeatIntervalMs);
    this.timer.unref(); // never what keeps the hub running
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  answered(seq: number): void {
    if (this.outstanding?.seq === seq) this.outstanding = undefined;
  }

  private tick(): void {
    const now = Date.now();
    const hubWasBusy = now - this.dueAt > this.limits.heartbeatIntervalMs;
    this.dueAt = now + this.limits.heartbeatIntervalMs;
    if (this.outstanding && hubWasBusy) this.outstanding.sentAt = now;
    if (this.outstanding) {
      const silentMs = now - this.outstanding.sentAt;
      if (silentMs >= this.limits.unresponsiveAfterMs) {
        this.stop();
        this.silent(silentMs);
      }
      return;
    }
    this.outstanding = { seq: ++this.seq, sentAt: now };
    this.ping(this.outstanding.seq);
  }
}
