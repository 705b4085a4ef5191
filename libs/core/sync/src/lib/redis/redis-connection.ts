import { Logger } from '@nestjs/common';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/** A command Redis does not answer in this long fails. */
const COMMAND_TIMEOUT_MS = 3_000;

/**
 * Opens an ioredis connection to `REDIS_URL` for one purpose (`name` shows in logs and in Redis's
 * CLIENT LIST). Errors are logged once per outage, not once per reconnect attempt, and never
 * with the URL (it may carry a password).
 *
 * - `blocking`: for BullMQ workers, which wait on Redis and must retry forever (`maxRetriesPerRequest: null`).
 * - otherwise a command waits for the connection at most a few seconds (commands sent while it
 *   is still being made go out when it is up), so an API request that queues a run answers even
 *   when Redis is down; the run stays queued in the database and is queued again later.
 */
export function openRedis(url: string, name: string, options: { blocking?: boolean } = {}): Redis {
  const logger = new Logger('Redis');
  const settings: RedisOptions = options.blocking
    ? { maxRetriesPerRequest: null, connectionName: `crm-hub:${name}` }
    : { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, connectTimeout: COMMAND_TIMEOUT_MS, connectionName: `crm-hub:${name}` };
  const redis = new IORedis(url, { ...settings, retryStrategy: (times) => Math.min(times * 200, 5_000) });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Redis (${name}) is unreachable: ${describeRedisError(error)}; retrying`);
  });
  redis.on('ready', () => {
    if (down) logger.log(`Redis (${name}) is reachable again`);
    down = false;
  });
  return redis;
}

/** A Redis error as an operator reads it, without the URL's credentials. */
export function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/rediss?:\/\/[^\s]*/gi, 'redis://…');
}

/** Key prefix of everything the hub keeps in Redis. */
export const REDIS_PREFIX = 'crm-hub';
