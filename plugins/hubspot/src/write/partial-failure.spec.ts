import type { WriteRecord } from '@crm-hub/plugin-sdk';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

/** Per-record results from HubSpot's answers: 207 Multi-Status, and batches refused whole. */
describe('partial failures', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.hs.truncate('subscriptions'));

  it('turns a 207 of a batch update into per-record results: OBJECT_NOT_FOUND (notFound) for the missing, the rest written', async () => {
    const ids = h.hs.seed('subscriptions', 100);
    const gone = [ids[10], ids[50], ids[99]] as string[];
    h.hs.archive('subscriptions', gone);
    const recorder = recordingFetch({ bodies: true });
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    const records: WriteRecord[] = ids.map((id, i) => ({ ref: `u${i}`, id, data: { plan: 'enterprise' } }));
    const results = await connector.write({ object: 'subscriptions', operation: 'update', records });
    const update = recorder.exchanges.filter((e) => e.url.pathname.endsWith('/batch/update'));
    expect(update.map((e) => e.status)).toEqual([207]);
    expect(await update[0]?.responseText).toContain('"category":"OBJECT_NOT_FOUND"');
    for (const [i, r] of results.entries()) {
      if (gone.includes(ids[i] as string)) expect(r).toEqual({ ref: `u${i}`, ok: false, error: expect.objectContaining({ code: 'OBJECT_NOT_FOUND', notFound: true, retryable: false }) });
      else expect(r).toEqual({ ref: `u${i}`, ok: true, id: ids[i], created: false });
    }
    expect(h.hs.records('subscriptions').every((r) => r.properties['plan'] === 'enterprise')).toBe(true);
  });

  it('splits a batch HubSpot refused whole for one invalid value, and fails only that record with its code and property', async () => {
    const { connector } = await h.open();
    const records: WriteRecord[] = Array.from({ length: 100 }, (_, i) => ({ ref: `c${i}`, data: { name: `S${i}`, code: `C-${i}`, plan: i === 37 ? 'platinum' : 'basic' } }));
    h.hs.counters.reset();
    const results = await connector.write({ object: 'subscriptions', operation: 'insert', records });
    expect(results[37]).toEqual({ ref: 'c37', ok: false, error: { code: 'INVALID_OPTION', message: expect.stringContaining('platinum'), fields: ['plan'], retryable: false } });
    expect(results.filter((r) => r.ok)).toHaveLength(99);
    expect(h.hs.records('subscriptions')).toHaveLength(99);
    // Halving isolates one record in about 2·log2(100) calls, not 100.
    expect(h.hs.counters.get('batch.create')).toBeLessThanOrEqual(15);
  });

  it('fails a duplicate unique value (409 CONFLICT) and a missing required property per record', async () => {
    h.hs.create('subscriptions', [{ name: 'Existing', code: 'TAKEN' }]);
    const { connector } = await h.open();
    const results = await connector.write({
      object: 'subscriptions',
      operation: 'insert',
      records: [
        { ref: 'a', data: { name: 'A', code: 'FREE-1' } },
        { ref: 'b', data: { name: 'B', code: 'TAKEN' } },
        { ref: 'c', data: { code: 'NO-NAME' } },
        { ref: 'd', data: { name: 'D', code: 'FREE-2' } },
      ],
    });
    expect(results.map((r) => (r.ok ? 'ok' : r.error?.code))).toEqual(['ok', 'CONFLICT', 'REQUIRED_PROPERTY', 'ok']);
    expect(results[1]?.error?.fields).toEqual(['code']);
  });

  it('fails every record of a request refused for the request itself, without splitting it', async () => {
    const { connector } = await h.open();
    h.hs.counters.reset();
    const results = await connector.write({
      object: 'subscriptions',
      operation: 'upsert',
      matchField: 'name', // not a unique-value property: HubSpot refuses it as idProperty
      records: [1, 2, 3].map((i) => ({ ref: `r${i}`, data: { name: `N${i}` } })),
    });
    expect(results.every((r) => !r.ok && r.error?.retryable === false)).toBe(true);
    expect(h.hs.counters.get('batch.upsert')).toBe(1);
  });
});
