import { readFileSync } from 'node:fs';
import { useSyncWorld } from './support/sync-world';

const RECORDS = 200_000;
/**
 * The hub's JavaScript heaps are capped well below what 200,000 records take (the hub's thread at
 * 192 MB, each plugin's worker at 160 MB): a reader that ran ahead of the database would hold the
 * object's records and die of it. V8 otherwise lets garbage pile up to a share of a far larger
 * default limit before collecting, which says nothing about what the hub keeps.
 */
const HEAP_LIMITS = { NODE_OPTIONS: '--max-old-space-size=192', HUB_PLUGIN_MEMORY_LIMIT_MB: '160' };
/** The bound this test holds the hub to: its resident memory at the peak of the import (heaps, code, buffers, three plugin threads). */
const PEAK_RSS_BOUND_MB = 480;

/** Resident memory of a process, now and at its peak (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * The hub reads only as fast as it commits: an import of 200,000 records into a database slowed on
 * purpose (a trigger that burns time on every row) keeps the hub's memory bounded, because the
 * plugin fetches the next page only when the previous one is committed: within capped heaps, the
 * import succeeds and the process stays under a stated bound.
 */
describe('sync: bounded memory with a slow database', () => {
  const world = useSyncWorld('sync-memory', { salesforce: {}, env: HEAP_LIMITS });
  const db = world.db;

  async function slowDown(table: string): Promise<void> {
    if (db.config.kind === 'postgres') {
      await world.database.dataSource.query(`CREATE FUNCTION slow_row() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.00005); RETURN NEW; END $$ LANGUAGE plpgsql`);
      await world.database.dataSource.query(`CREATE TRIGGER slow_row BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION slow_row()`);
    } else {
      await world.database.dataSource.query(
        `CREATE TRIGGER slow_row AFTER INSERT ON "${table}" BEGIN
           SELECT COUNT(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) SELECT i FROM n);
         END`,
      );
    }
  }

  it(`imports ${RECORDS} records with the hub's peak memory under ${PEAK_RSS_BOUND_MB} MB`, async () => {
    const api = world.api();
    const account = await world.salesforceAccount();
    world.sf.seed('Subscription__c', RECORDS, { modstamp: '2026-01-01T00:00:00.000Z', sameModstampEvery: 1_000 });
    const schema = await api.schema(account, 'Subscription__c');
    await slowDown(schema.table);
    const job = await api.job({ name: 'Subscriptions', accountId: account, schemaId: schema.id, operation: 'import' });
    const before = memoryOf(world.hub.process.pid as number);
    const started = Date.now();
    const run = await api.runToEnd(job, {}, 900_000);
    const after = memoryOf(world.hub.process.pid as number);
    process.stdout.write(
      `bounded memory: ${RECORDS} records in ${Math.round((Date.now() - started) / 1000)} s; hub RSS ${before.rssMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB (bound ${PEAK_RSS_BOUND_MB} MB)\n`,
    );
    expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: RECORDS } });
    expect(after.peakMb).toBeLessThan(PEAK_RSS_BOUND_MB);
  }, 1_000_000);
});
