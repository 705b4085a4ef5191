import { useSyncWorld } from './support/sync-world';

const DAY = 86_400_000;

/** Dataverse change tracking: deletes streamed inline; an expired delta token → full read with mark and sweep. */
describe('sync: Dynamics import', () => {
  const world = useSyncWorld('sync-dv', { dataverse: { changeTrackingExpiryDays: 7 } });
  const api = () => world.api();
  let account: string;
  beforeAll(async () => (account = await world.dynamicsAccount()));

  async function live(table: string): Promise<Set<string>> {
    const rows = (await world.database.dataSource.query(`SELECT crm_id FROM "${table}" WHERE hub_deleted_at IS NULL`)) as { crm_id: string }[];
    return new Set(rows.map((r) => r.crm_id));
  }

  it('imports a change-tracked table, then its changes and deletions through the delta link', async () => {
    const ids = world.dv.seed('contact', 12_000);
    const schema = await api().schema(account, 'contact', ['firstname', 'lastname', 'emailaddress1']);
    const job = await api().job({ name: 'Contacts', accountId: account, schemaId: schema.id, operation: 'import' });
    expect(await api().runToEnd(job)).toMatchObject({ status: 'succeeded', counters: { inserted: 12_000 } });
    expect((await live(schema.table)).size).toBe(12_000);

    world.dv.update('contact', ids.slice(0, 30), { lastname: 'Changed' });
    world.dv.delete('contact', ids.slice(100, 110));
    const [created] = world.dv.create('contact', [{ lastname: 'Brand new' }]);
    const delta = await api().runToEnd(job);
    expect(delta).toMatchObject({ status: 'succeeded', full: false, counters: { updated: 30, deleted: 10, inserted: 1 } });
    const rows = await live(schema.table);
    expect(rows.size).toBe(12_000 - 10 + 1);
    expect(rows.has(created as string)).toBe(true);
    const changed = (await world.database.dataSource.query(`SELECT COUNT(*) AS n FROM "${schema.table}" WHERE lastname = 'Changed'`)) as [{ n: string | number }];
    expect(Number(changed[0].n)).toBe(30);
    // Delta rows carry only the changed columns: the others keep their values (absent is not null).
    const kept = (await world.database.dataSource.query(`SELECT COUNT(*) AS n FROM "${schema.table}" WHERE lastname = 'Changed' AND firstname IS NOT NULL`)) as [{ n: string | number }];
    expect(Number(kept[0].n)).toBe(world.dv.rows('contact').filter((r) => r['lastname'] === 'Changed' && r['firstname'] !== null).length);
  }, 300_000);

  it('reads everything again when the delta token expired, and marks the rows the CRM no longer has', async () => {
    const schema = (await world.raw().call<{ id: string; table: string; object: string }[]>('GET', `/api/schemas?accountId=${account}`)).body.find((s) => s.object === 'contact');
    const [job] = (await world.raw().call<{ id: string }[]>('GET', `/api/sync/jobs?schemaId=${schema?.id}`)).body;
    const ids = world.dv.rows('contact').map((r) => String(r['contactid']));
    world.dv.delete('contact', ids.slice(0, 25));
    world.dv.clock.advance(8 * DAY); // past ExpireChangeTrackingInDays: the stored delta link is refused
    const run = await api().runToEnd(job?.id as string, {}, 300_000);
    expect(run.status).toBe('succeeded');
    expect(run.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['CHECKPOINT_EXPIRED', 'SWEPT']));
    expect(run.counters.deleted).toBe(25);
    const expected = new Set(world.dv.rows('contact').map((r) => String(r['contactid'])));
    expect(await live(schema?.table as string)).toEqual(expected);
  }, 300_000);

  it('sweeps after a full re-read asked for over a table that has rows (only a first read into an empty table skips it)', async () => {
    const schema = (await world.raw().call<{ id: string; table: string; object: string }[]>('GET', `/api/schemas?accountId=${account}`)).body.find((s) => s.object === 'contact');
    const [job] = (await world.raw().call<{ id: string }[]>('GET', `/api/sync/jobs?schemaId=${schema?.id}`)).body;
    const ids = world.dv.rows('contact').map((r) => String(r['contactid']));
    // Deleted in the CRM, then read in full: a full read names no deletions, only the sweep finds them.
    world.dv.delete('contact', ids.slice(0, 7));
    const run = await api().runToEnd(job?.id as string, { full: true }, 300_000);
    expect(run).toMatchObject({ status: 'succeeded', full: true });
    expect(run.notes.map((n) => n.code)).toContain('SWEPT');
    expect(run.counters.deleted).toBe(7);
    expect(await live(schema?.table as string)).toEqual(new Set(world.dv.rows('contact').map((r) => String(r['contactid']))));
  }, 300_000);
});
