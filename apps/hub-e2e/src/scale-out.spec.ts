import IORedis from 'ioredis';
import { freePort, type HubProcess } from './support/hub-process';
import type { RunBody } from './support/sync-api';
import { crmRows, hubRows, rowCount, schemaFields } from './support/sync-tables';
import { useSyncWorld } from './support/sync-world';
import { tableDifferences } from './support/table-compare';

/** A Redis database of its own: the queue and the limits of this spec only. */
const REDIS_URL = 'redis://127.0.0.1:6379/7';
const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'paused']);

/**
 * Scale-out: one API process, one scheduler and three workers sharing the database and Redis; runs
 * go through BullMQ. Each run executes once, a killed worker's run (or change stream) goes on on
 * another from its last checkpoint, and an org's API budget holds across every worker.
 */
describe('scale-out: api, scheduler and worker processes on one database and one Redis', () => {
  const shared = { REDIS_URL, HUB_SYNC_LEASE_MS: '3000' };
  const world = useSyncWorld('scale-out', { salesforce: {}, dataverse: {}, env: { ...shared, HUB_ROLE: 'api', HUB_WORKER_NAME: 'api-1' } });
  const api = () => world.api();
  const workers = new Map<string, HubProcess>();
  const startWorker = async (name: string) =>
    workers.set(name, await world.start(name, false, { HUB_ROLE: 'worker', HUB_WORKER_NAME: name, HUB_SYNC_CONCURRENCY: '2', HUB_SYNC_BUDGET_RESERVE: '8', HUB_SYNC_QUOTA_PAUSE_MS: '600000' }));

  beforeAll(async () => {
    const redis = new IORedis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    await world.start('scheduler', false, { HUB_ROLE: 'scheduler', HUB_WORKER_NAME: 'scheduler-1' });
    for (const name of WORKERS) await startWorker(name);
  }, 180_000);

  const waitAll = (runIds: string[], timeoutMs = 240_000) => Promise.all(runIds.map((id) => api().wait(id, { timeoutMs, until: (r) => ENDED.has(r.status) })));

  it('runs 20 jobs of two orgs, each run executed exactly once by one of the workers, tables equal to the CRMs', async () => {
    world.sf.seed('Opportunity', 1_500);
    world.sf.seed('Contact', 1_500);
    world.dv.seed('contact', 1_500);
    world.dv.seed('account', 1_500);
    const jobs: { id: string; table: string; count: () => number; ids: () => Set<string> }[] = [];
    for (let i = 0; i < 5; i++) {
      const sf = await world.salesforceAccount();
      const dv = await world.dynamicsAccount();
      for (const [account, object, fields, ids] of [
        [sf, 'Opportunity', ['Name', 'Amount'], () => new Set(world.sf.records('Opportunity').map((r) => String(r['Id'])))],
        [sf, 'Contact', ['LastName', 'Email'], () => new Set(world.sf.records('Contact').map((r) => String(r['Id'])))],
        [dv, 'contact', ['lastname', 'emailaddress1'], () => new Set(world.dv.rows('contact').map((r) => String(r['contactid'])))],
        [dv, 'account', ['name'], () => new Set(world.dv.rows('account').map((r) => String(r['accountid'])))],
      ] as const) {
        const schema = await api().schema(account, object, [...fields]);
        const id = await api().job({ name: `${object} ${i}`, accountId: account, schemaId: schema.id, operation: 'import' });
        jobs.push({ id, table: schema.table, count: () => ids().size, ids });
      }
    }
    expect(jobs).toHaveLength(20);
    const runs = await waitAll(await Promise.all(jobs.map((job) => api().start(job.id))));

    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'succeeded'));
    for (const run of runs) {
      expect(run).toMatchObject({ attempts: 1, workers: [run.worker] });
      expect(WORKERS).toContain(run.worker);
    }
    // The work was spread: more than one worker executed runs.
    expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThan(1);
    for (const job of jobs) {
      const all = (await world.raw().call<{ runs: RunBody[] }>('GET', `/api/sync/runs?jobId=${job.id}`)).body.runs;
      expect(all).toHaveLength(1); // one run per job: none was started twice
      const rows = await hubRows(world, job.table);
      expect(await rowCount(world, job.table)).toBe(job.count());
      expect(new Set(rows.keys())).toEqual(job.ids());
    }
  }, 300_000);

  it.each([
    ['SIGKILL', 'Subscription__c', 'killed: its run is taken over once its heartbeat is stale'],
    ['SIGTERM', 'Account', 'stopped: it hands its run back at once'],
  ] as const)('finishes the run of a worker sent %s on another worker, from its last checkpoint, nothing lost or applied twice (%s; %s)', async (signal, object, _why) => {
    const records = 12_000;
    world.sf.seed(object, records, { modstamp: '2026-01-01T00:00:00.000Z' });
    world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 150, endpoints: ['queryMore', 'bulk2.query'] });
    try {
      const account = await world.salesforceAccount();
      const schema = await api().schema(account, object, object === 'Account' ? ['Name', 'Industry'] : undefined);
      const job = await api().job({ name: `${object} ${signal}`, accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 500 } });
      const runId = await api().start(job);
      const midway = await api().wait(runId, { until: (r) => r.progress.records >= records * 0.3 || ENDED.has(r.status) });
      expect(midway.status).toBe('running');
      const victim = midway.worker as string;
      const exit = await workers.get(victim)?.stop(signal);
      workers.delete(victim);
      if (signal === 'SIGTERM') expect(exit).toEqual({ code: 0, signal: null });

      const run = await api().wait(runId, { timeoutMs: 240_000 });
      expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: records, updated: 0, rejected: 0 } });
      expect(run.workers[0]).toBe(victim);
      expect(run.worker).not.toBe(victim);
      if (signal === 'SIGTERM') expect(run.notes.map((n) => n.code)).toContain('INTERRUPTED');
      world.sf.faults.clear();
      const rows = await hubRows(world, schema.table);
      expect(await rowCount(world, schema.table)).toBe(records);
      expect(tableDifferences(await schemaFields(world, schema.id), crmRows(world.sf, object), rows)).toEqual([]);
    } finally {
      world.sf.faults.clear();
      if (workers.size < WORKERS.length) await startWorker(WORKERS.find((w) => !workers.has(w)) as string);
    }
  }, 300_000);

  it('spreads continuous jobs evenly over the workers, and moves the change stream of a killed worker to another', async () => {
    const [lead] = world.sf.create('Lead', [{ LastName: 'Streamed', Company: 'Before' }]) as [string];
    // Three accounts of one org, each following Leads into a table of its own.
    const followers: { job: string; table: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const account = await world.salesforceAccount({ pollIntervalMs: 1_000 });
      const schema = await api().schema(account, 'Lead', ['LastName', 'Company']);
      followers.push({ table: schema.table, job: await api().job({ name: `Leads live ${i}`, accountId: account, schemaId: schema.id, operation: 'import', mode: 'continuous' }) });
    }
    const streamOf = async (job: string) =>
      (await world.raw().call<{ runs: RunBody[] }>('GET', `/api/sync/runs?jobId=${job}`)).body.runs.find((r) => r.trigger === 'continuous' && r.status === 'running');
    const streams = async () => Promise.all(followers.map((f) => streamOf(f.job)));
    const companies = async () =>
      Promise.all(followers.map(async (f) => (await hubRows(world, f.table)).get(lead)?.['company']));
    const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
        const value = await probe();
        if (value !== undefined) return value;
      }
      // What the streams and tables were at, to tell a stream that stalled from one that never started.
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify({ streams: await streams(), companies: await companies() })}`);
    };
    try {
      const running = await until('three change streams', async () => {
        const all = await streams();
        return all.every((r) => r !== undefined) ? (all as RunBody[]) : undefined;
      });
      await until('the first import of the streams', async () => ((await companies()).every((c) => c === 'Before') ? true : undefined));
      // An even share each: three streams, three workers, one stream per worker.
      expect(new Set(running.map((r) => r.worker)).size).toBe(WORKERS.length);

      const victim = running[0]?.worker as string;
      await workers.get(victim)?.stop('SIGKILL');
      workers.delete(victim);
      world.sf.clock.advance(1_000);
      world.sf.update('Lead', [lead], { Company: 'Changed after the kill' });
      // Every table gets the change: the streams of the killed worker went on elsewhere.
      await until('the change in every table', async () => ((await companies()).every((c) => c === 'Changed after the kill') ? true : undefined), 90_000);
      for (const [i, before] of running.entries()) {
        const now = await streamOf(followers[i]?.job as string);
        expect(now?.id).toBe(before.id); // the same run, continued from its checkpoint
        if (before.worker === victim) {
          expect(now?.worker).not.toBe(victim);
          expect(now?.workers).toEqual(expect.arrayContaining([victim, now?.worker]));
        }
        expect(await rowCount(world, followers[i]?.table as string)).toBe(world.sf.records('Lead').length);
      }
    } finally {
      for (const f of followers) await world.raw().call('PATCH', `/api/sync/jobs/${f.job}`, { enabled: false });
      await until('the streams to stop', async () => ((await streams()).every((r) => r === undefined) ? true : undefined));
      if (workers.size < WORKERS.length) await startWorker(WORKERS.find((w) => !workers.has(w)) as string);
    }
  }, 300_000);

  it('says in /health which role and worker answered, and shows the queue, runs in flight and budgets in /metrics', async () => {
    const worker = workers.get('worker-1') as HubProcess;
    const health = await fetch(`${worker.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', role: 'worker', worker: 'worker-1', details: { queue: { status: 'up', driver: 'bullmq' } } });
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/^crm_hub_sync_queue_depth\{state="waiting"\} \d+$/m);
    expect(metrics).toMatch(/^crm_hub_sync_runs_in_flight\{worker="worker-1"\} \d+$/m);
    expect(metrics).toMatch(/^crm_hub_sync_records_per_second\{worker="worker-1"\} [\d.]+$/m);
    // Each worker reports the budgets of the orgs it called (the quota test's org, at least on one of them).
    const all = await Promise.all([...workers.values()].map(async (w) => (await fetch(`${w.url}/metrics`)).text()));
    expect(all.join('\n')).toMatch(/^crm_hub_crm_api_budget_left\{worker="worker-\d",org="[0-9a-f]{16}"\} \d+$/m);
  });

  it('keeps an API process serving while its Redis is unreachable: /health says so, and a queued run is not lost', async () => {
    const cut = await world.start('api-without-redis', false, { HUB_ROLE: 'api', HUB_WORKER_NAME: 'api-2', REDIS_URL: `redis://127.0.0.1:${await freePort()}/7` });
    try {
      const health = await fetch(`${cut.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'error', role: 'api', details: { database: { status: 'up' }, queue: { status: 'down', driver: 'bullmq' } } });
      world.sf.seed('Task', 500);
      const account = await world.salesforceAccount();
      const schema = await api().schema(account, 'Task', ['Subject']);
      const job = await api().job({ name: 'Tasks', accountId: account, schemaId: schema.id, operation: 'import' });
      // Accepted by the API process that cannot reach Redis: stored as queued, queued again by the scheduler.
      const runId = await world.api(cut).start(job);
      const run = await api().wait(runId, { timeoutMs: 120_000 });
      expect(run).toMatchObject({ status: 'succeeded', attempts: 1, counters: { inserted: 500 } });
      expect(cut.output()).toMatch(/waits in the database: the queue did not take it/);
      expect(cut.output()).not.toMatch(/127\.0\.0\.1:6379\/7/);
    } finally {
      await cut.stop();
    }
  }, 180_000);

  it("keeps every worker within the org's API quota: runs pause before the CRM refuses a call", async () => {
    // Pages of 200: some 17 calls per run, 4 runs, more than the quota allows.
    world.sf.seed('Lead', 3_000);
    const quota = 40;
    world.sf.setApiUsage(0, quota);
    const before = world.sf.counters.total() - world.sf.counters.get('token');
    const jobs: string[] = [];
    for (let i = 0; i < 4; i++) {
      // Settings of their own: an org (and a budget) apart from the other tests' accounts.
      const account = await world.salesforceAccount({ safetyLagMs: 1 });
      const schema = await api().schema(account, 'Lead', ['LastName', 'Company']);
      jobs.push(await api().job({ name: `Leads ${i}`, accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 200 } }));
    }
    try {
      const runs = await waitAll(await Promise.all(jobs.map((job) => api().start(job))));
      const calls = world.sf.counters.total() - world.sf.counters.get('token') - before;
      // Every call that reached the CRM was within the quota: none was refused.
      expect(calls).toBeLessThanOrEqual(quota);
      expect(world.sf.apiUsage().used).toBeLessThanOrEqual(quota);
      expect(runs.filter((r) => r.status === 'failed')).toEqual([]);
      const paused = runs.filter((r) => r.status === 'paused');
      expect(paused.length).toBeGreaterThan(0);
      for (const run of paused) expect(run.error?.code).toBe('ORG_BACKOFF');
      // The pause holds for every worker: nothing more is called while the org is backed off.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(world.sf.counters.total() - world.sf.counters.get('token') - before).toBe(calls);
    } finally {
      world.sf.setApiUsage(0, 100_000);
    }
  }, 300_000);
});
