import type { Checkpoint, SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';

const upsertsOf = (messages: SyncMessage[]): UpsertMessage[] => messages.filter((m): m is UpsertMessage => m.kind === 'upsert');
const deletes = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'delete' ? [m.id] : []));
const lastCheckpoint = (messages: SyncMessage[]): Checkpoint => {
  const found = messages.filter((m) => m.kind === 'checkpoint').at(-1);
  if (found?.kind !== 'checkpoint') throw new Error('no checkpoint');
  return found.checkpoint;
};

describe(`${DynamicsConnector.name} field sets and partial rows`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('emits only the columns a delta row carries, with partial: true, never null for the others', async () => {
    h.emulator.truncate('contact');
    const [ada] = h.emulator.create('contact', [{ firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Analyst', emailaddress1: 'ada@example.com' }]) as [string];
    const { connector } = await h.open();
    const req = { object: 'contact', fields: ['firstname', 'lastname', 'jobtitle', 'emailaddress1'] };
    const full = await h.read(connector, req);
    expect(upsertsOf(full)[0]).not.toHaveProperty('partial');
    h.emulator.update('contact', [ada], { jobtitle: 'Lead analyst' });
    const [hopper] = h.emulator.create('contact', [{ lastname: 'Hopper' }]);

    const delta = await h.read(connector, { ...req, checkpoint: lastCheckpoint(full) });
    const changed = upsertsOf(delta).find((m) => m.id === ada);
    expect(changed).toMatchObject({ partial: true, data: { jobtitle: 'Lead analyst', contactid: ada } });
    expect(Object.keys(changed?.data ?? {}).sort()).toEqual(['contactid', 'jobtitle', 'modifiedon']);
    // A row created since the token comes whole: its empty columns are null, and it is not partial.
    const created = upsertsOf(delta).find((m) => m.id === hopper);
    expect(created).toMatchObject({ data: { lastname: 'Hopper', firstname: null, jobtitle: null, emailaddress1: null } });
    expect(created).not.toHaveProperty('partial');
  });

  it('reads added fields with their real values when resumed from a checkpoint taken with fewer fields, keeping its deletions', async () => {
    h.emulator.truncate('contact');
    const ids = h.emulator.seed('contact', 12);
    const { connector } = await h.open();
    const narrow = await h.read(connector, { object: 'contact', fields: ['lastname'], pageSize: 5 });
    const checkpoint = lastCheckpoint(narrow);
    expect(checkpoint).toMatchObject({ mode: 'delta', fields: 'contactid,lastname,modifiedon' });
    h.emulator.delete('contact', [ids[3] as string]);
    h.emulator.update('contact', [ids[7] as string], { jobtitle: 'Changed' });

    h.emulator.counters.reset();
    const wide = await h.read(connector, { object: 'contact', fields: ['lastname', 'jobtitle'], pageSize: 5, checkpoint });
    expect(wide[0]).toMatchObject({ kind: 'status', code: 'field-set-changed' });
    const rows = upsertsOf(wide);
    expect(rows.map((m) => m.id).sort()).toEqual(ids.filter((id) => id !== ids[3]).sort());
    const stored = h.emulator.rows('contact');
    for (const row of rows) {
      expect(row.partial).toBeUndefined();
      expect(row.data['jobtitle']).toBe(stored.find((r) => r['contactid'] === row.id)?.['jobtitle']);
      expect(row.data['jobtitle']).not.toBeNull();
    }
    expect(deletes(wide)).toEqual([ids[3]]); // the old link's deletions are not lost
    expect(lastCheckpoint(wide)).toMatchObject({ mode: 'delta', fields: 'contactid,jobtitle,lastname,modifiedon' });

    // Fewer fields than the link tracks: it is still followed, and only the requested columns come out.
    h.emulator.update('contact', [ids[8] as string], { lastname: 'Renamed', jobtitle: 'Renamed too' });
    h.emulator.counters.reset();
    const fewer = await h.read(connector, { object: 'contact', fields: ['lastname'], checkpoint: lastCheckpoint(wide) });
    expect([h.emulator.counters.get('delta'), h.emulator.counters.get('query')]).toEqual([1, 0]);
    expect(upsertsOf(fewer).map((m) => [m.id, m.data])).toEqual([[ids[8], { contactid: ids[8], lastname: 'Renamed', modifiedon: expect.any(String) }]]);
    expect(lastCheckpoint(fewer)).toMatchObject({ fields: 'contactid,jobtitle,lastname,modifiedon' });
  });

  it('reads added fields of a watermark-read table (no change tracking) for every row, never leaving the older ones without them', async () => {
    h.emulator.truncate('lead');
    const ids = h.emulator.seed('lead', 9);
    const { connector } = await h.open();
    const narrow = await h.read(connector, { object: 'lead', fields: ['lastname'], pageSize: 4 });
    const checkpoint = lastCheckpoint(narrow);
    expect(checkpoint).toMatchObject({ mode: 'watermark', fields: 'lastname,leadid,modifiedon' });
    h.emulator.update('lead', [ids[2] as string], { companyname: 'Changed Ltd' });

    // Resumed with one more field: every row comes with its real value, not only the row changed since.
    const wide = await h.read(connector, { object: 'lead', fields: ['lastname', 'companyname'], pageSize: 4, checkpoint });
    expect(wide[0]).toMatchObject({ kind: 'status', code: 'field-set-changed' });
    const stored = new Map(h.emulator.rows('lead').map((r) => [r['leadid'], r['companyname']]));
    const rows = upsertsOf(wide);
    expect(rows.map((m) => m.id).sort()).toEqual([...ids].sort());
    for (const row of rows) expect(row.data['companyname']).toBe(stored.get(row.id));
    expect(rows.every((m) => typeof m.data['companyname'] === 'string')).toBe(true);
    expect(lastCheckpoint(wide)).toMatchObject({ mode: 'watermark', fields: 'companyname,lastname,leadid,modifiedon' });

    // The same fields again: an incremental read, nothing new.
    const again = await h.read(connector, { object: 'lead', fields: ['companyname', 'lastname'], checkpoint: lastCheckpoint(wide) });
    expect(upsertsOf(again)).toEqual([]);
    expect(again.some((m) => m.kind === 'status' && m.code === 'field-set-changed')).toBe(false);
  });

  it('starts changes() with the requested fields, so later changes carry them', async () => {
    h.emulator.truncate('contact');
    const ids = h.emulator.seed('contact', 3);
    const { connector } = await h.open({ pollIntervalMs: 100 });
    const pending = collect(connector.changes({ object: 'contact', fields: ['jobtitle'] }), { until: (m) => m.kind === 'upsert', timeoutMs: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    h.emulator.update('contact', [ids[1] as string], { jobtitle: 'Promoted' });
    const seen = await pending;
    expect(upsertsOf(seen).map((m) => [m.id, m.data['jobtitle']])).toEqual([[ids[1], 'Promoted']]);
    expect(seen.some((m) => m.kind === 'status' && m.code === 'field-set-changed')).toBe(false);
  }, 20_000);
});
