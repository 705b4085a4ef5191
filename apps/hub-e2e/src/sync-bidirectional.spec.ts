import type { HubApi } from './support/hub-api';
import { useSyncWorld } from './support/sync-world';

type Conflict = { hubId: string; field: string; hubValue: unknown; crmValue: unknown; winner: string; policy: string };

/** An import and an export job declared a pair: changes flow both ways, conflicts settled by the pair's policy. */
describe('sync: bidirectional pair', () => {
  const world = useSyncWorld('sync-bidi', { salesforce: {} });
  const raw = (): HubApi => world.raw();
  const api = () => world.api();
  const p = world.p;
  let table: string;
  let importJob: string;
  let exportJob: string;
  let leads: string[];

  beforeAll(async () => {
    const account = await world.salesforceAccount();
    leads = world.sf.create('Lead', [1, 2, 3, 4].map((i) => ({ LastName: `Lead ${i}`, Company: `Company ${i}`, Title: `Title ${i}` })));
    const schema = await api().schema(account, 'Lead', ['LastName', 'Company', 'Title']);
    table = schema.table;
    importJob = await api().job({ name: 'Leads in', accountId: account, schemaId: schema.id, operation: 'import' });
    exportJob = await api().job({
      name: 'Leads out',
      accountId: account,
      schemaId: schema.id,
      operation: 'export',
      mapping: [{ field: 'Company' }, { field: 'Title' }],
      options: { writeMode: 'update', pair: { importJobId: importJob, conflictPolicy: 'crm-wins' } },
    });
    expect((await api().runToEnd(importJob)).status).toBe('succeeded');
    expect(await api().runToEnd(exportJob)).toMatchObject({ status: 'succeeded', counters: { rejected: 0 } });
  }, 120_000);

  async function hubSet(lead: string, column: string, value: string): Promise<void> {
    await world.database.dataSource.query(`UPDATE "${table}" SET "${column}" = ${p(1)} WHERE crm_id = ${p(2)}`, [value, lead]);
  }
  async function hubValue(lead: string, column: string): Promise<unknown> {
    return ((await world.database.dataSource.query(`SELECT "${column}" AS v FROM "${table}" WHERE crm_id = ${p(1)}`, [lead])) as { v: unknown }[])[0]?.v;
  }
  async function cycle(): Promise<Conflict[]> {
    const imported = await api().runToEnd(importJob);
    expect(imported.status).toBe('succeeded');
    expect((await api().runToEnd(exportJob)).status).toBe('succeeded');
    return (await raw().call<{ conflicts: Conflict[] }>('GET', `/api/sync/runs/${imported.id}/conflicts`)).body.conflicts;
  }
  const setPolicy = async (conflictPolicy: string) => {
    const res = await raw().call<{ options: { pair?: { conflictPolicy: string }; writeMode?: string } }>('PATCH', `/api/sync/jobs/${exportJob}`, { options: { pair: { importJobId: importJob, conflictPolicy } } });
    expect(res.status).toBe(200);
    expect(res.body.options).toMatchObject({ writeMode: 'update', pair: { conflictPolicy } });
  };

  it('merges a field changed in the CRM with another changed in the hub on one record', async () => {
    const [lead] = leads as [string];
    // The account reads with safetyLagMs 0 (tests only): Salesforce stamps to the second, so a change
    // made within the second of the last read, to a lower Id, is behind the watermark. The default
    // 60 s lag rules that out; here the change comes a second later, as it would behind a lag.
    world.sf.clock.advance(1_000);
    world.sf.update('Lead', [lead], { Company: 'From the CRM' });
    await hubSet(lead, 'title', 'From the hub');
    expect(await cycle()).toEqual([]);
    expect(world.sf.record('Lead', lead)).toMatchObject({ Company: 'From the CRM', Title: 'From the hub' });
    expect(await hubValue(lead, 'company')).toBe('From the CRM');
    expect(await hubValue(lead, 'title')).toBe('From the hub');
  }, 60_000);

  it('settles a field changed on both sides by the policy — crm-wins, hub-wins, latest-wins — and lists the conflicts', async () => {
    const [, a, b, c] = leads as [string, string, string, string];
    world.sf.update('Lead', [a], { Company: 'CRM A' });
    await hubSet(a, 'company', 'Hub A');
    const crmWins = await cycle();
    expect(crmWins).toEqual([expect.objectContaining({ field: 'Company', hubValue: 'Hub A', crmValue: 'CRM A', winner: 'crm', policy: 'crm-wins' })]);
    expect(await hubValue(a, 'company')).toBe('CRM A');
    expect(world.sf.record('Lead', a)?.['Company']).toBe('CRM A');

    await setPolicy('hub-wins');
    world.sf.update('Lead', [b], { Company: 'CRM B' });
    await hubSet(b, 'company', 'Hub B');
    const hubWins = await cycle();
    expect(hubWins).toEqual([expect.objectContaining({ field: 'Company', winner: 'hub', policy: 'hub-wins' })]);
    expect(await hubValue(b, 'company')).toBe('Hub B');
    expect(world.sf.record('Lead', b)?.['Company']).toBe('Hub B');

    await setPolicy('latest-wins');
    world.sf.update('Lead', [c], { Company: 'CRM C (earlier)' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await hubSet(c, 'company', 'Hub C (later)');
    const latest = await cycle();
    expect(latest).toEqual([expect.objectContaining({ field: 'Company', winner: 'hub', policy: 'latest-wins' })]);
    expect(world.sf.record('Lead', c)?.['Company']).toBe('Hub C (later)');
    // Nothing left to settle: another cycle finds no conflict and sends nothing.
    expect(await cycle()).toEqual([]);
  }, 120_000);
});
