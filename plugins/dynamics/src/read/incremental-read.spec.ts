import { CheckpointExpiredError, type Checkpoint, type SyncMessage } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch, type RecordedExchange } from '@crm-hub/plugin-testing';

const idsOf = (messages: SyncMessage[], kind: 'upsert' | 'delete'): string[] =>
  messages.flatMap((m) => (m.kind === kind ? [m.id] : [])).sort();
/**
 * A fetch under which the lead table's definition claims change tracking (as a definition can
 * while the service still refuses it): the refusal itself, 0x80072491, comes from Dataverse.
 */
const leadClaimsChangeTracking: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const path = decodeURIComponent(new URL(String(input instanceof Request ? input.url : input)).pathname);
  if (!/EntityDefinitions(\(LogicalName='lead'\))?$/.test(path)) return res;
  const body = (await res.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] };
  const claim = (e: Record<string, unknown>) => (e['LogicalName'] === 'lead' ? { ...e, ChangeTrackingEnabled: true } : e);
  const rewritten = body.value ? { ...body, value: body.value.map(claim) } : claim(body);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(rewritten), { status: res.status, headers });
};
const lastCheckpoint = (messages: SyncMessage[]): Checkpoint => {
  const found = messages.filter((m) => m.kind === 'checkpoint').at(-1);
  if (found?.kind !== 'checkpoint') throw new Error('no checkpoint');
  return found.checkpoint;
};

describe(`${DynamicsConnector.name} incremental read`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness({ changeTrackingExpiryDays: 7 })));
  afterAll(() => h.close());

  it('returns exactly the updated rows and the deleted ids after a full read of a change-tracked table', async () => {
    h.emulator.truncate('contact');
    const rows = h.emulator.seed('contact', 40);
    const { connector } = await h.open();
    const full = await h.read(connector, { object: 'contact', fields: ['jobtitle'], pageSize: 15 });
    const checkpoint = lastCheckpoint(full);
    expect(checkpoint['mode']).toBe('delta');

    const updated = [rows[3], rows[17], rows[39]] as string[];
    const deleted = [rows[0], rows[20]] as string[];
    h.emulator.update('contact', updated, { jobtitle: 'Changed' });
    h.emulator.delete('contact', deleted);
    h.emulator.counters.reset();
    const delta = await h.read(connector, { object: 'contact', fields: ['jobtitle'], checkpoint, deletes: 'include' });
    expect(idsOf(delta, 'upsert')).toEqual([...updated].sort());
    expect(idsOf(delta, 'delete')).toEqual([...deleted].sort());
    expect(delta.filter((m) => m.kind === 'upsert').every((m) => m.kind === 'upsert' && m.data['jobtitle'] === 'Changed')).toBe(true);
    expect(h.emulator.counters.get('delta')).toBe(1);
    expect(delta.at(-1)?.kind).toBe('checkpoint');

    const idle = await h.read(connector, { object: 'contact', fields: [], checkpoint: lastCheckpoint(delta) });
    expect(idle.filter((m) => m.kind !== 'checkpoint')).toEqual([]);
  });

  it("honours deletes: 'exclude' and 'only'", async () => {
    h.emulator.truncate('contact');
    const rows = h.emulator.seed('contact', 5);
    const { connector } = await h.open();
    const checkpoint = lastCheckpoint(await h.read(connector, { object: 'contact', fields: [] }));
    h.emulator.update('contact', [rows[1] as string], { jobtitle: 'x' });
    h.emulator.delete('contact', [rows[2] as string]);
    const exclude = await h.read(connector, { object: 'contact', fields: [], checkpoint, deletes: 'exclude' });
    expect([idsOf(exclude, 'upsert'), idsOf(exclude, 'delete')]).toEqual([[rows[1]], []]);
    const only = await h.read(connector, { object: 'contact', fields: [], checkpoint, deletes: 'only' });
    expect([idsOf(only, 'upsert'), idsOf(only, 'delete')]).toEqual([[], [rows[2]]]);
  });

  it('returns exactly the updated rows of a table read by watermark, and says deletes are not tracked', async () => {
    h.emulator.truncate('lead');
    const rows = h.emulator.seed('lead', 30);
    const { connector } = await h.open();
    const checkpoint = lastCheckpoint(await h.read(connector, { object: 'lead', fields: ['companyname'], pageSize: 7 }));
    expect(checkpoint['mode']).toBe('watermark');
    const updated = [rows[0], rows[29]] as string[];
    h.emulator.update('lead', updated, { companyname: 'Changed' });
    const next = await h.read(connector, { object: 'lead', fields: ['companyname'], checkpoint, deletes: 'include' });
    expect(idsOf(next, 'upsert')).toEqual([...updated].sort());
    expect(next).toContainEqual(expect.objectContaining({ kind: 'status', code: 'deletes-not-tracked' }));
    // lead's catalog entry says deletes: 'none', so by default its reads do not ask for deletes at all.
    const quiet = await h.read(connector, { object: 'lead', fields: ['companyname'], checkpoint });
    expect(idsOf(quiet, 'upsert')).toEqual([...updated].sort());
    expect(quiet.filter((m) => m.kind === 'status')).toEqual([]);
  });

  it('raises CheckpointExpiredError, with Dataverse’s code, for a delta token older than the expiry', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 3);
    const { connector } = await h.open();
    const checkpoint = lastCheckpoint(await h.read(connector, { object: 'contact', fields: [] }));
    h.emulator.clock.advance(8 * 24 * 3600_000);
    const error = await h.read(connector, { object: 'contact', fields: [], checkpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointExpiredError);
    expect(error).toMatchObject({ code: '0x80044352', status: 400 });
    // changes() on the same token ends with the same error rather than polling forever.
    const changes = await collect(connector.changes({ object: 'contact', fields: [], checkpoint }), { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(changes).toBeInstanceOf(CheckpointExpiredError);
  });

  it('falls back to the watermark when Dataverse refuses change tracking (0x80072491), instead of failing', async () => {
    h.emulator.truncate('lead');
    const rows = h.emulator.seed('lead', 12);
    const recorder = recordingFetch({ bodies: true, base: leadClaimsChangeTracking });
    const { connector, test } = await h.open({}, { fetch: recorder.fetch });
    const before = await connector.discover({ objects: ['lead'] });
    expect(before.objects[0]).toMatchObject({ incremental: 'delta' }); // what the definition claims
    expect(before.objects[0]?.deletes).toBeUndefined();

    const full = await h.read(connector, { object: 'lead', fields: ['lastname'], pageSize: 5 });
    const tracked = recorder.exchanges.filter((e) => e.url.pathname.endsWith('/leads') && e.headers.get('prefer')?.includes('odata.track-changes'));
    expect(tracked.map((e) => e.status)).toEqual([400]);
    expect(JSON.parse(await ((tracked[0] as RecordedExchange).responseText as Promise<string>))).toMatchObject({ error: { code: '0x80072491' } });
    expect(full[0]).toMatchObject({ kind: 'status', level: 'warn', code: 'change-tracking-refused', message: expect.stringContaining('0x80072491') });
    expect(idsOf(full, 'upsert')).toEqual([...rows].sort());
    expect(full.filter((m) => m.kind === 'checkpoint')).toHaveLength(3); // watermark: one per page
    const checkpoint = lastCheckpoint(full);
    expect(checkpoint['mode']).toBe('watermark');

    // From then on the table is read, and described, as it behaves.
    const after = await connector.discover({ objects: ['lead'] });
    expect(after.objects[0]).toMatchObject({ incremental: 'cursor', deletes: 'none' });
    h.emulator.update('lead', [rows[4] as string], { companyname: 'Changed' });
    recorder.exchanges.length = 0;
    const next = await h.read(connector, { object: 'lead', fields: [], checkpoint });
    expect(idsOf(next, 'upsert')).toEqual([rows[4]]);
    expect(next.some((m) => m.kind === 'status')).toBe(false);
    expect(recorder.exchanges.some((e) => e.headers.get('prefer')?.includes('odata.track-changes'))).toBe(false);
    expect(test.logs.some((l) => l.level === 'error')).toBe(false);
  });

  it('turns a refused change-tracking checkpoint into CheckpointExpiredError keeping 0x80072491 and 400', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 1);
    const { connector: plain } = await h.open();
    const contactLink = String(lastCheckpoint(await h.read(plain, { object: 'contact', fields: [] }))['deltaLink']);
    const token = new URL(contactLink).searchParams.get('$deltatoken') ?? '';
    const deltaLink = `${h.emulator.apiUrl}/leads?$select=leadid,modifiedon&$deltatoken=${encodeURIComponent(token)}`;

    const { connector } = await h.open({}, { fetch: leadClaimsChangeTracking });
    const error = await h.read(connector, { object: 'lead', fields: [], checkpoint: { v: 2, mode: 'delta', deltaLink, fields: 'leadid,modifiedon' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointExpiredError);
    expect(error).toMatchObject({ code: '0x80072491', status: 400 });
    // The full read the host then runs takes the watermark path.
    h.emulator.truncate('lead');
    const seeded = h.emulator.seed('lead', 3);
    const full = await h.read(connector, { object: 'lead', fields: [] });
    expect(idsOf(full, 'upsert')).toEqual([...seeded].sort());
    expect(lastCheckpoint(full)['mode']).toBe('watermark');
  });

  it('streams changes by polling the delta link, and stops polling on unsubscribe', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 2);
    const { connector } = await h.open({ pollIntervalMs: 100 });
    const checkpoint = lastCheckpoint(await h.read(connector, { object: 'contact', fields: [] }));
    const pending = collect(connector.changes({ object: 'contact', fields: [], checkpoint }), {
      until: (m) => m.kind === 'upsert',
      timeoutMs: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [created] = h.emulator.create('contact', [{ lastname: 'Streamed' }]);
    const seen = await pending;
    expect(idsOf(seen, 'upsert')).toEqual([created]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = h.emulator.counters.total();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(h.emulator.counters.total()).toBe(after);
  });

  it('starts changes() without a checkpoint from the current state, emitting only later changes', async () => {
    h.emulator.truncate('lead');
    h.emulator.seed('lead', 8);
    const { connector } = await h.open({ pollIntervalMs: 100 });
    const pending = collect(connector.changes({ object: 'lead', fields: ['lastname'] }), { until: (m) => m.kind === 'upsert', timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [created] = h.emulator.create('lead', [{ lastname: 'Later', subject: 'New' }]);
    const seen = await pending;
    expect(idsOf(seen, 'upsert')).toEqual([created]);
  });
});
