import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../errors';
import { abortableDelay, anySignal } from './abort';
import { backoffMs, DEFAULT_RETRY_POLICY, retryAfterMs, retryDelay } from './retry';

describe(retryAfterMs.name, () => {
  it('reads delta-seconds and HTTP dates, and falls back when absent or unreadable', () => {
    const now = Date.UTC(2026, 0, 1, 10, 0, 0);
    expect(retryAfterMs('7', 5_000, now)).toBe(7_000);
    expect(retryAfterMs('0.5', 5_000, now)).toBe(500);
    expect(retryAfterMs('Thu, 01 Jan 2026 10:00:30 GMT', 5_000, now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 09:00:00 GMT', 5_000, now)).toBe(0);
    expect(retryAfterMs(null, 5_000, now)).toBe(5_000);
    expect(retryAfterMs('soon', 5_000, now)).toBe(5_000);
    expect(retryAfterMs('-3', 5_000, now)).toBe(5_000);
  });
});

describe(backoffMs.name, () => {
  it('doubles its ceiling per attempt, with jitter in the upper half, up to the cap', () => {
    for (let i = 0; i < 50; i++) {
      const first = backoffMs(0, 500);
      expect(first).toBeGreaterThanOrEqual(250);
      expect(first).toBeLessThanOrEqual(500);
      const third = backoffMs(2, 500);
      expect(third).toBeGreaterThanOrEqual(1_000);
      expect(third).toBeLessThanOrEqual(2_000);
      expect(backoffMs(30, 500, 10_000)).toBeLessThanOrEqual(10_000);
    }
  });
});

describe(retryDelay.name, () => {
  const policy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('waits out a rate limit within the policy, and leaves a longer one to the host', () => {
    expect(retryDelay(new CrmRateLimitError('slow down', { retryAfterMs: 800 }), 0, policy)).toBeGreaterThanOrEqual(800);
    expect(retryDelay(new CrmRateLimitError('slow down', { retryAfterMs: 60_000 }), 0, policy)).toBeUndefined();
  });

  it('backs off transient failures of idempotent calls; a non-idempotent call only when the CRM cannot have acted', () => {
    expect(retryDelay(new CrmTransientError('reset'), 0, policy, { idempotent: true })).toBeLessThanOrEqual(1_000);
    expect(retryDelay(new CrmTransientError('502', { status: 502 }), 0, policy, { idempotent: false })).toBeUndefined();
    expect(retryDelay(new CrmTransientError('503', { status: 503 }), 0, policy, { idempotent: false })).toBeDefined();
  });

  it('gives up on other errors and when no retries are left', () => {
    expect(retryDelay(new CrmAuthError('refused'), 0, policy)).toBeUndefined();
    expect(retryDelay(new Error('bug'), 0, policy)).toBeUndefined();
    expect(retryDelay(new CrmTransientError('reset'), 2, policy)).toBeUndefined();
    expect(DEFAULT_RETRY_POLICY.retries).toBe(3);
  });
});

describe(abortableDelay.name, () => {
  it('resolves after the delay, and rejects with the reason at once when aborted, leaving no timer', async () => {
    await expect(abortableDelay(5)).resolves.toBeUndefined();
    const controller = new AbortController();
    const wait = abortableDelay(60_000, anySignal(undefined, controller.signal));
    controller.abort(new Error('stop'));
    await expect(wait).rejects.toThrow('stop');
    await expect(abortableDelay(10, controller.signal)).rejects.toThrow('stop');
  });
});
