import { runBaseline } from '../support/baseline-process';
import { createBenchDatabase, type DatabaseKind } from '../support/bench-database';
import type { BenchContext } from '../support/context';
import { HubApi, runSeconds } from '../support/hub-api';
import { startHub, type BenchHub } from '../support/hub-process';
import { cpuSecondsOf, memoryOf, threadCpuBetween, threadCpuOf } from '../support/machine';
import { ratioOf, side, type Measurement, type Side } from '../support/results';
import { baselineInput, changeRecords, hubAccount, hubImportJob, type Crm } from './crm-setup';
import { callsBetween, DATA_CALLS } from './objects';

/** Records per page of the plain REST reads (Salesforce query/queryMore, Dataverse maxpagesize). */
const REST_PAGE = { salesforce: 2_000, dataverse: 5_000 } as const;

/** One full import by the hub and by the baseline, each into a fresh database. */
interface FullImportRound {
  hub: Side;
  baseline: Side;
  ratio: number;
  extra: Record<string, unknown>;
}

/**
 * Scenarios 1–3 on one CRM and one database: a full import of N records by the hub (a fresh
 * process, so its peak RSS is this import's) and by the baseline, then 1 % of the records changed
 * in the CRM and an incremental import by each. With `--repeat=R` the full imports run R rounds,
 * hub then baseline, each round into fresh databases with a fresh hub; the row reported is the
 * round of median ratio (all rounds are kept in `extra.rounds`): on a machine whose speed drifts,
 * one pair of runs can be off by ±0.1. `variant` runs the hub with other account settings
 * (Salesforce: `rest` keeps the REST path the baseline uses, above the Bulk threshold).
 */
export async function importScenarios(ctx: BenchContext, crm: Crm, database: DatabaseKind, ids: string[], variant: { label: string; account?: Record<string, unknown> } = { label: 'default' }): Promise<void> {
  const rounds: FullImportRound[] = [];
  for (let round = 1; round <= ctx.repeat; round++) {
    const last = round === ctx.repeat;
    const hubDb = await createBenchDatabase(database, `hub_${crm}`);
    const baseDb = await createBenchDatabase(database, `base_${crm}`);
    const hub = await startHub(hubDb.env, ctx.hubStart);
    try {
      const api = new HubApi(hub.url);
      const account = await hubAccount(api, crm, { sf: ctx.sf, dv: ctx.dv }, variant.account);
      const { jobId } = await hubImportJob(api, crm, account);
      const roundLabel = ctx.repeat > 1 ? `, round ${round} of ${ctx.repeat}` : '';
      ctx.log(`  ${crm}/${database} (${variant.label}${roundLabel}): hub full import of ${ids.length} records`);
      rounds.push(await fullImportRound(ctx, crm, database, hub, api, jobId, baseDb.env, variant.label, ids.length));
      if (last) {
        ctx.results.push(fullImportRow(crm, database, ids.length, rounds));
        await incrementalImports(ctx, crm, database, hub, api, jobId, baseDb.env, ids, variant.label);
      }
    } catch (error) {
      ctx.log(`hub output (tail):\n${hub.output().slice(-4_000)}`);
      throw error;
    } finally {
      await hub.stop();
      await hubDb.drop();
      await baseDb.drop();
    }
  }
}

/** Scenario 1 or 2, once: the hub's full import (its job just made), then the baseline's. */
async function fullImportRound(ctx: BenchContext, crm: Crm, database: DatabaseKind, hub: BenchHub, api: HubApi, jobId: string, baseEnv: Record<string, string>, variant: string, n: number): Promise<FullImportRound> {
  const emulators = { sf: ctx.sf, dv: ctx.dv };
  const counters = crm === 'salesforce' ? ctx.sf.counters : ctx.dv.counters;
  const kinds = DATA_CALLS[crm];
  const idleRss = memoryOf(hub.pid).rssMb;
  let before = counters.snapshot();
  const cpu = cpuSecondsOf(hub.pid);
  let emulatorCpu = process.cpuUsage();
  const threads = threadCpuOf(hub.pid);
  const full = await api.runToEnd(jobId);
  const hubThreads = threadCpuBetween(threads, threadCpuOf(hub.pid));
  const hubEmulatorMs = cpuMs(emulatorCpu);
  const hubFull = side(n, runSeconds(full), callsBetween(before, counters.snapshot()), kinds, { peakRssMb: memoryOf(hub.pid).peakMb, cpuSeconds: cpuSecondsOf(hub.pid) - cpu });
  if (full.counters.inserted !== n) throw new Error(`The hub inserted ${full.counters.inserted} of ${n} records`);

  ctx.log(`  ${crm}/${database}: baseline full load`);
  before = counters.snapshot();
  emulatorCpu = process.cpuUsage();
  const baseFullResult = await runBaseline(`${crm}-import`, baselineInput(crm, emulators, 'full'), baseEnv);
  const baseEmulatorMs = cpuMs(emulatorCpu);
  const baseFull = side(baseFullResult.records, baseFullResult.seconds, callsBetween(before, counters.snapshot()), kinds, baseFullResult);
  return {
    hub: hubFull,
    baseline: baseFull,
    ratio: ratioOf(hubFull, baseFull),
    extra: {
      variant,
      hubIdleRssMb: Math.round(idleRss),
      baselineRecords: baseFullResult.records,
      // The emulators run in the benchmark's process: what serving each side cost them.
      hubThreadCpuSeconds: hubThreads,
      emulatorCpuMsPerThousand: { hub: Math.round((hubEmulatorMs * 1000) / n), baseline: Math.round((baseEmulatorMs * 1000) / n) },
    },
  };
}

/**
 * The results row of scenario 1 or 2: the round of median ratio (the lower of the two middle ones
 * when the rounds are even in number), with every round's figures when there were several.
 */
function fullImportRow(crm: Crm, database: DatabaseKind, n: number, rounds: FullImportRound[]): Measurement {
  const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor((rounds.length - 1) / 2)] as FullImportRound;
  const usedBulk = (median.hub.calls['bulk2.query'] ?? 0) > 0;
  return {
    scenario: crm === 'salesforce' ? '1 full import' : '2 full import',
    crm,
    database,
    records: n,
    hub: median.hub,
    baseline: median.baseline,
    ratio: median.ratio,
    ...minimumOf(crm, n, usedBulk),
    extra: {
      ...median.extra,
      ...(rounds.length > 1
        ? {
            note: `${String(median.extra['variant'])}; the round of median ratio of ${rounds.length} (${rounds.map((r) => r.ratio.toFixed(2)).join(', ')})`,
            rounds: rounds.map((r) => ({ ratio: r.ratio, hubSeconds: r.hub.seconds, baselineSeconds: r.baseline.seconds, hubCpuMsPerThousand: r.hub.cpuMsPerThousand })),
          }
        : {}),
    },
  };
}

/** Scenario 3: 1 % of the records changed in the CRM, then an incremental import by the hub's job and by the baseline. */
async function incrementalImports(ctx: BenchContext, crm: Crm, database: DatabaseKind, hub: BenchHub, api: HubApi, jobId: string, baseEnv: Record<string, string>, ids: string[], variant: string): Promise<void> {
  const emulators = { sf: ctx.sf, dv: ctx.dv };
  const counters = crm === 'salesforce' ? ctx.sf.counters : ctx.dv.counters;
  const kinds = DATA_CALLS[crm];
  const changed = ids.filter((_, i) => i % Math.round(1 / ctx.sizes.changedShare) === 0);
  changeRecords(crm, emulators, changed);
  ctx.log(`  ${crm}/${database}: ${changed.length} records changed; incremental imports`);
  let before = counters.snapshot();
  const cpu = cpuSecondsOf(hub.pid);
  const increment = await api.runToEnd(jobId);
  const hubInc = side(changed.length, runSeconds(increment), callsBetween(before, counters.snapshot()), kinds, { cpuSeconds: cpuSecondsOf(hub.pid) - cpu });
  if (increment.counters.updated !== changed.length) throw new Error(`The hub updated ${increment.counters.updated} of ${changed.length} records`);
  before = counters.snapshot();
  const baseIncResult = await runBaseline(`${crm}-import`, baselineInput(crm, emulators, 'incremental'), baseEnv);
  const baseInc = side(baseIncResult.records, baseIncResult.seconds, callsBetween(before, counters.snapshot()), kinds, baseIncResult);
  ctx.results.push({
    scenario: '3 incremental (1 %)',
    crm,
    database,
    records: changed.length,
    hub: hubInc,
    baseline: baseInc,
    ratio: ratioOf(hubInc, baseInc),
    minCalls: Math.ceil(changed.length / REST_PAGE[crm]),
    minCallsRule: `ceil(changed/${REST_PAGE[crm]})`,
    extra: { variant, baselineRecords: baseIncResult.records },
  });
}

function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** The fewest data calls for a full read: REST pages, or the Bulk job's create + status + result pages. */
function minimumOf(crm: Crm, n: number, bulk: boolean): Pick<Measurement, 'minCalls' | 'minCallsRule'> {
  if (crm === 'salesforce' && bulk) {
    // The hub reads the first REST page (its totalSize decides for Bulk), then one job: create, status, result pages of 10,000.
    return { minCalls: 2 + Math.ceil(n / 10_000), minCallsRule: 'Bulk job: create + status + ceil(N/10000) result pages' };
  }
  return { minCalls: Math.ceil(n / REST_PAGE[crm]), minCallsRule: `ceil(N/${REST_PAGE[crm]})` };
}
