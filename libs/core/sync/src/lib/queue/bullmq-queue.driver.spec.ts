import IORedis from 'ioredis';
import { BullMqQueueDriver } from './bullmq-queue.driver';

/** A Redis database of this spec's own. */
const REDIS_URL = 'redis://127.0.0.1:6379/6';

/** A worker process's queue driver, with the change streams it holds (each until released). */
function startWorker(name: string) {
  const driver = new BullMqQueueDriver(REDIS_URL, 2, name);
  const held = new Map<string, () => void>();
  const started = driver.start(
    (runId) =>
      new Promise<void>((resolve) => {
        held.set(runId, () => {
          held.delete(runId);
          resolve();
        });
      }),
  );
  return { name, driver, held, started };
}

async function eventually(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
  }
}

describe('BullMQ queue driver', () => {
  let workers: ReturnType<typeof startWorker>[] = [];

  beforeEach(async () => {
    const redis = new IORedis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
  });
  afterEach(async () => {
    for (const w of workers) for (const release of [...w.held.values()]) release();
    await Promise.all(workers.map((w) => w.driver.stop()));
    workers = [];
  });

  it('spreads change streams queued in a burst evenly over the workers, and the others take a stopped worker\'s share', async () => {
    workers = ['w1', 'w2', 'w3'].map(startWorker);
    await Promise.all(workers.map((w) => w.started));
    const producer = workers[0]?.driver as BullMqQueueDriver;
    const runs = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    await Promise.all(runs.map((runId) => producer.enqueue(runId, { longRunning: true })));
    const holding = () => workers.map((w) => w.held.size);
    await eventually(`all six streams held (${holding()})`, () => holding().reduce((a, b) => a + b, 0) === 6);
    expect(holding()).toEqual([2, 2, 2]);

    // w3 stops: its streams come back to the queue (as the scheduler queues a dead worker's runs again).
    const [, , gone] = workers as [ReturnType<typeof startWorker>, ReturnType<typeof startWorker>, ReturnType<typeof startWorker>];
    const orphaned = [...gone.held.keys()];
    for (const release of [...gone.held.values()]) release();
    await gone.driver.stop();
    workers = workers.filter((w) => w !== gone);
    await Promise.all(orphaned.map((runId) => producer.enqueue(runId, { longRunning: true, attempt: 1 })));
    await eventually(`the stopped worker's streams taken over (${holding()})`, () => holding().reduce((a, b) => a + b, 0) === 6);
    expect(holding()).toEqual([3, 3]);
  }, 30_000);
});
