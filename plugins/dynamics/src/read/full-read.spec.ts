import { toAsyncIterable, type SyncMessage, type UpsertMessage } from '@crm-hub/plugin-sdk';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch, sleep, type RecordedExchange } from '@crm-hub/plugin-testing';

const ids = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
const pageCalls = (h: DataverseHarness): number => h.emulator.counters.get('query') + h.emulator.counters.get('nextLink');

describe(`${DynamicsConnector.name} full read`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.emulator.counters.reset());

  it.each([
    ['contact', 12_001],
    ['lead', 10_000],
  ])('reads %s (%i rows) in ⌈N / 5000⌉ page calls, each row once, ending with a checkpoint', async (table, count) => {
    h.emulator.truncate(table);
    const seeded = h.emulator.seed(table, count);
    const { connector } = await h.open();
    h.emulator.counters.reset();
    const messages = await h.read(connector, { object: table, fields: ['lastname'] });
    expect(pageCalls(h)).toBe(Math.ceil(count / 5000));
    const read = ids(messages);
    expect(read).toHaveLength(count);
    expect(new Set(read)).toEqual(new Set(seeded));
    expect(messages.at(-1)?.kind).toBe('checkpoint');
  });

  it('reads every value exactly while later pages reuse the buffers of earlier ones, read after read', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 17_001);
    const emails = new Map(h.emulator.rows('contact').map((row) => [String(row['contactid']), row['emailaddress1']]));
    expect(new Set(emails.values()).size).toBe(17_001);
    const { connector } = await h.open();
    for (let read = 1; read <= 2; read++) {
      // A consumer slow enough that the next page arrives while this one is still being parsed, as in the hub.
      const upserts: UpsertMessage[] = [];
      for await (const message of toAsyncIterable(connector.read({ object: 'contact', fields: ['emailaddress1'] }))) {
        if (message.kind === 'upsert' && upserts.push(message) % 500 === 0) await sleep(5);
      }
      expect(upserts).toHaveLength(17_001);
      expect(upserts.filter((m) => m.data['emailaddress1'] !== emails.get(m.id))).toEqual([]);
    }
  });

  it('asks for 5,000 rows a page by default and follows @odata.nextLink exactly as given', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 11_000);
    const recorder = recordingFetch({ bodies: true });
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    await h.read(connector, { object: 'contact', fields: [] });
    const pages = recorder.exchanges.filter((e) => e.url.pathname.endsWith('/contacts'));
    expect(pages).toHaveLength(3);
    expect(pages[0]?.headers.get('prefer')).toContain('odata.maxpagesize=5000');
    // Dataverse ignores $top when odata.maxpagesize is sent: page sizes ride on the preference alone.
    expect(recorder.exchanges.filter((e) => e.url.searchParams.has('$top'))).toEqual([]);
    for (let i = 1; i < pages.length; i++) {
      const previous = JSON.parse(await (pages[i - 1] as { responseText: Promise<string> }).responseText) as Record<string, unknown>;
      expect(pages[i]?.url.href).toBe(new URL(String(previous['@odata.nextLink'])).href);
    }
  });

  it('honours a smaller pageSize (odata.maxpagesize, never $top) and stops fetching when the consumer unsubscribes', async () => {
    h.emulator.truncate('lead');
    h.emulator.seed('lead', 50);
    const recorder = recordingFetch({ bodies: true });
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    await connector.discover({ objects: ['lead'] });
    h.emulator.counters.reset();
    recorder.exchanges.length = 0;
    const firstOnly = await h.read(connector, { object: 'lead', fields: [], pageSize: 10 }, () => true);
    expect(firstOnly).toHaveLength(1);
    expect(recorder.exchanges).toHaveLength(1);
    expect(recorder.exchanges[0]?.headers.get('prefer')).toContain('odata.maxpagesize=10');
    expect(recorder.exchanges[0]?.url.searchParams.has('$top')).toBe(false);
    const firstPage = JSON.parse(await ((recorder.exchanges[0] as RecordedExchange).responseText as Promise<string>)) as { value: unknown[] };
    expect(firstPage.value).toHaveLength(10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pageCalls(h)).toBe(1);
    h.emulator.counters.reset();
    const all = await h.read(connector, { object: 'lead', fields: [], pageSize: 10 });
    expect(ids(all)).toHaveLength(50);
    expect(pageCalls(h)).toBe(5);
  });
});
