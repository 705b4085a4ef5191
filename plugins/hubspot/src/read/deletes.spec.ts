import type { Checkpoint, SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

const of = (messages: SyncMessage[], kind: 'upsert' | 'delete'): string[] => messages.flatMap((m) => (m.kind === kind ? [m.id] : []));
const last = (messages: SyncMessage[]): Checkpoint => messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.checkpoint] : [])).at(-1) as Checkpoint;

/** Deletions through archived records (the list endpoint with archived=true). */
describe('deletes', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('emits the records archived since the checkpoint once, over several pages of archived records, and resumes inside them', async () => {
    h.hs.truncate('companies');
    const ids = h.hs.seed('companies', 400);
    h.hs.archive('companies', ids.slice(0, 150)); // archived before the full read: never reported
    // HubSpot's clock is known from `Date` headers, to the second: a second apart, "before" is certain.
    h.hs.clock.advance(1000);
    const { connector } = await h.open();
    const full = await h.read(connector, { object: 'companies', fields: ['name'] });
    expect(of(full, 'upsert')).toHaveLength(250);
    expect(of(full, 'delete')).toEqual([]);
    h.hs.clock.advance(1000);
    const doomed = ids.slice(150, 380);
    h.hs.archive('companies', doomed);
    const first = await h.read(connector, { object: 'companies', fields: ['name'], checkpoint: last(full), pageSize: 100 }, (m) => m.kind === 'checkpoint' && m.checkpoint['deletesAfter'] !== undefined);
    const cut = last(first);
    const rest = await h.read(connector, { object: 'companies', fields: ['name'], checkpoint: cut, pageSize: 100 });
    const deleted = [...of(first, 'delete'), ...of(rest, 'delete')];
    expect(deleted.sort()).toEqual([...doomed].sort());
    expect(new Set(deleted).size).toBe(deleted.length);
    expect(rest.find((m) => m.kind === 'delete')).toMatchObject({ deletedAt: expect.stringMatching(/Z$/) });
    const idle = await h.read(connector, { object: 'companies', fields: ['name'], checkpoint: last(rest) });
    expect([...of(idle, 'upsert'), ...of(idle, 'delete')]).toEqual([]);
  });

  it("with a safety lag, leaves records changed and archived within it for a later read (HubSpot's search index lags)", async () => {
    h.hs.truncate('tickets');
    const [older, newer] = [h.hs.seed('tickets', 3, { modifiedAt: new Date(h.hs.clock.nowMs() - 120_000).toISOString() }), h.hs.seed('tickets', 2)];
    const { connector } = await h.open({ safetyLagMs: 60_000 });
    const full = await h.read(connector, { object: 'tickets', fields: [] });
    expect(of(full, 'upsert').sort()).toEqual([...(older as string[])].sort());
    h.hs.archive('tickets', [(older as string[])[0] as string]);
    const soon = await h.read(connector, { object: 'tickets', fields: [], checkpoint: last(full) });
    expect([...of(soon, 'upsert'), ...of(soon, 'delete')]).toEqual([]);
    h.hs.clock.advance(61_000);
    const { connector: later } = await h.open({ safetyLagMs: 60_000 });
    const after = await h.read(later, { object: 'tickets', fields: [], checkpoint: last(soon) });
    expect(of(after, 'upsert').sort()).toEqual([...(newer as string[])].sort());
    expect(of(after, 'delete')).toEqual([(older as string[])[0]]);
  });
});
