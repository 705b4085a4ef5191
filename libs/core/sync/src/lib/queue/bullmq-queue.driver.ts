import { Logger } from '@nestjs/common';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeRedisError, openRedis, REDIS_PREFIX } from '../redis/redis-connection';
import { StreamBalancer } from './stream-balancer';
import type { EnqueueOptions, QueueDepth, SyncQueueDriver } from './sync-queue';

/** Scheduled and manual runs: each worker takes at most its concurrency of them. */
const RUNS_QUEUE = 'sync-runs';
/** Continuous runs hold their executor until stopped: a queue of their own, so they never starve the others. */
const STREAMS_QUEUE = 'sync-streams';
/** Change streams one worker holds at once at most (the balancer keeps it to an even share). */
const STREAMS_PER_WORKER = 100;
/** A stream handed back by a worker that holds its share is offered again after about this long. */
const HAND_BACK_MS = 1_000;
/** A queue call that Redis does not answer in this long fails (the run stays queued in the database). */
const ENQUEUE_TIMEOUT_MS = 3_000;

interface RunMessage {
  runId: string;
}

/**
 * Runs delivered by BullMQ over Redis, to whichever worker process is free. A BullMQ job carries
 * only a run id: the run's state, checkpoints and lease stay in the database, so a job delivered
 * twice (a stalled worker's job handed to another) still runs once, and Redis losing its data
 * loses no run (the scheduler queues the database's queued runs again).
 *
 * Job ids are `<run>.<attempt>`: queuing a run again at the same attempt is a no-op while its job
 * exists, and a run taken over from a killed worker (attempt moved on) is queued at once, without
 * waiting for BullMQ's stalled-job check.
 */
export class BullMqQueueDriver implements SyncQueueDriver {
  readonly kind = 'bullmq';
  private readonly logger = new Logger('SyncQueue');
  private readonly producer: Redis;
  private readonly runs: Queue;
  private readonly streams: Queue;
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];
  private balancer: StreamBalancer | undefined;

  constructor(
    private readonly redisUrl: string,
    private readonly concurrency: number,
    private readonly workerName: string,
  ) {
    this.producer = openRedis(redisUrl, 'queue');
    this.runs = new Queue(RUNS_QUEUE, { connection: this.producer, prefix: REDIS_PREFIX });
    this.streams = new Queue(STREAMS_QUEUE, { connection: this.producer, prefix: REDIS_PREFIX });
    for (const queue of [this.runs, this.streams]) queue.on('error', () => undefined); // logged once by the connection
  }

  async enqueue(runId: string, options: EnqueueOptions = {}): Promise<void> {
    const queue = options.longRunning ? this.streams : this.runs;
    const jobId = `${runId}.${options.attempt ?? 0}${options.delayMs ? 'd' : ''}`;
    await withTimeout(
      queue.add('run', { runId } satisfies RunMessage, {
        jobId,
        ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
        removeOnComplete: true,
        removeOnFail: true,
      }),
      ENQUEUE_TIMEOUT_MS,
      'Redis did not answer in time',
    );
  }

  async start(execute: (runId: string) => Promise<void>): Promise<void> {
    const balancer = new StreamBalancer(this.producer, this.streams, this.workerName);
    this.balancer = balancer;
    await balancer.start();
    const runProcessor = async (job: Job<RunMessage>) => execute(job.data.runId);
    const streamProcessor = async (job: Job<RunMessage>, token?: string) => {
      if (!(await balancer.accept())) {
        // Jittered, so that workers holding their share do not keep taking it back in step.
        await job.moveToDelayed(Date.now() + HAND_BACK_MS * (0.5 + Math.random()), token);
        throw new DelayedError();
      }
      try {
        await execute(job.data.runId);
      } finally {
        balancer.release();
      }
    };
    for (const [name, concurrency, processor] of [
      [RUNS_QUEUE, this.concurrency, runProcessor],
      [STREAMS_QUEUE, STREAMS_PER_WORKER, streamProcessor],
    ] as const) {
      const connection = openRedis(this.redisUrl, `${name}-worker`, { blocking: true });
      this.workerConnections.push(connection);
      const worker = new Worker<RunMessage>(name, processor, {
        connection,
        prefix: REDIS_PREFIX,
        concurrency,
        name: this.workerName,
        // A job whose worker was killed is handed to another; the database decides whether it still needs running.
        maxStalledCount: 1_000,
      });
      worker.on('error', (error) => this.logger.warn(`Queue worker: ${describeRedisError(error)}`));
      this.workers.push(worker);
    }
    this.logger.log(`Worker ${this.workerName} takes runs from Redis (${this.concurrency} at once; change streams: an even share of them)`);
  }

  async stop(): Promise<void> {
    await this.balancer?.stop();
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([this.runs.close(), this.streams.close()]);
    for (const connection of [...this.workerConnections, this.producer]) connection.disconnect();
  }

  async health(): Promise<{ up: boolean; message?: string }> {
    try {
      await withTimeout(this.producer.ping(), 2_000, 'Redis did not answer in time');
      return { up: true };
    } catch (error) {
      return { up: false, message: describeRedisError(error) };
    }
  }

  async depth(): Promise<QueueDepth | undefined> {
    try {
      const counts = await withTimeout(this.runs.getJobCounts('waiting', 'delayed', 'active'), 2_000, 'Redis did not answer in time');
      return { waiting: counts['waiting'] ?? 0, delayed: counts['delayed'] ?? 0, active: counts['active'] ?? 0 };
    } catch {
      return undefined;
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
