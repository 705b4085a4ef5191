import type { SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { canonicalValue } from './value-reader';

const upsertData = (messages: SyncMessage[], id: string): Record<string, unknown> | undefined => {
  const found = messages.find((m) => m.kind === 'upsert' && m.id === id);
  return found?.kind === 'upsert' ? found.data : undefined;
};

describe(`${canonicalValue.name} round trip`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('writes a multi-select value as "1,9" and reads it back as string[]', async () => {
    h.emulator.truncate('new_subscription');
    const { connector } = await h.open();
    const [result] = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [{ ref: 'm1', data: { new_name: 'Multi', new_code: 'MS-1', new_channels: ['727000000', '727000003'] } }],
    });
    expect(result).toMatchObject({ ok: true, created: true });
    const id = result?.id as string;
    expect(h.emulator.rows('new_subscription').find((r) => r['new_subscriptionid'] === id)?.['new_channels']).toBe('727000000,727000003');
    const read = await h.read(connector, { object: 'new_subscription', fields: ['new_channels'] });
    expect(upsertData(read, id)?.['new_channels']).toEqual(['727000000', '727000003']);

    await connector.write({ object: 'new_subscription', operation: 'update', records: [{ ref: 'm2', id, data: { new_channels: [] } }] });
    const cleared = await h.read(connector, { object: 'new_subscription', fields: ['new_channels'] });
    // An empty selection is stored as null and read as empty: null (the contract's "read as empty").
    expect(upsertData(cleared, id)?.['new_channels']).toBeNull();
  });

  it('keeps every digit of money, dates as dates and date-times in UTC', async () => {
    h.emulator.truncate('new_subscription');
    const { connector } = await h.open();
    const [result] = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [
        {
          ref: 'v1',
          data: { new_name: 'Values', new_code: 'V-1', new_amount: '1234567890123.45', new_startdate: '2026-02-28', new_renewalon: '2027-03-01T09:30:00+01:00', new_plan: '100000001', new_autorenew: true },
        },
      ],
    });
    const read = await h.read(connector, {
      object: 'new_subscription',
      fields: ['new_amount', 'new_startdate', 'new_renewalon', 'new_plan', 'new_autorenew'],
    });
    expect(upsertData(read, result?.id as string)).toMatchObject({
      new_amount: expect.stringMatching(/^1234567890123\.450*$/),
      new_startdate: '2026-02-28',
      new_renewalon: '2027-03-01T08:30:00.000Z',
      new_plan: '100000001',
      new_autorenew: true,
    });
  });
});
