import type { Redis } from 'ioredis';
import { openRedis, REDIS_PREFIX } from '../redis/redis-connection';
import type { AccountSlots, OrgBudget, SyncLimits } from './sync-limits';

/** Org state expires when nothing touched it for two days (quotas are daily or shorter). */
const ORG_TTL_S = 2 * 86_400;

/**
 * Counts calls and returns `{until, left}`: the same estimate as `callsLeft()` (sync-limits.ts),
 * atomically across workers; once a back-off is over, the reports made before it are forgotten. Hash fields: `calls`, `until`, and per quota kind `<kind>|used`,
 * `<kind>|limit`, `<kind>|at` (the call count when the CRM reported it).
 */
const SPEND = `
local calls = redis.call('HINCRBY', KEYS[1], 'calls', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
local now = tonumber(ARGV[3])
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs > now then return {untilMs, 'paused'} end
local fields = redis.call('HGETALL', KEYS[1])
if untilMs > 0 then
  -- the back-off is over: quota reports made before it are stale, the CRM's next answer tells
  for i = 1, #fields, 2 do
    if string.match(fields[i], '|') then redis.call('HDEL', KEYS[1], fields[i]) end
  end
  redis.call('HDEL', KEYS[1], 'until')
  return {0, 'unknown'}
end
local left = nil
for i = 1, #fields, 2 do
  local kind = string.match(fields[i], '^(.*)|limit$')
  if kind then
    local limit = tonumber(fields[i + 1])
    local used = tonumber(redis.call('HGET', KEYS[1], kind .. '|used') or '0')
    local at = tonumber(redis.call('HGET', KEYS[1], kind .. '|at') or '0')
    if limit > 0 then
      local estimate = limit - tonumber(ARGV[2]) - (used + calls - at)
      if left == nil or estimate < left then left = estimate end
    end
  end
end
if left == nil then return {0, 'unknown'} end
if left > 0 then return {0, tostring(left)} end
untilMs = now + tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'until', untilMs)
return {untilMs, '0'}
`;

const REPORT = `
local calls = redis.call('HGET', KEYS[1], 'calls') or '0'
redis.call('HSET', KEYS[1], ARGV[1] .. '|used', ARGV[2], ARGV[1] .. '|limit', ARGV[3], ARGV[1] .. '|at', calls)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

const BACK_OFF = `
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if tonumber(ARGV[1]) > untilMs then redis.call('HSET', KEYS[1], 'until', ARGV[1]) end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** A slot is a sorted-set member scored by its expiry: a dead worker's slots free themselves. */
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0
`;

type Scripted = Redis & {
  hubSpend(key: string, calls: number, reserve: number, now: number, pauseMs: number, ttl: number): Promise<[number, string]>;
  hubReport(key: string, kind: string, used: number, limit: number, ttl: number): Promise<number>;
  hubBackOff(key: string, until: number, ttl: number): Promise<number>;
  hubTakeSlot(key: string, now: number, expires: number, runId: string, limit: number, ttlMs: number): Promise<number>;
};

function scripted(redis: Redis): Scripted {
  redis.defineCommand('hubSpend', { numberOfKeys: 1, lua: SPEND });
  redis.defineCommand('hubReport', { numberOfKeys: 1, lua: REPORT });
  redis.defineCommand('hubBackOff', { numberOfKeys: 1, lua: BACK_OFF });
  redis.defineCommand('hubTakeSlot', { numberOfKeys: 1, lua: TAKE_SLOT });
  return redis as Scripted;
}

const orgKey = (org: string) => `${REDIS_PREFIX}:org:${org}`;
const slotsKey = (accountId: string) => `${REDIS_PREFIX}:slots:${accountId}`;

/** {@link OrgBudget} shared by every worker through Redis. */
export class RedisOrgBudget implements OrgBudget {
  private readonly left = new Map<string, number>();

  constructor(
    private readonly redis: Scripted,
    private readonly reserve: number,
    private readonly pauseMs: number,
  ) {}

  async spend(org: string, calls: number, now = Date.now()): Promise<Date | undefined> {
    const [until, left] = await this.redis.hubSpend(orgKey(org), calls, this.reserve, now, this.pauseMs, ORG_TTL_S);
    if (left !== 'paused' && left !== 'unknown') this.left.set(org, Math.max(0, Number(left)));
    return until > 0 ? new Date(until) : undefined;
  }

  async report(org: string, kind: string, used: number, limit: number): Promise<void> {
    await this.redis.hubReport(orgKey(org), kind.replace(/\|/g, '/'), used, limit, ORG_TTL_S);
  }

  async backOff(org: string, until: Date): Promise<void> {
    await this.redis.hubBackOff(orgKey(org), until.getTime(), ORG_TTL_S);
  }

  async pausedUntil(org: string, now = Date.now()): Promise<Date | undefined> {
    const until = Number((await this.redis.hget(orgKey(org), 'until')) ?? 0);
    return until > now ? new Date(until) : undefined;
  }

  lastLeft(): ReadonlyMap<string, number> {
    return this.left;
  }
}

/** {@link AccountSlots} shared by every worker through Redis. */
export class RedisAccountSlots implements AccountSlots {
  constructor(
    private readonly redis: Scripted,
    private readonly perAccount: number,
    private readonly ttlMs: number,
  ) {}

  async take(accountId: string, runId: string): Promise<boolean> {
    const now = Date.now();
    return (await this.redis.hubTakeSlot(slotsKey(accountId), now, now + this.ttlMs, runId, this.perAccount, this.ttlMs * 2)) === 1;
  }

  async keep(accountId: string, runId: string): Promise<void> {
    await this.redis.zadd(slotsKey(accountId), 'XX', Date.now() + this.ttlMs, runId);
  }

  async release(accountId: string, runId: string): Promise<void> {
    await this.redis.zrem(slotsKey(accountId), runId);
  }
}

export function redisLimits(url: string, options: { reserve: number; pauseMs: number; perAccount: number; slotTtlMs: number }): SyncLimits {
  const redis = scripted(openRedis(url, 'limits'));
  return {
    budget: new RedisOrgBudget(redis, options.reserve, options.pauseMs),
    slots: new RedisAccountSlots(redis, options.perAccount, options.slotTtlMs),
    close: async () => void redis.disconnect(),
  };
}
