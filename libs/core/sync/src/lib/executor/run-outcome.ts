import { describeFailure } from '@crm-hub/accounts';
import { CrmError, CrmQuotaExceededError, CrmRateLimitError } from '@crm-hub/plugin-sdk';

/** A run still throttled after its own waits pauses this long at least. */
const MIN_THROTTLE_PAUSE_MS = 1_000;

/** Why a run's work was stopped from outside. */
export type StopReason = { kind: 'cancel' } | { kind: 'shutdown' } | { kind: 'lease-lost' } | { kind: 'disabled' } | { kind: 'org-backoff'; until: Date };

/** A stop request, as the reason of the run's AbortSignal. */
export class RunStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`The run was stopped (${reason.kind})`);
    this.name = 'RunStopped';
  }
}

/** What becomes of a run that ended with an error. */
export type FailureOutcome =
  | { status: 'paused'; nextAttemptAt: Date; error: { code: string; message: string } }
  | { status: 'failed'; error: { code: string; message: string } };

/**
 * Classifies the error a run ended with: the CRM's quota used up, or its throttling outlasting the
 * run's own waits, pauses the run until it can try again; anything else fails it, with a reason an operator can act on (secrets are masked by the caller).
 *
 * @example
 * ```ts
 * const outcome = failureOutcome(error, new Date(), 3_600_000);
 * ```
 */
export function failureOutcome(error: unknown, now: Date, quotaPauseMs: number): FailureOutcome {
  const code = error instanceof CrmError ? (error.code ?? error.name) : error instanceof Error ? error.name : 'ERROR';
  const message = describeFailure(error);
  if (error instanceof CrmQuotaExceededError) {
    return { status: 'paused', nextAttemptAt: new Date(now.getTime() + quotaPauseMs), error: { code, message } };
  }
  if (error instanceof CrmRateLimitError) {
    // Still throttled after the run's own waits, or asked to wait longer than a run waits in place.
    return { status: 'paused', nextAttemptAt: new Date(now.getTime() + Math.max(MIN_THROTTLE_PAUSE_MS, error.retryAfterMs)), error: { code, message } };
  }
  return { status: 'failed', error: { code: code.slice(0, 64), message } };
}
