/** Injection token of the {@link SyncQueueDriver}. */
export const SYNC_QUEUE = Symbol('SYNC_QUEUE');

/** How a run is handed over. */
export interface EnqueueOptions {
  /** Wait this long before delivering (a retry, a paused run's next attempt). */
  delayMs?: number;
  /** A continuous run: it holds its executor until stopped, so it does not count against the concurrency limit. */
  longRunning?: boolean;
  /**
   * The run's `attempts` when queued: a run queued again at the same attempt is not queued twice,
   * while a run taken over from a dead process (its attempt moved on) is, at once.
   */
  attempt?: number;
}

/** What waits and runs, for `/metrics`. */
export interface QueueDepth {
  waiting: number;
  delayed: number;
  active: number;
}

/**
 * Where runs wait for an executor. The scheduler and the API only enqueue run ids; whoever
 * executes them claims the run and its job's lease in the database, so a run delivered twice, or
 * to two processes, still runs once. The database is the record of what is queued: a run whose
 * delivery was lost (a queue service restarted empty) is queued again by the scheduler.
 */
export interface SyncQueueDriver {
  /** Which driver: `in-process` or `bullmq`. */
  readonly kind: string;
  enqueue(runId: string, options?: EnqueueOptions): Promise<void>;
  /** Starts delivering runs to `execute` (worker processes only). */
  start(execute: (runId: string) => Promise<void>): Promise<void>;
  /** Stops delivering; resolves when the runs in progress have returned. */
  stop(): Promise<void>;
  /** Whether the queue can be reached (readiness); the message says why not. */
  health(): Promise<{ up: boolean; message?: string }>;
  depth(): Promise<QueueDepth | undefined>;
}
