import { runBaseline } from '../support/baseline-process';
import { createBenchDatabase, type DatabaseKind } from '../support/bench-database';
import type { BenchContext } from '../support/context';
import { HubApi, runSeconds } from '../support/hub-api';
import { startHub } from '../support/hub-process';
import { cpuSecondsOf, memoryOf } from '../support/machine';
import { ratioOf, side } from '../support/results';
import { hubAccount } from './crm-setup';
import { insertRows } from './export-rows';
import { callsBetween, SALESFORCE_FIELDS, SALESFORCE_OBJECT } from './objects';

const WRITE_CALLS = ['composite.sobjects', 'bulk2.ingest'] as const;
const TABLE = 'subscription_out';

/**
 * Scenario 4: N rows written in the platform's database with plain SQL, upserted into Salesforce by
 * external id — by an export job of the hub (change capture finds them; results and CRM ids are
 * committed with the checkpoint) and by the jsforce baseline (collections of 200, ids stored back).
 * Each side writes its own external ids, so both create N records.
 */
export async function exportScenario(ctx: BenchContext, database: DatabaseKind): Promise<void> {
  const n = ctx.sizes.exportRows;
  const counters = ctx.sf.counters;
  const hubDb = await createBenchDatabase(database, 'hub_export');
  const baseDb = await createBenchDatabase(database, 'base_export');
  const hub = await startHub(hubDb.env, ctx.hubStart);
  const tag = `${database === 'sqlite' ? 'S' : 'P'}${Date.now().toString(36).toUpperCase()}`;
  try {
    const api = new HubApi(hub.url);
    const account = await hubAccount(api, 'salesforce', { sf: ctx.sf, dv: ctx.dv });
    const schema = await api.schema(account, SALESFORCE_OBJECT, SALESFORCE_FIELDS.map((f) => f.name));
    const fields = (await api.call<{ fields: { name: string; column: string | null }[] }>('GET', `/api/schemas/${schema.id}`, undefined, 200)).fields;
    const columns = new Map(fields.filter((f) => f.column).map((f) => [f.name, f.column as string]));
    ctx.log(`  salesforce/${database}: ${n} rows written in the hub's table with plain SQL; hub export`);
    await insertRows(hubDb, schema.table, columns, { prefix: `H${tag}`, count: n, multiSelect: 'json' }, { hub_updated_at: new Date().toISOString() });
    const jobId = await api.job({ name: 'bench export', accountId: account, schemaId: schema.id, operation: 'export', options: { writeMode: 'upsert', matchField: 'External_Id__c' } });
    let before = counters.snapshot();
    const cpu = cpuSecondsOf(hub.pid);
    const run = await api.runToEnd(jobId);
    const hubSide = side(n, runSeconds(run), callsBetween(before, counters.snapshot()), WRITE_CALLS, { peakRssMb: memoryOf(hub.pid).peakMb, cpuSeconds: cpuSecondsOf(hub.pid) - cpu });
    if (run.counters.inserted + run.counters.updated !== n) throw new Error(`The hub exported ${JSON.stringify(run.counters)} of ${n} rows`);

    ctx.log(`  salesforce/${database}: baseline export`);
    const plain = new Map(SALESFORCE_FIELDS.map((f) => [f.name, f.name]));
    const ddl = SALESFORCE_FIELDS.map((f) => `"${f.name}" ${database === 'sqlite' ? f.sqlite : f.postgres}${f.name === 'External_Id__c' ? ' PRIMARY KEY' : ''}`);
    await baseDb.query(`CREATE TABLE "${TABLE}" (${ddl.join(', ')}, "sf_id" TEXT)`);
    await insertRows(baseDb, TABLE, plain, { prefix: `B${tag}`, count: n, multiSelect: 'semicolon' });
    before = counters.snapshot();
    const { clientId, clientSecret } = ctx.sf.credentials;
    const result = await runBaseline(
      'salesforce-export',
      { loginUrl: ctx.sf.url, clientId, clientSecret, object: SALESFORCE_OBJECT, table: TABLE, externalId: 'External_Id__c', fields: SALESFORCE_FIELDS },
      baseDb.env,
    );
    const baseSide = side(result.records, result.seconds, callsBetween(before, counters.snapshot()), WRITE_CALLS, result);
    const usedBulk = (hubSide.calls['bulk2.ingest'] ?? 0) > 0;
    ctx.results.push({
      scenario: '4 export (upsert)',
      crm: 'salesforce',
      database,
      records: n,
      hub: hubSide,
      baseline: baseSide,
      ratio: ratioOf(hubSide, baseSide),
      ...(usedBulk
        ? { minCalls: Math.ceil(n / 10_000) * 5, minCallsRule: 'ceil(N/10000) Bulk jobs (maxBatch) × 5: create, upload, close, status, successful results (no row fails)' }
        : { minCalls: Math.ceil(n / 200), minCallsRule: 'ceil(N/200) collections' }),
      extra: { note: usedBulk ? 'hub: Bulk API 2.0 ingest (default above 2,000 records); baseline: collections of 200' : 'collections of 200', baselineFailed: result['failed'] },
    });
  } finally {
    await hub.stop();
    await hubDb.drop();
    await baseDb.drop();
  }
}
