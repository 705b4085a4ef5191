import type { WriteRecord } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { writeRecords } from './write-executor';

describe(writeRecords.name, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.emulator.truncate('new_subscription'));

  const records = (n: number, suffix = ''): WriteRecord[] =>
    Array.from({ length: n }, (_, i) => ({ ref: `r${i}`, data: { new_code: `UP-${i}`, new_name: `Upsert ${i}${suffix}` } }));

  it('upserts 2,500 records by alternate key in 3 $batch calls, one result per record, in order', async () => {
    const { connector, test } = await h.open();
    h.emulator.counters.reset();
    const batch = records(2500);
    batch[1234] = { ref: 'r1234', data: { new_code: 'UP-1234', new_name: 'Bad plan', new_plan: '7' } };
    const results = await connector.write({ object: 'new_subscription', operation: 'upsert', matchField: 'new_code', records: batch });

    expect(h.emulator.counters.get('batch')).toBeLessThanOrEqual(3);
    expect(h.emulator.counters.get('batch.operation')).toBe(2500);
    expect(test.calls['batch']).toBe(h.emulator.counters.get('batch'));
    expect(test.calls['batch.operation']).toBe(2500);
    expect(results.map((r) => r.ref)).toEqual(batch.map((r) => r.ref));
    expect(results.filter((r) => r.ok)).toHaveLength(2499);
    expect(results[1234]).toMatchObject({ ok: false, error: { code: '0x8004431A', fields: ['new_plan'], retryable: false } });
    expect(results[0]).toMatchObject({ ok: true, created: true, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(h.emulator.rows('new_subscription')).toHaveLength(2499);

    const again = await connector.write({ object: 'new_subscription', operation: 'upsert', matchField: 'new_code', records: records(3, ' again') });
    expect(again.map((r) => [r.ok, r.created, r.id])).toEqual(results.slice(0, 3).map((r) => [true, false, r.id]));
    expect(h.emulator.rows('new_subscription').find((r) => r['new_code'] === 'UP-0')?.['new_name']).toBe('Upsert 0 again');
  }, 30_000); // 2,500 upserts take a few seconds on a loaded machine

  it('inserts, updates with If-Match (a missing record fails with 0x80040217) and deletes', async () => {
    const { connector } = await h.open();
    const inserted = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [
        { ref: 'a', data: { new_name: 'A', new_code: 'W-1' } },
        { ref: 'b', data: { new_name: 'B', new_code: 'W-2', new_amount: '10.25' } },
      ],
    });
    expect(inserted.map((r) => [r.ref, r.ok, r.created])).toEqual([['a', true, true], ['b', true, true]]);
    const [a, b] = inserted.map((r) => r.id as string);
    expect(h.emulator.rows('new_subscription').find((r) => r['new_subscriptionid'] === b)?.['new_amount']).toBe(10.25);

    const missing = '00000000-0000-4000-8000-000000000001';
    const updated = await connector.write({
      object: 'new_subscription',
      operation: 'update',
      records: [
        { ref: 'u1', id: a as string, data: { new_seats: 5 } },
        { ref: 'u2', id: missing, data: { new_seats: 1 } },
        { ref: 'u3', id: b as string, data: { nosuchcolumn: 1 } },
      ],
    });
    expect(updated[0]).toMatchObject({ ok: true, id: a, created: false });
    expect(updated[1]).toMatchObject({ ok: false, error: { code: '0x80040217', retryable: false, notFound: true } });
    expect(updated[2]).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD', fields: ['nosuchcolumn'] } });
    expect(h.emulator.rows('new_subscription').some((r) => r['new_subscriptionid'] === missing)).toBe(false);
    const row = h.emulator.rows('new_subscription').find((r) => r['new_subscriptionid'] === a);
    expect(row?.['new_seats']).toBe(5);

    const deleted = await connector.write({
      object: 'new_subscription',
      operation: 'delete',
      records: [{ ref: 'd1', id: b as string }, { ref: 'd2', id: missing }],
    });
    expect(deleted.map((r) => r.ok)).toEqual([true, false]);
    expect(deleted[1]?.error).toMatchObject({ code: '0x80040217', notFound: true });
    expect(h.emulator.rows('new_subscription').map((r) => r['new_subscriptionid'])).toEqual([a]);
  });
});
