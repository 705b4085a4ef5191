import type { Checkpoint, SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

const ids = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
const checkpoints = (messages: SyncMessage[]): Checkpoint[] => messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.checkpoint] : []));

/** The acceptance case: search caps a query at 10,000 results and orders ties in no documented order. */
describe('incremental reads past the search cap', () => {
  let h: HubSpotHarness;
  // The emulator keeps HubSpot's limits (5 searches per second) and the plugin its default pacing.
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('reads 15,000 records sharing one modification time after a checkpoint: none missed, none repeated, no page beyond the cap', async () => {
    h.hs.truncate('contacts');
    h.hs.seed('contacts', 30, { modifiedAt: '2026-04-01T09:00:00.000Z', sameModifiedEvery: 3 });
    const { connector } = await h.open();
    const full = await h.read(connector, { object: 'contacts', fields: ['email'] });
    expect(ids(full)).toHaveLength(30);
    const after = checkpoints(full).at(-1) as Checkpoint;

    const stamp = '2026-04-02T12:00:00.000Z';
    const fresh = h.hs.seed('contacts', 15_000, { modifiedAt: stamp });
    h.hs.counters.reset();
    const started = Date.now();
    const delta = await h.read(connector, { object: 'contacts', fields: ['email'], checkpoint: after, deletes: 'exclude' });
    const read = ids(delta);
    expect(read).toHaveLength(15_000);
    expect(new Set(read)).toEqual(new Set(fresh));
    // Ids cross 10,000 (9001…24030): they are ordered as numbers, never as text.
    expect(read).toEqual([...fresh].sort((a, b) => Number(a) - Number(b)));
    // 75 full pages by id, plus: the checkpoint's own stamp drained (empty), the forward page that
    // finds one stamp filling a page, the empty page closing the run of ties, the last forward page.
    const searches = h.hs.counters.get('search');
    expect(searches).toBe(Math.ceil(15_000 / 200) + 4);
    // Paced below the search limit: no 429 met, and no faster than the pacing allows.
    expect(delta.some((m) => m.kind === 'status' && m.code === 'RATE_LIMITED')).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual((searches - 1) * 250 - 50);
    // The first checkpoint closes the drained stamp of the resume position; every later one is at the new stamp.
    const stamps = checkpoints(delta).map((c) => c['modifiedAt']);
    expect(stamps[0]).toBe(after['modifiedAt']);
    expect(new Set(stamps.slice(1))).toEqual(new Set([stamp]));
  }, 120_000);

  it('resumes from a checkpoint past the 10,000th of them with the rest, exactly once', async () => {
    const stamp = '2026-04-02T12:00:00.000Z';
    const same = h.hs.records('contacts').filter((r) => r.properties['lastmodifieddate'] === stamp).map((r) => r.id);
    const { connector } = await h.open({ searchRequestsPerSecond: 5 });
    const start = { v: 1, cursorField: 'lastmodifieddate', modifiedAt: '2026-04-01T09:00:09.000Z', lastId: h.hs.records('contacts')[29]?.id as string, deletedAt: null, fields: 'email,hs_object_id,lastmodifieddate' };
    let seen = 0;
    const first = await h.read(connector, { object: 'contacts', fields: ['email'], checkpoint: start, deletes: 'exclude' }, (m) => {
      if (m.kind === 'upsert') seen++;
      return m.kind === 'checkpoint' && seen >= 10_100;
    });
    const cut = checkpoints(first).at(-1) as Checkpoint;
    expect(cut['lastId']).not.toBe('');
    const rest = await h.read(connector, { object: 'contacts', fields: ['email'], checkpoint: cut, deletes: 'exclude' });
    const union = [...ids(first), ...ids(rest)];
    expect(union).toHaveLength(15_000);
    expect(new Set(union)).toEqual(new Set(same));
    const idle = await h.read(connector, { object: 'contacts', fields: ['email'], checkpoint: checkpoints(rest).at(-1) as Checkpoint, deletes: 'exclude' });
    expect(ids(idle)).toEqual([]);
  }, 120_000);
});
