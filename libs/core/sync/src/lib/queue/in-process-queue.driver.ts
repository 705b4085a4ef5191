import { Logger } from '@nestjs/common';
import type { EnqueueOptions, QueueDepth, SyncQueueDriver } from './sync-queue';

/**
 * Runs queued runs in this process, at most `concurrency` at a time (continuous runs aside), in
 * order of arrival. A run id already waiting is not queued twice.
 */
export class InProcessQueueDriver implements SyncQueueDriver {
  readonly kind = 'in-process';
  private readonly logger = new Logger('SyncQueue');
  private readonly waiting: { runId: string; longRunning: boolean }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly active = new Map<string, Promise<void>>();
  private busy = 0;
  private execute: ((runId: string) => Promise<void>) | undefined;
  private stopped = false;

  constructor(private readonly concurrency: number) {}

  async enqueue(runId: string, options: EnqueueOptions = {}): Promise<void> {
    if (this.stopped) return;
    const push = (): void => {
      if (this.stopped || this.waiting.some((w) => w.runId === runId) || this.active.has(runId)) return;
      this.waiting.push({ runId, longRunning: options.longRunning === true });
      this.pump();
    };
    if (!options.delayMs) return push();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      push();
    }, options.delayMs);
    this.timers.add(timer);
  }

  async start(execute: (runId: string) => Promise<void>): Promise<void> {
    this.execute = execute;
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.waiting.length = 0;
    await Promise.allSettled([...this.active.values()]);
  }

  async health(): Promise<{ up: boolean }> {
    return { up: true };
  }

  async depth(): Promise<QueueDepth> {
    return { waiting: this.waiting.length, delayed: this.timers.size, active: this.active.size };
  }

  private pump(): void {
    const execute = this.execute;
    if (!execute || this.stopped) return;
    for (let i = 0; i < this.waiting.length; ) {
      const next = this.waiting[i] as { runId: string; longRunning: boolean };
      if (!next.longRunning && this.busy >= this.concurrency) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      if (!next.longRunning) this.busy++;
      const done = execute(next.runId)
        .catch((error: unknown) => this.logger.error(`Run ${next.runId} ended with an unexpected error: ${(error as Error).message}`))
        .finally(() => {
          this.active.delete(next.runId);
          if (!next.longRunning) this.busy--;
          this.pump();
        });
      this.active.set(next.runId, done);
    }
  }
}
