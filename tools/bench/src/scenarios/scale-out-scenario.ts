import { createBenchDatabase } from '../support/bench-database';
import type { BenchContext } from '../support/context';
import { HubApi, type RunView } from '../support/hub-api';
import { flushRedis, startCluster } from '../support/hub-cluster';
import { busyShareSince, machineCpuTimes } from '../support/machine';
import { round, side } from '../support/results';
import { hubAccount, type Crm } from './crm-setup';
import { callsBetween, DATA_CALLS, DATAVERSE_FIELDS, DATAVERSE_TABLE, SALESFORCE_FIELDS, SALESFORCE_OBJECT } from './objects';

/** A Redis database of this scenario only: flushed before each measurement. */
const REDIS_URL = 'redis://127.0.0.1:6379/9';
/** What every CRM call costs on top of its work: a realistic round trip to a cloud CRM. */
const CALL_LATENCY_MS = 150;
/** Records per CRM call (Salesforce's smallest REST batch): each run waits on calls, not on CPU. */
const PAGE = 200;
const ACCOUNTS_PER_CRM = 4;
/** Two objects per CRM: 2 CRMs × 4 accounts × 2 objects = 16 independent import jobs. */
const OBJECTS: Record<Crm, { object: string; fields: string[] }[]> = {
  salesforce: [
    { object: SALESFORCE_OBJECT, fields: SALESFORCE_FIELDS.map((f) => f.name) },
    { object: 'Contact', fields: ['LastName', 'Email'] },
  ],
  dataverse: [
    { object: DATAVERSE_TABLE, fields: DATAVERSE_FIELDS.map((f) => f.logicalName) },
    { object: 'contact', fields: ['lastname', 'emailaddress1'] },
  ],
};
/**
 * Each worker executes one run at a time, so N workers can at most run N at once; accounts allow
 * all 16 at once, so the account limit never caps the parallelism.
 */
const WORKER_ENV = { HUB_SYNC_CONCURRENCY: '1', HUB_SYNC_ACCOUNT_CONCURRENCY: '16' };
const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'paused']);
const GIVE_UP_MS = 30 * 60_000;

/**
 * Scenario 7: throughput of the scaled-out hub with 1, 2 and 4 worker processes (plus one API
 * and one scheduler process, on one PostgreSQL schema and one Redis database), the emulators
 * answering every call 150 ms late. 16 import jobs are started at once through the API; the time
 * from the first start to the end of the last run gives records/s. Every measurement starts from
 * nothing: a fresh schema, an empty Redis database, new processes.
 */
export async function scaleOutScenario(ctx: BenchContext): Promise<void> {
  const perJob = ctx.sizes.scaleOutRecordsPerJob;
  ctx.sf.truncate(SALESFORCE_OBJECT);
  ctx.sf.seed(SALESFORCE_OBJECT, perJob, { modstamp: '2026-01-01T00:00:00.000Z', sameModstampEvery: 1_000 });
  ctx.sf.truncate('Contact');
  ctx.sf.seed('Contact', perJob);
  ctx.dv.truncate(DATAVERSE_TABLE);
  ctx.dv.seed(DATAVERSE_TABLE, perJob);
  ctx.dv.truncate('contact');
  ctx.dv.seed('contact', perJob);
  // Every API call, sign-in and describe included, as a distant CRM answers.
  for (const emulator of [ctx.sf, ctx.dv]) emulator.faults.configure({ rate: 1, kinds: ['slow'], slowMs: CALL_LATENCY_MS });
  let reference: number | undefined;
  try {
    for (const workers of ctx.sizes.scaleOutWorkers) {
      const rate = await measure(ctx, workers, reference);
      reference ??= rate / workers;
    }
  } finally {
    ctx.sf.faults.clear();
    ctx.dv.faults.clear();
  }
}

/** One measurement with `workers` worker processes; returns its records/s. */
async function measure(ctx: BenchContext, workers: number, perWorkerReference: number | undefined): Promise<number> {
  const perJob = ctx.sizes.scaleOutRecordsPerJob;
  const db = await createBenchDatabase('postgres', `hub_scale_${workers}`);
  await flushRedis(REDIS_URL);
  ctx.log(`  multi-worker: starting 1 API, 1 scheduler and ${workers} worker process(es)`);
  const cluster = await startCluster({ ...db.env, REDIS_URL }, workers, WORKER_ENV);
  try {
    const api = new HubApi(cluster.api.url);
    const jobs = await createJobs(ctx, api);
    const total = jobs.length * perJob;
    ctx.log(`  multi-worker: ${jobs.length} import jobs of ${perJob} records at once, ${workers} worker(s)`);
    const before = { sf: ctx.sf.counters.snapshot(), dv: ctx.dv.counters.snapshot() };
    const cpu = cluster.cpuSeconds();
    const emulatorCpu = process.cpuUsage();
    const machine = machineCpuTimes();
    const startedAt = Date.now();
    const runs = await waitAll(api, await Promise.all(jobs.map((job) => api.start(job))));
    const endedAt = Math.max(...runs.map((r) => Date.parse(r.finishedAt as string)));
    const seconds = (endedAt - startedAt) / 1000;
    const cpuAfter = cluster.cpuSeconds();
    const cpuByProcess = Object.fromEntries(Object.entries(cpuAfter).map(([name, s]) => [name, round(s - (cpu[name] ?? 0), 2)]));
    const cpuSeconds = Object.values(cpuByProcess).reduce((a, b) => a + b, 0);
    const emulatorMs = cpuMs(emulatorCpu);
    const machineBusy = busyShareSince(machine);
    const wrong = runs.filter((r) => r.status !== 'succeeded' || r.counters.inserted !== perJob);
    if (wrong.length) throw new Error(`Runs that did not import ${perJob} records: ${JSON.stringify(wrong.map((r) => ({ id: r.id, status: r.status, counters: r.counters, error: r.error })))}`);
    const calls = {
      ...prefixed('salesforce', callsBetween(before.sf, ctx.sf.counters.snapshot())),
      ...prefixed('dataverse', callsBetween(before.dv, ctx.dv.counters.snapshot())),
    };
    const dataKinds = [...DATA_CALLS.salesforce.map((k) => `salesforce.${k}`), ...DATA_CALLS.dataverse.map((k) => `dataverse.${k}`)];
    const hub = side(total, seconds, calls, dataKinds, { cpuSeconds });
    const perWorker: Record<string, number> = {};
    for (const run of runs) perWorker[run.worker ?? '?'] = (perWorker[run.worker ?? '?'] ?? 0) + 1;
    const runSeconds = runs.map((r) => (Date.parse(r.finishedAt as string) - Date.parse(r.startedAt as string)) / 1000);
    const busy = runSeconds.reduce((a, b) => a + b, 0);
    // Against the first measurement's rate per worker (1 worker's rate): N is perfect scaling; efficiency 1.00 is.
    const speedUp = perWorkerReference === undefined ? 1 : round(hub.recordsPerSecond / perWorkerReference, 2);
    const efficiency = perWorkerReference === undefined ? 1 : round(hub.recordsPerSecond / (perWorkerReference * workers), 2);
    ctx.results.push({
      scenario: `7 multi-worker (${workers} worker${workers === 1 ? '' : 's'})`,
      crm: 'salesforce+dataverse',
      database: 'postgres',
      records: total,
      hub,
      ratio: speedUp,
      minCalls: jobs.length * Math.ceil(perJob / PAGE),
      minCallsRule: `${jobs.length} jobs × ceil(${perJob}/${PAGE})`,
      extra: {
        workers,
        jobs: jobs.length,
        recordsPerJob: perJob,
        pageSize: PAGE,
        callLatencyMs: CALL_LATENCY_MS,
        speedUp,
        scalingEfficiency: efficiency,
        runsPerWorker: perWorker,
        meanRunSeconds: round(busy / runs.length, 2),
        // Share of the workers' time spent executing runs (the rest: queue hand-offs, idle at the end).
        workerBusyShare: round(busy / (workers * seconds), 2),
        cpuSecondsByProcess: cpuByProcess,
        emulatorCpuSeconds: round(emulatorMs / 1000, 2),
        // Every process on the machine shares its cores: near 1, the scaling is bound by CPU, not by the hub.
        machineBusyShare: machineBusy,
        note: `ratio = speed-up over 1 worker (${workers}× is perfect); ${jobs.length} jobs of ${perJob}, ${CALL_LATENCY_MS} ms a call, pages of ${PAGE}`,
      },
    });
    ctx.log(`  multi-worker: ${workers} worker(s): ${hub.recordsPerSecond} records/s in ${hub.seconds} s, speed-up ${speedUp}, runs per worker ${JSON.stringify(perWorker)}`);
    return hub.recordsPerSecond;
  } catch (error) {
    ctx.log(`hub processes' output (tails):\n${cluster.output()}`);
    throw error;
  } finally {
    await cluster.stop();
    await db.drop();
  }
}

/** The 16 jobs: every account reads every object of its CRM, REST pages of {@link PAGE}. */
async function createJobs(ctx: BenchContext, api: HubApi): Promise<string[]> {
  const jobs: string[] = [];
  for (const crm of ['salesforce', 'dataverse'] as Crm[]) {
    for (let i = 1; i <= ACCOUNTS_PER_CRM; i++) {
      // Salesforce: REST reads whatever the size (Bulk jobs would wait on the job, not on pages).
      const settings = crm === 'salesforce' ? { bulkReadThreshold: 100_000_000 } : {};
      const account = await hubAccount(api, crm, { sf: ctx.sf, dv: ctx.dv }, settings, `bench ${crm} ${i}`);
      for (const { object, fields } of OBJECTS[crm]) {
        const schema = await api.schema(account, object, fields);
        jobs.push(await api.job({ name: `bench ${crm} ${i} ${object}`, accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: PAGE } }));
      }
    }
  }
  return jobs;
}

/**
 * Waits until every run has ended, then reads each. One list call a second: the runs' own finish
 * times are what is measured, and polling each run would load the API process (on the same cores).
 */
async function waitAll(api: HubApi, ids: string[]): Promise<RunView[]> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const { runs } = await api.call<{ runs: RunView[] }>('GET', `/api/sync/runs?limit=200`, undefined, 200);
    const going = ids.filter((id) => !ENDED.has(runs.find((r) => r.id === id)?.status ?? 'queued'));
    if (going.length === 0) break;
    if (Date.now() > deadline) throw new Error(`${going.length} runs still going after ${GIVE_UP_MS / 60_000} min`);
    await new Promise((done) => setTimeout(done, 1_000));
  }
  return Promise.all(ids.map((id) => api.run(id)));
}

function prefixed(crm: Crm, calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).map(([kind, n]) => [`${crm}.${kind}`, n]));
}

function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}
