import type { Checkpoint, SyncMessage } from '@crm-hub/plugin-sdk';
import { readWatermark } from './watermark-reader';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch } from '@crm-hub/plugin-testing';

const upserts = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
const checkpoints = (messages: SyncMessage[]): Checkpoint[] => messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.checkpoint] : []));

describe(readWatermark.name, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('neither repeats nor skips rows sharing one modifiedon across pages, whichever checkpoint it resumes from', async () => {
    h.emulator.truncate('lead');
    const stamp = '2026-06-01T12:00:00.000Z';
    const rows = h.emulator.seed('lead', 47, { modifiedOn: stamp });
    const { connector } = await h.open();
    const full = await h.read(connector, { object: 'lead', fields: [], pageSize: 10 });
    const cuts = checkpoints(full);
    expect(cuts).toHaveLength(5); // a checkpoint after every page
    expect(cuts.every((c) => c['modifiedAt'] === stamp && c['cursorField'] === 'modifiedon')).toBe(true);
    for (const [i, cut] of cuts.entries()) {
      const rest = upserts(await h.read(connector, { object: 'lead', fields: [], pageSize: 10, checkpoint: cut }));
      const before = upserts(full).slice(0, Math.min(47, (i + 1) * 10));
      expect(new Set([...before, ...rest]).size).toBe(47);
      expect(before.length + rest.length).toBe(47);
    }
    expect(new Set(upserts(full))).toEqual(new Set(rows));
  });

  it('bounds the slice by the server clock (its Date header) minus the safety lag, not by this machine\'s clock', async () => {
    h.emulator.truncate('lead');
    h.emulator.seed('lead', 1);
    h.emulator.clock.advance(6 * 3600_000); // the server runs six hours ahead of this machine
    const recorder = recordingFetch();
    const lag = 30_000;
    const { connector } = await h.open({ safetyLagMs: lag }, { fetch: recorder.fetch });
    await h.read(connector, { object: 'lead', fields: [] });
    const index = recorder.exchanges.findIndex((e) => e.url.pathname.endsWith('/leads'));
    const filter = recorder.exchanges[index]?.url.searchParams.get('$filter') ?? '';
    const upper = Date.parse(/modifiedon le (\S+)/.exec(filter)?.[1] ?? '');
    const serverDate = Date.parse(recorder.exchanges[index - 1]?.responseHeaders.get('date') ?? '');
    expect(Math.abs(upper - (serverDate - lag))).toBeLessThan(1000);
    expect(Math.abs(upper - (h.emulator.clock.nowMs() - lag))).toBeLessThan(5000);
    expect(upper - Date.now()).toBeGreaterThan(5 * 3600_000);
  });

  it('leaves rows stamped within the lag for a later read, which gets them once the server clock has passed the lag', async () => {
    h.emulator.truncate('lead');
    const now = Math.floor(h.emulator.clock.nowMs() / 1000) * 1000;
    const stamped = (ago: number, n: number): string[] => h.emulator.seed('lead', n, { modifiedOn: new Date(now - ago).toISOString() });
    const old = stamped(3_600_000, 3);
    const recent = stamped(30_000, 2);
    const latest = stamped(5_000, 1);
    const lag = 60_000;
    // Each read opens its connector as a sync run would: it learns the server's time from its first answers.
    const run = async (checkpoint?: Checkpoint): Promise<SyncMessage[]> => {
      const { connector } = await h.open({ safetyLagMs: lag });
      return h.read(connector, { object: 'lead', fields: [], ...(checkpoint ? { checkpoint } : {}) });
    };
    const first = await run();
    expect(upserts(first).sort()).toEqual([...old].sort());

    h.emulator.clock.advance(45_000); // upper bound now − 15 s: 'recent' (−30 s) is in, 'latest' (−5 s) still out
    const second = await run(checkpoints(first).at(-1));
    expect(upserts(second).sort()).toEqual([...recent].sort());

    const idle = await run(checkpoints(second).at(-1));
    expect(upserts(idle)).toEqual([]);

    h.emulator.clock.advance(60_000);
    const third = await run(checkpoints(idle).at(-1));
    expect(upserts(third)).toEqual(latest);
  });
});
