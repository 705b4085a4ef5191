import { createBenchDatabase, type BenchDatabase } from '../support/bench-database';
import type { BenchContext } from '../support/context';
import { HubApi, runSeconds } from '../support/hub-api';
import { startHub } from '../support/hub-process';
import { memoryOf } from '../support/machine';
import { formatSamples, watchMemory } from '../support/memory-trail';
import { side } from '../support/results';
import { hubAccount, hubImportJob, seedCrm } from './crm-setup';
import { callsBetween, DATA_CALLS } from './objects';

/** Every row written burns this long in the database (pg_sleep in a trigger): the CRM is read faster than rows commit. */
const SLOW_ROW_SECONDS = 0.00005;

/**
 * Scenario 5: the hub's peak RSS over a full Salesforce import of each size, on PostgreSQL with
 * writes slowed on purpose, each in a fresh hub process. Paced reads keep memory flat: the plugin
 * fetches the next page only when the previous one is committed, however slow the database.
 */
export async function memoryScenario(ctx: BenchContext): Promise<void> {
  for (const size of ctx.sizes.memoryRecords) {
    seedCrm('salesforce', { sf: ctx.sf, dv: ctx.dv }, size);
    const db = await createBenchDatabase('postgres', 'hub_memory');
    const hub = await startHub(db.env, ctx.hubStart);
    try {
      const api = new HubApi(hub.url);
      const account = await hubAccount(api, 'salesforce', { sf: ctx.sf, dv: ctx.dv });
      const { jobId, table } = await hubImportJob(api, 'salesforce', account);
      await slowDown(db, table);
      const idle = memoryOf(hub.pid);
      ctx.log(`  memory: ${size} records into PostgreSQL with writes slowed (${SLOW_ROW_SECONDS * 1e6} µs a row)`);
      const before = ctx.sf.counters.snapshot();
      const watch = watchMemory(hub.pid, hub.url);
      const run = await api.runToEnd(jobId).finally(() => watch.stop());
      const peak = memoryOf(hub.pid).peakMb;
      const peakAt = Math.round(watch.peakRaisedAtShare() * 100);
      ctx.log(`    peak ${peak.toFixed(0)} MB, reached ${peakAt} % into the run`);
      ctx.log(`    every 10 s, RSS/main old space used:size+new space/plugin workers' heaps (MB): ${formatSamples(watch.samples)}`);
      ctx.results.push({
        scenario: '5 memory (writes slowed)',
        crm: 'salesforce',
        database: 'postgres',
        records: size,
        hub: side(size, runSeconds(run), callsBetween(before, ctx.sf.counters.snapshot()), DATA_CALLS.salesforce, { peakRssMb: peak }),
        extra: {
          hubIdleRssMb: Math.round(idle.rssMb),
          peakReachedAtPercent: peakAt,
          memorySamples: watch.samples,
          note: `peak RSS ${peak.toFixed(0)} MB (idle ${idle.rssMb.toFixed(0)} MB)`,
        },
      });
    } finally {
      await hub.stop();
      await db.drop();
    }
  }
}

async function slowDown(db: BenchDatabase, table: string): Promise<void> {
  await db.query(`CREATE FUNCTION slow_row() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(${SLOW_ROW_SECONDS}); RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.query(`CREATE TRIGGER slow_row BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION slow_row()`);
}
