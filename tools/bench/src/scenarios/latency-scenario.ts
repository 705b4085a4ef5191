import { spawnBaseline } from '../support/baseline-process';
import { createBenchDatabase, type BenchDatabase, type DatabaseKind } from '../support/bench-database';
import type { BenchContext } from '../support/context';
import { HubApi } from '../support/hub-api';
import { startHub } from '../support/hub-process';
import { round, side } from '../support/results';
import { hubAccount } from './crm-setup';

const OBJECT = 'Lead';
const LEADS = 100;
const GIVE_UP_MS = 15_000;

/**
 * Scenario 6: a continuous job following Lead with a 1 s poll interval; a user edits one record
 * at a random moment of the poll cycle, and the time until the new value is in the hub's table is
 * measured (the table is read every 10 ms). The baseline is a poll loop on jsforce with the same
 * interval, measured the same way.
 */
export async function latencyScenario(ctx: BenchContext, database: DatabaseKind): Promise<void> {
  const poll = ctx.sizes.pollIntervalMs;
  const ids = ctx.sf.seed(OBJECT, LEADS);
  const hubDb = await createBenchDatabase(database, 'hub_latency');
  const baseDb = await createBenchDatabase(database, 'base_latency');
  const hub = await startHub(hubDb.env, ctx.hubStart);
  try {
    const api = new HubApi(hub.url);
    const account = await hubAccount(api, 'salesforce', { sf: ctx.sf, dv: ctx.dv }, { pollIntervalMs: poll });
    const schema = await api.schema(account, OBJECT, ['LastName', 'Company']);
    const once = await api.job({ name: 'bench leads once', accountId: account, schemaId: schema.id, operation: 'import' });
    await api.runToEnd(once);
    await api.call('DELETE', `/api/sync/jobs/${once}`);
    const job = await api.job({ name: 'bench leads live', accountId: account, schemaId: schema.id, operation: 'import', mode: 'continuous' });
    await waitForStream(api, job);
    ctx.log(`  latency/${database}: hub, ${ctx.sizes.latencySamples} changes`);
    const hubLatencies = await measure(ctx, ids, 'H', (value) => seen(hubDb, `SELECT 1 AS x FROM "${schema.table}" WHERE "company" = ?`, value));
    await api.call('PATCH', `/api/sync/jobs/${job}`, { enabled: false });

    const { clientId, clientSecret } = ctx.sf.credentials;
    const fields = [{ name: 'LastName', sqlite: 'TEXT', postgres: 'TEXT' }, { name: 'Company', sqlite: 'TEXT', postgres: 'TEXT' }];
    const follower = spawnBaseline('salesforce-follow', { loginUrl: ctx.sf.url, clientId, clientSecret, object: OBJECT, fields, pollIntervalMs: poll }, baseDb.env);
    try {
      await waitFor(() => seen(baseDb, `SELECT 1 AS x FROM "lead" WHERE "Id" = ?`, ids[0] as string), 60_000, () => follower.output());
      ctx.log(`  latency/${database}: baseline, ${ctx.sizes.latencySamples} changes`);
      const baseLatencies = await measure(ctx, ids, 'B', (value) => seen(baseDb, `SELECT 1 AS x FROM "lead" WHERE "Company" = ?`, value));
      const hub50 = percentile(hubLatencies, 0.5);
      const hub95 = percentile(hubLatencies, 0.95);
      const base95 = percentile(baseLatencies, 0.95);
      ctx.results.push({
        scenario: '6 latency (continuous, 1 s poll)',
        crm: 'salesforce',
        database,
        records: hubLatencies.length,
        hub: side(hubLatencies.length, hubLatencies.reduce((a, b) => a + b, 0) / 1000, {}, []),
        baseline: side(baseLatencies.length, baseLatencies.reduce((a, b) => a + b, 0) / 1000, {}, []),
        ratio: round(base95 / hub95, 2),
        extra: { hubP50Ms: hub50, p95Ms: hub95, baselineP50Ms: percentile(baseLatencies, 0.5), baselineP95Ms: base95, hubLatenciesMs: hubLatencies, baselineLatenciesMs: baseLatencies, note: 'ratio = baseline p95 / hub p95' },
      });
    } finally {
      await follower.stop();
    }
  } finally {
    await hub.stop();
    await hubDb.drop();
    await baseDb.drop();
  }
}

/** Edits one lead per sample at a random moment of the poll cycle; returns each change's latency (ms). */
async function measure(ctx: BenchContext, ids: string[], tag: string, visible: (value: string) => Promise<boolean>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < ctx.sizes.latencySamples; i++) {
    await sleep(Math.random() * ctx.sizes.pollIntervalMs);
    const value = `Latency ${tag} ${i} ${Date.now()}`;
    ctx.sf.update(OBJECT, [ids[i % ids.length] as string], { Company: value });
    const changedAt = performance.now();
    await waitFor(() => visible(value), GIVE_UP_MS, () => `change ${i} never reached the table`);
    latencies.push(Math.round(performance.now() - changedAt));
  }
  return latencies;
}

async function waitForStream(api: HubApi, jobId: string): Promise<void> {
  await waitFor(async () => {
    const runs = await api.call<{ runs: { status: string }[] }>('GET', `/api/sync/runs?jobId=${jobId}`);
    return runs.runs.some((r) => r.status === 'running');
  }, 60_000, () => 'the continuous job did not start');
  // Its first poll done: the stream is following from "now".
  await sleep(2_000);
}

async function seen(db: BenchDatabase, sql: string, value: string): Promise<boolean> {
  return (await db.query(sql, [value]).catch(() => [])).length > 0;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${why()}`);
    await sleep(10);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
