import type { HubProcess } from './support/hub-process';
import type { RunBody } from './support/sync-api';
import { useSyncWorld } from './support/sync-world';

type RunRow = RunBody & { trigger: string; startedAt?: string; finishedAt?: string };

const POLL_MS = 1_000;

/** Schedules, two hubs sharing one database (leases), a killed holder taken over, and a continuous job's latency. */
describe('sync: schedules, leases and continuous jobs', () => {
  const world = useSyncWorld('sync-sched', { salesforce: {}, env: { HUB_SYNC_LEASE_MS: '2000' } });
  let hubs: HubProcess[] = [];
  const api = (hub: HubProcess = hubs[0] as HubProcess) => world.api(hub);
  const raw = (hub: HubProcess = hubs[0] as HubProcess) => world.raw(hub);
  const db = world.db;
  let account: string;

  beforeAll(async () => {
    hubs = [world.hub, await world.start('second')];
    account = await world.salesforceAccount({ pollIntervalMs: POLL_MS });
  }, 180_000);

  async function runsOf(jobId: string): Promise<RunRow[]> {
    return (await raw().call<{ runs: RunRow[] }>('GET', `/api/sync/runs?jobId=${jobId}&limit=200`)).body.runs;
  }

  it('runs a job on a 2-second schedule, once per tick, never two runs at once across two hubs', async () => {
    world.sf.seed('Account', 50);
    const schema = await api().schema(account, 'Account', ['Name', 'Industry']);
    const job = await api().job({ name: 'Accounts every 2 s', accountId: account, schemaId: schema.id, operation: 'import', schedule: { cron: '*/2 * * * * *' } });
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    await raw().call('PATCH', `/api/sync/jobs/${job}`, { enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const runs = (await runsOf(job)).filter((r) => r.trigger === 'schedule');
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const spans = runs.map((r) => [Date.parse(r.startedAt as string), Date.parse(r.finishedAt as string)] as const).sort((a, b) => a[0] - b[0]);
    spans.slice(1).forEach(([startAt], i) => expect(startAt).toBeGreaterThanOrEqual((spans[i] as readonly [number, number])[1]));
    const metrics = await (await fetch(`${(hubs[0] as HubProcess).url}/metrics`)).text();
    expect(metrics).toMatch(/crm_hub_sync_runs_total\{status="succeeded",operation="import"\} [1-9]/);
  }, 120_000);

  it('lets another hub take over the run of a hub killed with SIGKILL, from its last checkpoint', async () => {
    world.sf.seed('Subscription__c', 12_000, { modstamp: '2026-01-01T00:00:00.000Z' });
    world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 200, endpoints: ['queryMore', 'bulk2.query'] });
    const schema = await api().schema(account, 'Subscription__c', ['Name', 'Plan__c', 'Amount__c']);
    const job = await api().job({ name: 'Subscriptions', accountId: account, schemaId: schema.id, operation: 'import', options: { pageSize: 1_000 } });
    const runId = await api().start(job);
    const [a, b] = hubs as [HubProcess, HubProcess];
    // Whichever hub took the run, kill it.
    await api().wait(runId, { until: (r) => r.progress.records >= 2_000 });
    const holder = await world.database.dataSource.query(`SELECT owner FROM sync_lease WHERE job_id = ${db.config.kind === 'postgres' ? '$1' : '?'}`, [job]);
    const pid = Number(String((holder as { owner: string }[])[0]?.owner).split('-')[0]);
    const victim = a.process.pid === pid ? a : b;
    const survivor = victim === a ? b : a;
    await victim.stop('SIGKILL');
    hubs = [survivor];
    world.sf.faults.clear();
    const run = await api(survivor).wait(runId, { timeoutMs: 120_000 });
    expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: 12_000, updated: 0 } });
    expect(run.attempts).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('follows a continuous job: it reads what exists first, then a change in the CRM reaches the hub table within the poll interval + 1 s', async () => {
    const [lead] = world.sf.create('Lead', [{ LastName: 'Before', Company: 'Acme' }]);
    const schema = await api().schema(account, 'Lead', ['LastName', 'Company']);
    const job = await api().job({ name: 'Leads live', accountId: account, schemaId: schema.id, operation: 'import', mode: 'continuous' });
    const p = db.config.kind === 'postgres' ? '$1' : '?';
    const company = async () => ((await world.database.dataSource.query(`SELECT company FROM "${schema.table}" WHERE crm_id = ${p}`, [lead])) as { company: string }[])[0]?.company;
    // The stream's first run reads the records that exist (a stream alone begins "now").
    for (let i = 0; i < 200 && (await company()) !== 'Acme'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await company()).toBe('Acme');
    expect((await runsOf(job))[0]).toMatchObject({ status: 'running', trigger: 'continuous', counters: { inserted: world.sf.records('Lead').length } });
    // Then the change stream is up: its first poll done.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + 500));
    const changedAt = Date.now();
    world.sf.update('Lead', [lead as string], { Company: 'Changed live' });
    let latency = Number.POSITIVE_INFINITY;
    while (Date.now() - changedAt < 10_000) {
      const rows = (await world.database.dataSource.query(`SELECT company FROM "${schema.table}" WHERE crm_id = ${p}`, [lead])) as { company: string }[];
      if (rows[0]?.company === 'Changed live') {
        latency = Date.now() - changedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.stdout.write(`continuous job latency: ${latency} ms (poll interval ${POLL_MS} ms)\n`);
    expect(latency).toBeLessThanOrEqual(POLL_MS + 1_000);
    await raw().call('PATCH', `/api/sync/jobs/${job}`, { enabled: false });
    const stopped = await api().wait((await runsOf(job))[0]?.id as string, { timeoutMs: 20_000 });
    expect(stopped.status).toBe('cancelled');
  }, 120_000);
});
