import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS_PREFIX } from '../redis/redis-connection';

/** How often a worker says it is alive. */
const HEARTBEAT_MS = 2_000;
/** A worker not heard of for this long is gone (killed, or cut off from Redis). */
const WORKER_GONE_MS = 10_000;
/** Sorted set of the workers taking change streams, scored by when each was last heard of. */
const WORKERS_KEY = `${REDIS_PREFIX}:stream-workers`;

/**
 * The most change streams one worker should hold: an even share over the live workers.
 *
 * @example
 * ```ts
 * fairShare(10, 3); // 4
 * ```
 */
export function fairShare(streams: number, workers: number): number {
  return Math.max(1, Math.ceil(streams / Math.max(1, workers)));
}

/**
 * Spreads change streams over the live workers. A stream holds its worker until it is stopped,
 * and BullMQ hands a job to whichever worker asks first, so one worker would take every stream
 * queued in a burst. A worker that already holds its {@link fairShare} hands a new stream back
 * (BullMQ delays it a moment) for a worker with room to take. When a worker dies, the streams it
 * held come back to the queue and the others' share grows to take them. Streams already held are
 * not moved when a worker joins.
 */
export class StreamBalancer {
  private timer: NodeJS.Timeout | undefined;
  private held = 0;

  constructor(
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly workerName: string,
  ) {}

  async start(): Promise<void> {
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(WORKERS_KEY, this.workerName).catch(() => undefined);
  }

  /** Whether this worker takes one more stream (then {@link release} it when it ends). */
  async accept(): Promise<boolean> {
    let share = Number.POSITIVE_INFINITY;
    try {
      const [workers, counts] = await Promise.all([this.liveWorkers(), this.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized')]);
      const streams = Object.values(counts).reduce((sum, n) => sum + n, 0);
      share = fairShare(streams, workers);
    } catch {
      // Redis did not say: take the stream rather than leave it unfollowed.
    }
    if (this.held >= share) return false;
    this.held += 1;
    return true;
  }

  release(): void {
    this.held -= 1;
  }

  private async liveWorkers(): Promise<number> {
    const now = Date.now();
    const replies = await this.redis.multi().zremrangebyscore(WORKERS_KEY, '-inf', now - WORKER_GONE_MS).zcard(WORKERS_KEY).exec();
    return Number(replies?.[1]?.[1] ?? 1);
  }

  private async heartbeat(): Promise<void> {
    await this.redis.zadd(WORKERS_KEY, Date.now(), this.workerName).catch(() => undefined);
  }
}
