import { CrmTransientError, type SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { WebApiClient } from './web-api-client';

const ids = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));

describe(`${WebApiClient.name} transient failures`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  afterEach(() => h.emulator.faults.clear());

  it('retries reads after 503s, dropped connections and bodies cut short, then succeeds', async () => {
    h.emulator.truncate('lead');
    const seeded = h.emulator.seed('lead', 12);
    const { connector, test } = await h.open({ maxRetries: 3 });
    await connector.discover({ objects: ['lead'] });
    h.emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 2, endpoints: ['query'] });
    const first = await h.read(connector, { object: 'lead', fields: [], pageSize: 5 });
    expect(ids(first).sort()).toEqual([...seeded].sort());
    h.emulator.faults.configure({ rate: 0, kinds: ['reset'], next: 1, endpoints: ['nextLink'] });
    const second = await h.read(connector, { object: 'lead', fields: [], pageSize: 5 });
    expect(ids(second).sort()).toEqual([...seeded].sort());
    // A page cut off halfway through its body, then answered whole.
    h.emulator.faults.configure({ rate: 0, kinds: ['truncate'], next: 1, endpoints: ['nextLink'] });
    const third = await h.read(connector, { object: 'lead', fields: [], pageSize: 5 });
    expect(ids(third).sort()).toEqual([...seeded].sort());
    expect(test.logs.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(4);
  });

  it('gives up with CrmTransientError keeping the status after maxRetries', async () => {
    const { connector } = await h.open({ maxRetries: 1 });
    await connector.discover({ objects: ['lead'] });
    h.emulator.faults.configure({ rate: 1, kinds: ['unavailable'], endpoints: ['query'] });
    const error = await h.read(connector, { object: 'lead', fields: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmTransientError);
    expect(error).toMatchObject({ status: 503, code: '0x80040216' });
  });

  it('does not repeat a $batch of inserts after a 503, since its inserts may have run', async () => {
    h.emulator.truncate('lead');
    const { connector } = await h.open({ maxRetries: 3 });
    await connector.discover({ objects: ['lead'] });
    h.emulator.counters.reset();
    h.emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1, endpoints: ['batch'] });
    const error = await connector
      .write({ object: 'lead', operation: 'insert', records: [{ ref: 'a', data: { lastname: 'A', subject: 'S' } }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmTransientError);
    expect(h.emulator.counters.get('batch')).toBe(1);
  });
});
