import type { ApiMeter } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import type { SyncLimits } from './sync-limits';

/** The run must stop: its org is backed off until `until` (budget used up, or the CRM said so). */
export class OrgBackedOff extends Error {
  constructor(readonly until: Date) {
    super(`The CRM org's API budget is used up or the CRM asked to back off: the run continues at ${until.toISOString()}`);
    this.name = 'OrgBackedOff';
  }
}

/**
 * One run's side of the shared limits. Limits are a safeguard on top of the CRM's own answers: if
 * Redis does not answer, calls go on (the CRM still enforces its quota) and it is logged once.
 */
export class RunLimits {
  private readonly logger = new Logger('SyncLimits');
  private warned = false;

  constructor(
    private readonly limits: SyncLimits,
    readonly org: string,
  ) {}

  /** Throws {@link OrgBackedOff} when the org is backed off now. */
  async checkOrg(): Promise<void> {
    const until = await this.limits.budget.pausedUntil(this.org).catch((error: unknown) => this.unavailable(error));
    if (until) throw new OrgBackedOff(until);
  }

  /** The meter listener that spends the org's budget; `stop` is called when the org must back off. */
  meter(stop: (until: Date) => void): ApiMeter {
    return {
      call: (_kind, count = 1) =>
        void this.limits.budget.spend(this.org, count).then(
          (until) => until && stop(until),
          (error: unknown) => this.unavailable(error),
        ),
      quota: (kind, used, limit) => void this.limits.budget.report(this.org, kind, used, limit).catch((error: unknown) => this.unavailable(error)),
    };
  }

  /** Every run on the org backs off until `until`. */
  async backOff(until: Date): Promise<void> {
    await this.limits.budget.backOff(this.org, until).catch((error: unknown) => this.unavailable(error));
  }

  private unavailable(error: unknown): undefined {
    if (!this.warned) this.logger.warn(`The shared API budget could not be reached (${(error as Error).message}); runs go on, limited by the CRM alone`);
    this.warned = true;
    return undefined;
  }
}
