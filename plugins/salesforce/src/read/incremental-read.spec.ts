import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { Checkpoint, SyncMessage } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { tap } from 'rxjs';
import { advanceClock, flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { readRecords } from './record-reader';

const OBJECT = 'Subscription__c';
const LAG_MS = 30_000;

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

describe(readRecords.name, () => {
  it('reads 5,000 records sharing one SystemModstamp over three pages, changed while being read, missing and repeating none', async () => {
    emulator.truncate(OBJECT);
    emulator.seed(OBJECT, 10, { modstamp: iso(emulator.clock.nowMs() - 2 * LAG_MS) });
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { safetyLagMs: LAG_MS }));
    try {
      const start = lastCheckpoint(await readAll(connector, { object: OBJECT, fields: [] }));
      // The read stopped a safety lag behind the emulator's clock (its Date header).
      expect(Date.parse(String(start['modifiedAt']))).toBeLessThanOrEqual(emulator.clock.nowMs() - LAG_MS);

      // 5,000 records stamped just after that checkpoint: out of reach until the lag has passed them.
      const shared = Date.parse(String(start['modifiedAt'])) + 5_000;
      const ids = emulator.seed(OBJECT, 5_000, { modstamp: iso(shared) });
      expect(idsOf(await readAll(connector, { object: OBJECT, fields: [], checkpoint: start }), 'upsert')).toEqual([]);
      await advanceClock(emulator, connector, OBJECT, LAG_MS + 6_000);
      const changed = [ids[100], ids[2_500], ids[4_900]] as string[];
      emulator.counters.reset();

      let pages = 0;
      const messages = await collect(
        connector.read({ object: OBJECT, fields: ['Discount__c'], checkpoint: start }).pipe(
          tap((msg: SyncMessage) => {
            // After the first page: a user edits one record already read and two still ahead.
            if (msg.kind === 'checkpoint' && ++pages === 1) emulator.update(OBJECT, changed, { Discount__c: 7 });
          }),
        ),
        { timeoutMs: 60_000 },
      );
      const upserts = idsOf(messages, 'upsert');
      expect(upserts).toHaveLength(5_000);
      expect(duplicates(upserts)).toEqual([]);
      expect(new Set(upserts)).toEqual(new Set(ids));
      expect(emulator.counters.get('queryAll') + emulator.counters.get('queryMore')).toBe(3);
      expect(messages.filter((m) => m.kind === 'checkpoint').length).toBeGreaterThanOrEqual(3); // one per page

      // The edits were stamped after this read's upper bound: the next read brings exactly them,
      // once the lag has passed them too.
      const next = lastCheckpoint(messages);
      expect(idsOf(await readAll(connector, { object: OBJECT, fields: [], checkpoint: next }), 'upsert')).toEqual([]);
      await advanceClock(emulator, connector, OBJECT, LAG_MS + 1_000);
      const after = await readAll(connector, { object: OBJECT, fields: ['Discount__c'], checkpoint: next });
      expect(idsOf(after, 'upsert').sort()).toEqual([...changed].sort());
      expect(after.filter((m) => m.kind === 'upsert').map((m) => m.kind === 'upsert' && m.data['Discount__c'])).toEqual(['7.00', '7.00', '7.00']);
    } finally {
      await connector.dispose();
    }
  });

  it('resumes from a checkpoint in the middle of one shared stamp without repeating or missing', async () => {
    emulator.truncate(OBJECT);
    const shared = iso(emulator.clock.nowMs() - 10_000);
    const ids = emulator.seed(OBJECT, 5_000, { modstamp: shared });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const firstPage = await collect(connector.read({ object: OBJECT, fields: [], pageSize: 2_000, checkpoint: emptyCheckpoint() }), {
        until: (msg) => msg.kind === 'checkpoint',
        timeoutMs: 30_000,
      });
      const rest = await readAll(connector, { object: OBJECT, fields: [], checkpoint: lastCheckpoint(firstPage) });
      const all = [...idsOf(firstPage, 'upsert'), ...idsOf(rest, 'upsert')];
      expect(idsOf(firstPage, 'upsert')).toHaveLength(2_000);
      expect(duplicates(all)).toEqual([]);
      expect(new Set(all)).toEqual(new Set(ids));
    } finally {
      await connector.dispose();
    }
  });

  it('streams soft deletes inline (queryAll, IsDeleted) in incremental reads', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 20, { modstamp: iso(emulator.clock.nowMs() - 10_000) });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const full = await readAll(connector, { object: OBJECT, fields: [] });
      expect(idsOf(full, 'upsert')).toHaveLength(20);
      emulator.clock.advance(1_000); // the changes below are stamped past the full read's last records
      emulator.delete(OBJECT, [ids[3] as string, ids[7] as string]);
      emulator.update(OBJECT, [ids[5] as string], { Discount__c: 1 });
      const delta = await readAll(connector, { object: OBJECT, fields: [], checkpoint: lastCheckpoint(full) });
      expect(idsOf(delta, 'delete').sort()).toEqual([ids[3], ids[7]].sort());
      expect(idsOf(delta, 'upsert')).toEqual([ids[5]]);
      const excluded = await readAll(connector, { object: OBJECT, fields: [], checkpoint: lastCheckpoint(full), deletes: 'exclude' });
      expect(idsOf(excluded, 'delete')).toEqual([]);
      const only = await readAll(connector, { object: OBJECT, fields: [], checkpoint: lastCheckpoint(full), deletes: 'only' });
      expect(idsOf(only, 'upsert')).toEqual([]);
      expect(idsOf(only, 'delete').sort()).toEqual([ids[3], ids[7]].sort());
    } finally {
      await connector.dispose();
    }
  });
});

/** A checkpoint from before any record (what a first incremental read starts from). */
function emptyCheckpoint(): Checkpoint {
  return { v: 2, cursorField: 'SystemModstamp', modifiedAt: null, lastId: null };
}
