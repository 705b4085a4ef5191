import type { WriteRecord } from '@crm-hub/plugin-sdk';
import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

/** API economy of writes, on the emulator's counters. */
describe('batch writes', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.hs.truncate('subscriptions'));

  const records = (n: number, plan = 'basic'): WriteRecord[] =>
    Array.from({ length: n }, (_, i) => ({ ref: `row-${i}`, data: { name: `Upserted ${i}`, code: `UP-${i}`, plan, features: ['api', 'sso'], amount: '12.50' } }));

  it('upserts 1,000 records in 10 batch calls of 100, then again (all matched) in 10 more', async () => {
    const { connector } = await h.open();
    h.hs.counters.reset();
    const first = await connector.write({ object: 'subscriptions', operation: 'upsert', matchField: 'code', records: records(1000) });
    expect(first.every((r) => r.ok && r.created === true)).toBe(true);
    expect(first.map((r) => r.ref)).toEqual(records(1000).map((r) => r.ref));
    // Besides the batches: the object's properties, and (once per connector) the custom object schemas.
    expect(h.hs.counters.snapshot()).toEqual({ schemas: 1, properties: 1, 'batch.upsert': 10 });
    expect(h.hs.records('subscriptions')).toHaveLength(1000);
    expect(h.hs.records('subscriptions')[7]?.properties).toMatchObject({ code: 'UP-7', features: 'api;sso', amount: '12.5' });

    h.hs.counters.reset();
    const second = await connector.write({ object: 'subscriptions', operation: 'upsert', matchField: 'code', records: records(1000, 'premium') });
    expect(second.every((r) => r.ok && r.created === false)).toBe(true);
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(h.hs.counters.get('batch.upsert')).toBe(10);
    expect(h.hs.records('subscriptions').every((r) => r.properties['plan'] === 'premium')).toBe(true);
  });

  it('inserts 250 records in 3 batch creates and maps ids back by objectWriteTraceId (results come unordered)', async () => {
    const { connector } = await h.open();
    h.hs.counters.reset();
    const results = await connector.write({ object: 'subscriptions', operation: 'insert', records: records(250) });
    expect(h.hs.counters.get('batch.create')).toBe(3);
    for (const [i, r] of results.entries()) {
      expect(r).toMatchObject({ ref: `row-${i}`, ok: true, created: true });
      expect(h.hs.record('subscriptions', r.id as string)?.properties['code']).toBe(`UP-${i}`);
    }
  });

  it('deletes with one batch read and one batch archive per 100; a record already gone is notFound', async () => {
    const ids = h.hs.seed('subscriptions', 150);
    h.hs.archive('subscriptions', [ids[3] as string]);
    const { connector } = await h.open();
    h.hs.counters.reset();
    const results = await connector.write({ object: 'subscriptions', operation: 'delete', records: ids.map((id, i) => ({ ref: `d${i}`, id })) });
    expect(h.hs.counters.snapshot()).toEqual({ schemas: 1, properties: 1, 'batch.read': 2, 'batch.archive': 2 });
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'OBJECT_NOT_FOUND', notFound: true, retryable: false } });
    expect(results.filter((r) => r.ok)).toHaveLength(149);
    expect(h.hs.records('subscriptions')).toHaveLength(0);
  });
});
