/** Injection token of {@link SyncOptions}. */
export const SYNC_OPTIONS = Symbol('SYNC_OPTIONS');

/** What a hub process does: `all` (the default) is one process doing everything. */
export type HubRole = 'api' | 'scheduler' | 'worker' | 'all';

/** Settings of the sync engine. */
export interface SyncOptions {
  /** Runs executed at once by this process (continuous runs aside). */
  concurrency: number;
  /**
   * How long a job's lease lasts without renewal: a process that died frees its runs after this.
   * Heartbeats come every sixth of it; a run is taken over once its heartbeat is 1.5× this old.
   */
  leaseTtlMs: number;
  /** How long a run waits after the CRM's API quota ran out before it tries again. */
  quotaPauseMs: number;
  /** `api`: serves requests and queues runs; `scheduler`: the active one enqueues scheduled runs; `worker`: executes runs. */
  role?: HubRole;
  /** Where runs queue across processes (BullMQ), the org budgets and the account slots live; none: in this process. */
  redisUrl?: string;
  /** This process as runs name their executor (`GET /api/sync/runs`, `/metrics`). */
  workerName?: string;
  /** Runs of one account executed at once across every worker (continuous runs aside). */
  accountConcurrency?: number;
  /** CRM calls kept back from an org's reported quota: runs pause when only this many are left. */
  budgetReserve?: number;
}

/** Whether this process executes runs / schedules them. */
export const executesRuns = (options: SyncOptions): boolean => (options.role ?? 'all') === 'all' || options.role === 'worker';
export const schedulesRuns = (options: SyncOptions): boolean => (options.role ?? 'all') === 'all' || options.role === 'scheduler';
