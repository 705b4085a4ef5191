import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { cpuSecondsOf } from './machine';
import { startHub, type BenchHub } from './hub-process';

/** The hub scaled out: one API process (the one called), one scheduler and N workers on one database and one Redis. */
export interface BenchCluster {
  api: BenchHub;
  scheduler: BenchHub;
  workers: BenchHub[];
  /** CPU seconds each of its processes has used so far (plugin threads included), by name. */
  cpuSeconds(): Record<string, number>;
  /** The tail of every process's output, named: what explains a failure. */
  output(): string;
  stop(): Promise<void>;
}

/** Empties a Redis database (the run queue, account slots and org budgets of an earlier measurement). */
export async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts the processes of a scaled-out hub. The API process starts alone first: it migrates the
 * fresh database, which the others would otherwise race for. They all share one secret key (each
 * process has a folder of its own, so a generated key would differ and workers could not read the
 * accounts' secrets). `workerEnv` goes to the workers only (HUB_SYNC_CONCURRENCY…).
 */
export async function startCluster(env: Record<string, string>, workers: number, workerEnv: Record<string, string> = {}): Promise<BenchCluster> {
  const shared = { ...env, HUB_SECRET_KEY: randomBytes(32).toString('base64') };
  const started: BenchHub[] = [];
  const named = new Map<BenchHub, string>();
  const start = async (name: string, role: string, extra: Record<string, string> = {}) => {
    const hub = await startHub({ ...shared, HUB_ROLE: role, HUB_WORKER_NAME: name, ...extra });
    started.push(hub);
    named.set(hub, name);
    return hub;
  };
  const stop = async () => {
    await Promise.all(started.map((hub) => hub.stop()));
  };
  try {
    const api = await start('api-1', 'api');
    // Settled, not all: a failed start must not leave the others running unseen.
    const rest = await Promise.allSettled([
      start('scheduler-1', 'scheduler'),
      ...Array.from({ length: workers }, (_, i) => start(`worker-${i + 1}`, 'worker', workerEnv)),
    ]);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [scheduler, ...pool] = rest.map((r) => (r as PromiseFulfilledResult<BenchHub>).value);
    return {
      api,
      scheduler: scheduler as BenchHub,
      workers: pool,
      cpuSeconds: () => Object.fromEntries(started.map((hub) => [named.get(hub) as string, cpuSecondsOf(hub.pid)])),
      output: () => started.map((hub) => `--- ${named.get(hub)}:\n${hub.output().slice(-2_000)}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
