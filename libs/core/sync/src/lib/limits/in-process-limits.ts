import { callsLeft, type AccountSlots, type OrgBudget, type QuotaState, type SyncLimits } from './sync-limits';

interface OrgState {
  calls: number;
  quotas: Map<string, QuotaState>;
  until: number;
}

/** {@link OrgBudget} of a single hub process. */
export class InProcessOrgBudget implements OrgBudget {
  private readonly orgs = new Map<string, OrgState>();
  private readonly left = new Map<string, number>();

  constructor(
    private readonly reserve: number,
    private readonly pauseMs: number,
  ) {}

  async spend(org: string, calls: number, now = Date.now()): Promise<Date | undefined> {
    const state = this.state(org);
    state.calls += calls;
    if (state.until > now) return new Date(state.until);
    if (state.until > 0) {
      // The back-off is over: what the CRM reported before it is stale (the quota may have reset),
      // so calls go on until its next answer says where the quota stands.
      state.quotas.clear();
      state.until = 0;
    }
    const left = callsLeft(state.quotas.values(), state.calls, this.reserve);
    if (left === undefined) return undefined;
    this.left.set(org, Math.max(0, left));
    if (left > 0) return undefined;
    state.until = now + this.pauseMs;
    return new Date(state.until);
  }

  async report(org: string, kind: string, used: number, limit: number): Promise<void> {
    const state = this.state(org);
    state.quotas.set(kind, { used, limit, callsAtReport: state.calls });
  }

  async backOff(org: string, until: Date): Promise<void> {
    const state = this.state(org);
    state.until = Math.max(state.until, until.getTime());
  }

  async pausedUntil(org: string, now = Date.now()): Promise<Date | undefined> {
    const until = this.orgs.get(org)?.until ?? 0;
    return until > now ? new Date(until) : undefined;
  }

  lastLeft(): ReadonlyMap<string, number> {
    return this.left;
  }

  private state(org: string): OrgState {
    let state = this.orgs.get(org);
    if (!state) this.orgs.set(org, (state = { calls: 0, quotas: new Map(), until: 0 }));
    return state;
  }
}

/** {@link AccountSlots} of a single hub process. */
export class InProcessAccountSlots implements AccountSlots {
  private readonly taken = new Map<string, Set<string>>();

  constructor(private readonly perAccount: number) {}

  async take(accountId: string, runId: string): Promise<boolean> {
    const runs = this.taken.get(accountId) ?? new Set<string>();
    if (!runs.has(runId) && runs.size >= this.perAccount) return false;
    runs.add(runId);
    this.taken.set(accountId, runs);
    return true;
  }

  async keep(): Promise<void> {
    // nothing expires in one process
  }

  async release(accountId: string, runId: string): Promise<void> {
    this.taken.get(accountId)?.delete(runId);
  }
}

export function inProcessLimits(options: { reserve: number; pauseMs: number; perAccount: number }): SyncLimits {
  return { budget: new InProcessOrgBudget(options.reserve, options.pauseMs), slots: new InProcessAccountSlots(options.perAccount), close: async () => undefined };
}
