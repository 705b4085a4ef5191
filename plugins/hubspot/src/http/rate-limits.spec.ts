import { CrmQuotaExceededError, type SyncMessage } from '@crm-hub/plugin-sdk';
import { readUntilFailure, startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

const upserts = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));

/** 429s are ridden out: the burst window, the search limit; the daily limit stops the run. */
describe('rate limits', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  afterEach(() => {
    h.hs.setRateLimits({ tenSecondly: { max: 190, windowMs: 10_000 }, searchPerSecond: 5, daily: 650_000 });
    h.hs.faults.clear();
  });

  it('waits out the burst window (X-HubSpot-RateLimit-Interval-Milliseconds) after 429s, and every batch gets written', async () => {
    h.hs.truncate('subscriptions');
    h.hs.setRateLimits({ tenSecondly: { max: 3, windowMs: 1_000 } });
    const { connector, test } = await h.open();
    const records = Array.from({ length: 500 }, (_, i) => ({ ref: `r${i}`, data: { name: `R${i}`, code: `RL-${i}` } }));
    const results = await connector.write({ object: 'subscriptions', operation: 'upsert', matchField: 'code', records });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.hs.records('subscriptions')).toHaveLength(500);
    // 7 calls (schemas, properties, 5 batches) in windows of 3: at least two 429s met and retried.
    expect(test.calls['batch.upsert']).toBeGreaterThan(5);
    expect(test.quotas['hubspot-burst']).toEqual(expect.objectContaining({ limit: 3 }));
    expect(test.quotas['hubspot-daily']).toEqual(expect.objectContaining({ limit: 650_000 }));
  });

  it('rides out the search limit (SECONDLY) and injected 429s during a read, telling the host with RATE_LIMITED statuses', async () => {
    h.hs.truncate('contacts');
    const ids = h.hs.seed('contacts', 60);
    h.hs.setRateLimits({ searchPerSecond: 1 });
    const { connector } = await h.open({ searchRequestsPerSecond: 5 });
    h.hs.faults.configure({ rate: 0, kinds: ['throttle'], next: 1, endpoints: ['properties'] });
    const { messages, error } = await readUntilFailure(connector, { object: 'contacts', fields: ['email'], pageSize: 20 });
    expect(error).toBeUndefined();
    expect(new Set(upserts(messages))).toEqual(new Set(ids));
    expect(messages.filter((m) => m.kind === 'status' && m.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  }, 60_000);

  it('stops at the DAILY limit with CrmQuotaExceededError (the host pauses the run until the allowance returns)', async () => {
    h.hs.setDailyUsage(650_000);
    const { connector } = await h.open();
    const { error } = await readUntilFailure(connector, { object: 'contacts', fields: [] });
    expect(error).toBeInstanceOf(CrmQuotaExceededError);
    expect(error).toMatchObject({ code: 'DAILY', status: 429 });
    h.hs.setDailyUsage(0);
  });

  it('hands a wait longer than maxRetryWaitMs to the host as CrmRateLimitError with retryAfterMs', async () => {
    h.hs.setRateLimits({ tenSecondly: { max: 1, windowMs: 60_000 } });
    const { connector } = await h.open({ maxRetryWaitMs: 1000 });
    await connector.discover({ objects: ['contacts'] });
    await expect(connector.discover({ objects: ['contacts'] })).rejects.toMatchObject({ name: 'CrmRateLimitError', retryAfterMs: 60_000, code: 'TEN_SECONDLY_ROLLING' });
  });
});
