/** Injection token of the {@link SyncLimits}. */
export const SYNC_LIMITS = Symbol('SYNC_LIMITS');

/**
 * One CRM org's API budget, shared by every run on it in every worker: the calls made, what the
 * CRM last reported of its quotas, and a back-off time. When the estimate of calls left reaches the
 * reserve, or a run was told to back off (quota used up, throttled), every run on the org pauses
 * until the back-off ends.
 */
export interface OrgBudget {
  /** Counts calls just made; the end of the org's back-off when runs must stop now. */
  spend(org: string, calls: number, now?: number): Promise<Date | undefined>;
  /** What the CRM reported of one of its quotas. */
  report(org: string, kind: string, used: number, limit: number): Promise<void>;
  /** Every run on the org stops and waits until `until`. */
  backOff(org: string, until: Date): Promise<void>;
  /** The end of the org's back-off, if it is backed off now. */
  pausedUntil(org: string, now?: number): Promise<Date | undefined>;
  /** Calls left before the reserve, as last estimated by this process (for `/metrics`). */
  lastLeft(): ReadonlyMap<string, number>;
}

/** How many runs of one account execute at once across workers (continuous runs aside). */
export interface AccountSlots {
  /** Takes a slot for the run; false when the account's runs are all busy. */
  take(accountId: string, runId: string): Promise<boolean>;
  /** Keeps a slot taken (slots of a worker that died expire). */
  keep(accountId: string, runId: string): Promise<void>;
  release(accountId: string, runId: string): Promise<void>;
}

/** The limits that runs share: across processes with Redis, in this process without. */
export interface SyncLimits {
  budget: OrgBudget;
  slots: AccountSlots;
  close(): Promise<void>;
}

/** What is known of one quota kind of an org: the CRM's report, and our call count when it came. */
export interface QuotaState {
  used: number;
  limit: number;
  callsAtReport: number;
}

/**
 * Calls left before the reserve, across an org's quotas: the CRM's last report plus the calls made
 * since (by any worker). It over-counts calls that were in flight when a report was made, which
 * errs on the safe side. `undefined` when the CRM reported no quota.
 */
export function callsLeft(quotas: Iterable<QuotaState>, calls: number, reserve: number): number | undefined {
  let left: number | undefined;
  for (const q of quotas) {
    if (!(q.limit > 0)) continue;
    const estimate = q.limit - reserve - (q.used + calls - q.callsAtReport);
    left = left === undefined ? estimate : Math.min(left, estimate);
  }
  return left;
}
