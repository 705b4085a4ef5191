import IORedis from 'ioredis';
import { inProcessLimits } from './in-process-limits';
import { redisLimits } from './redis-limits';
import type { SyncLimits } from './sync-limits';

/** A Redis database of this spec's own. */
const REDIS_URL = 'redis://127.0.0.1:6379/8';
const PAUSE_MS = 60_000;

/**
 * The same rules in one process and across processes: "two workers" are two SyncLimits; in one
 * process they are the same object (what one run spends, the others see), with Redis two clients.
 */
describe.each([
  ['in one process', () => { const one = inProcessLimits({ reserve: 5, pauseMs: PAUSE_MS, perAccount: 2 }); return [one, one] as const; }],
  ['across workers through Redis', () => [1, 2].map(() => redisLimits(REDIS_URL, { reserve: 5, pauseMs: PAUSE_MS, perAccount: 2, slotTtlMs: 500 })) as unknown as readonly [SyncLimits, SyncLimits]],
])('shared limits %s', (_name, make) => {
  let a: SyncLimits;
  let b: SyncLimits;
  const org = `org-${Math.random().toString(36).slice(2)}`;
  beforeAll(async () => {
    const redis = new IORedis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
  });
  beforeEach(() => ([a, b] = make()));
  afterEach(async () => Promise.all([a.close(), b.close()]));

  it('lets calls go on while the CRM reported no quota', async () => {
    for (let i = 0; i < 50; i++) expect(await a.budget.spend(`${org}-none`, 1)).toBeUndefined();
  });

  it('stops every worker when the calls since the last report reach the reserve, and keeps them stopped', async () => {
    const key = `${org}-quota`;
    await a.budget.spend(key, 1);
    await a.budget.report(key, 'api-usage', 10, 30); // 20 left, 5 kept back: 15 calls to go
    for (let i = 0; i < 7; i++) expect(await a.budget.spend(key, 1)).toBeUndefined();
    for (let i = 0; i < 7; i++) expect(await b.budget.spend(key, 1)).toBeUndefined();
    const now = Date.now();
    const until = await a.budget.spend(key, 1, now);
    expect(until?.getTime()).toBe(now + PAUSE_MS);
    expect(await b.budget.spend(key, 1)).toEqual(until);
    expect(await b.budget.pausedUntil(key)).toEqual(until);
  });

  it('counts the other workers\' calls made since a report (the estimate errs on the safe side)', async () => {
    const key = `${org}-estimate`;
    await a.budget.report(key, 'api-usage', 0, 100);
    await b.budget.spend(key, 90);
    expect(await a.budget.spend(key, 4)).toBeUndefined(); // 94 + 5 kept back < 100
    expect(await a.budget.spend(key, 1)).toBeDefined();
  });

  it('lets the first call after a back-off learn the quota again from the CRM (it may have reset)', async () => {
    const key = `${org}-reset`;
    await a.budget.report(key, 'api-usage', 30, 30);
    const now = Date.now();
    expect(await a.budget.spend(key, 1, now)).toEqual(new Date(now + PAUSE_MS));
    const after = now + PAUSE_MS + 1;
    expect(await b.budget.spend(key, 1, after)).toBeUndefined();
    await b.budget.report(key, 'api-usage', 1, 30);
    expect(await a.budget.spend(key, 1, after + 1)).toBeUndefined();
    await a.budget.report(key, 'api-usage', 30, 30); // still used up: back off again
    expect(await b.budget.spend(key, 1, after + 2)).toEqual(new Date(after + 2 + PAUSE_MS));
  });

  it('backs every worker off when one is told to (quota, throttling)', async () => {
    const key = `${org}-throttled`;
    const until = new Date(Date.now() + 30_000);
    await a.budget.backOff(key, until);
    expect(await b.budget.pausedUntil(key)).toEqual(until);
    expect(await b.budget.spend(key, 1)).toEqual(until);
    expect(await b.budget.pausedUntil(key, until.getTime() + 1)).toBeUndefined();
  });

  it('gives an account at most its number of run slots across workers', async () => {
    const account = `${org}-account`;
    expect(await a.slots.take(account, 'run-1')).toBe(true);
    expect(await b.slots.take(account, 'run-2')).toBe(true);
    expect(await b.slots.take(account, 'run-3')).toBe(false);
    expect(await a.slots.take(account, 'run-1')).toBe(true); // already its own
    await a.slots.release(account, 'run-1');
    expect(await b.slots.take(account, 'run-3')).toBe(true);
  });
});

describe('shared limits through Redis', () => {
  it('frees the slots of a worker that stopped renewing them (it died)', async () => {
    const limits = redisLimits(REDIS_URL, { reserve: 5, pauseMs: PAUSE_MS, perAccount: 1, slotTtlMs: 300 });
    try {
      const account = `dead-${Math.random().toString(36).slice(2)}`;
      expect(await limits.slots.take(account, 'run-1')).toBe(true);
      expect(await limits.slots.take(account, 'run-2')).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await limits.slots.take(account, 'run-2')).toBe(true);
    } finally {
      await limits.close();
    }
  });
});
