import { createTestContext } from '@crm-hub/plugin-testing';
import { TokenProvider } from '../auth/token-provider';
import { parseDynamicsConfig } from '../config/dynamics-config';
import { DataverseRequestError, errorDetails } from '../errors';
import { ODataQueryClient } from '../http/odata-query-client';
import { WebApiClient } from '../http/web-api-client';
import { MetadataClient } from '../metadata/metadata-client';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { writeTarget } from './record-planner';
import { writeRecords } from './write-executor';

describe(`${writeRecords.name} refusals`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.emulator.truncate('new_subscription'));

  it("gives each refused record Dataverse's code and message, naming the column, and writes the others", async () => {
    h.emulator.create('new_subscription', [{ new_name: 'Taken', new_code: 'TAKEN' }]);
    const { connector } = await h.open();
    const results = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [
        { ref: 'plan', data: { new_name: 'Plan', new_code: 'E-1', new_plan: '7' } },
        { ref: 'channels', data: { new_name: 'Channels', new_code: 'E-2', new_channels: ['727000000', '5'] } },
        { ref: 'seats', data: { new_name: 'Seats', new_code: 'E-3', new_seats: 200_000 } },
        { ref: 'long', data: { new_name: 'x'.repeat(101), new_code: 'E-4' } },
        { ref: 'dup', data: { new_name: 'Duplicate', new_code: 'TAKEN' } },
        { ref: 'fine', data: { new_name: 'Fine', new_code: 'E-6', new_plan: '100000001' } },
      ],
    });
    expect(results.map((r) => r.ref)).toEqual(['plan', 'channels', 'seats', 'long', 'dup', 'fine']);
    // PicklistValueOutOfRange (400)
    expect(results[0]).toEqual({
      ref: 'plan',
      ok: false,
      error: {
        code: '0x8004431A',
        message: expect.stringMatching(/The value 7 of 'new_plan' .* outside the valid range/),
        fields: ['new_plan'],
        retryable: false,
        // Asked for with Prefer: odata.include-annotations on each operation of the batch.
        helpLink: expect.stringContaining('Microsoft.Crm.CrmException%3a8004431a'),
      },
    });
    expect(results[1]?.error).toMatchObject({ code: '0x8004431A', fields: ['new_channels'], retryable: false });
    // ValidationFailed (400): a number out of range, a string too long
    expect(results[2]?.error).toMatchObject({ code: '0x80044331', message: expect.stringContaining('new_seats'), fields: ['new_seats'], retryable: false });
    expect(results[3]?.error).toMatchObject({ code: '0x80044331', message: expect.stringContaining('maximum allowed length'), fields: ['new_name'], retryable: false });
    // DuplicateRecordEntityKey (412): the alternate key value is in use
    expect(results[4]).toMatchObject({ ok: false, error: { code: '0x80060892', message: expect.stringContaining('new_code'), retryable: false } });
    expect(results[5]).toMatchObject({ ok: true, created: true, id: expect.any(String) });
    expect(h.emulator.rows('new_subscription').map((r) => r['new_code']).sort()).toEqual(['E-6', 'TAKEN']);
  });

  it("keeps a plug-in's SubErrorCode and the HelpLink of Dataverse's refusals, in the result and its message", async () => {
    const { connector } = await h.open();
    h.emulator.rejectWrites('new_subscription', { message: 'Subscriptions are frozen for the audit.', subErrorCode: '12345' });
    try {
      const [result] = await connector.write({ object: 'new_subscription', operation: 'insert', records: [{ ref: 'x', data: { new_name: 'Frozen', new_code: 'F-1' } }] });
      expect(result?.error).toMatchObject({
        code: '0x80040265',
        message: 'Subscriptions are frozen for the audit. (SubErrorCode 12345)',
        subErrorCode: '12345',
        operationStatus: '0',
        helpLink: 'http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80040265&client=platform',
        retryable: false,
      });
    } finally {
      h.emulator.rejectWrites('new_subscription', undefined);
    }
  });

  it('never sends more than 1,000 operations in one $batch; a larger one is refused whole, keeping 0x80040315 and the status', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => ({ ref: `r${i}`, data: { new_name: `N${i}`, new_code: `B-${i}` } }));
    const { connector } = await h.open({ batchSize: 1000 });
    h.emulator.counters.reset();
    const results = await connector.write({ object: 'new_subscription', operation: 'insert', records });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.emulator.counters.get('batch')).toBe(2);

    // What Dataverse answers when a client does send 1,001 (the plugin's settings cap batchSize at 1000,
    // so the write executor is driven directly with a config that does not).
    h.emulator.truncate('new_subscription');
    const test = createTestContext({ config: h.config() });
    const config = { ...parseDynamicsConfig(test.ctx.config), batchSize: 1001 };
    const api = new WebApiClient(config, test.ctx.http, new TokenProvider(config, test.ctx.http, test.ctx.meter), test.ctx.meter, test.ctx.logger);
    const metadata = new MetadataClient(new ODataQueryClient(api));
    const table = await metadata.table('new_subscription');
    const resolver = { navigation: (name: string) => metadata.navigation(name), entitySetName: (name: string) => metadata.entitySetName(name) };
    const target = writeTarget(table, { object: 'new_subscription', operation: 'insert', records }, []);
    const error = await writeRecords(api, target, records, resolver).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseRequestError);
    expect(error).toMatchObject({ code: '0x80040315', status: 400, message: expect.stringContaining('1000') });
    // A thrown error keeps the details too.
    expect(errorDetails(error)).toMatchObject({ helpLink: expect.stringContaining('Microsoft.Crm.CrmException%3a80040315') });
    expect(h.emulator.rows('new_subscription')).toHaveLength(0);
  });
});
