import { batchIterator, type SyncMessage } from '@crm-hub/plugin-sdk';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { PART_ROWS } from './read-plan';

const pageCalls = (h: DataverseHarness): number => h.emulator.counters.get('query') + h.emulator.counters.get('nextLink');
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe(`${DynamicsConnector.name} reads a page in parts`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  /** A paced read of `rows` freshly seeded rows of `table`, with the emulator's counters reset. */
  async function readOf(table: string, rows: number, fields: string[]) {
    h.emulator.truncate(table);
    const seeded = h.emulator.seed(table, rows);
    const { connector } = await h.open();
    await connector.discover({ objects: [table] });
    h.emulator.counters.reset();
    return { seeded, batches: batchIterator(connector.read({ object: table, fields })) };
  }

  it.each(['contact', 'lead'])(
    'hands %s on in parts of at most 500 rows, each row once, a checkpoint after each page, never more than one page fetched ahead',
    async (table) => {
      const { seeded, batches } = await readOf(table, 12_001, ['lastname']);
      const ids: string[] = [];
      const upsertsBeforeCheckpoint: number[] = [];
      for (let step = await batches.next(10_000); !step.done; step = await batches.next(10_000)) {
        const upserts = step.value.filter((m: SyncMessage) => m.kind === 'upsert');
        expect(upserts.length).toBeLessThanOrEqual(PART_ROWS);
        for (const m of step.value) {
          if (m.kind === 'upsert') ids.push(m.id);
          if (m.kind === 'checkpoint') upsertsBeforeCheckpoint.push(ids.length);
        }
        await settle();
        // The page the consumer is in, and at most the one after it.
        const pagesStarted = Math.ceil(ids.length / 5000);
        expect(pageCalls(h)).toBeLessThanOrEqual(pagesStarted + 1);
      }
      expect(ids).toHaveLength(12_001);
      expect(new Set(ids)).toEqual(new Set(seeded));
      expect(upsertsBeforeCheckpoint).toEqual([5000, 10_000, 12_001]);
      expect(pageCalls(h)).toBe(3);
    },
  );

  it('asks for the next page while the consumer takes the rest of the current one', async () => {
    const { batches } = await readOf('lead', 6_000, []);
    const first = await batches.next(PART_ROWS);
    expect(first.value).toHaveLength(PART_ROWS);
    await batches.next(PART_ROWS);
    await settle();
    // Nine parts of the first page are still to be taken; the second page is already asked for.
    expect(pageCalls(h)).toBe(2);
    await batches.return();
  });

  it('asks for nothing more once the consumer stops', async () => {
    const { batches } = await readOf('lead', 12_000, []);
    await batches.next(PART_ROWS);
    await batches.return();
    await settle();
    expect(pageCalls(h)).toBeLessThanOrEqual(2);
    const before = pageCalls(h);
    await settle();
    expect(pageCalls(h)).toBe(before);
  });
});
