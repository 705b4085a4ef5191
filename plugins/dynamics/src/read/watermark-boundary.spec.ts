import type { Checkpoint, SyncMessage } from '@crm-hub/plugin-sdk';
import { readWatermark } from './watermark-reader';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch } from '../test-support/recording-fetch';

const upserts = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
const checkpoints = (messages: SyncMessage[]): Checkpoint[] => messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.checkpoint] : []));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
    expect(cuts.every((c) => c['modifiedOn'] === stamp)).toBe(true);
    for (const [i, cut] of cuts.entries()) {
      const rest = upserts(await h.read(connector, { object: 'lead', fields: [], pageSize: 10, checkpoint: cut }));
      const before = upserts(full).slice(0, Math.min(47, (i + 1) * 10));
      expect(new Set([...before, ...rest]).size).toBe(47);
      expect(before.length + rest.length).toBe(47);
    }
    expect(new Set(upserts(full))).toEqual(new Set(rows));
  });

  it('bounds the slice by the server clock (its Date header) minus the safety lag', async () => {
    h.emulator.truncate('lead');
    h.emulator.seed('lead', 1);
    const recorder = recordingFetch();
    const lag = 30_000;
    const { connector } = await h.open({ safetyLagMs: lag }, { fetch: recorder.fetch });
    await h.read(connector, { object: 'lead', fields: [] });
    const index = recorder.exchanges.findIndex((e) => new URL(e.url).pathname.endsWith('/leads'));
    const filter = new URL(recorder.exchanges[index]?.url ?? '').searchParams.get('$filter') ?? '';
    const upper = Date.parse(/modifiedon le (\S+)/.exec(filter)?.[1] ?? '');
    const serverDate = Date.parse(recorder.exchanges[index - 1]?.responseHeaders.get('date') ?? '');
    expect(Math.abs(upper - (serverDate - lag))).toBeLessThan(1000);
  });

  it('leaves rows stamped within the lag for the next read, which gets them once', async () => {
    h.emulator.truncate('lead');
    const now = Math.floor(h.emulator.clock.nowMs() / 1000) * 1000;
    const old = h.emulator.seed('lead', 3, { modifiedOn: new Date(now - 3_600_000).toISOString() });
    const recent = h.emulator.seed('lead', 2, { modifiedOn: new Date(now - 2_000).toISOString() });
    const { connector } = await h.open({ safetyLagMs: 4_000 });
    const first = await h.read(connector, { object: 'lead', fields: [] });
    expect(upserts(first).sort()).toEqual([...old].sort());
    await sleep(3_500);
    const second = await h.read(connector, { object: 'lead', fields: [], checkpoint: checkpoints(first).at(-1) as Checkpoint });
    expect(upserts(second).sort()).toEqual([...recent].sort());
  });
});
