import type { SyncMessage } from '@crm-hub/plugin-sdk';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch, type RecordedExchange } from '@crm-hub/plugin-testing';

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
