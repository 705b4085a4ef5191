import type { QueryCursorValues, SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { tap } from 'rxjs';
import { advanceClock, flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { readRecords } from './record-reader';

const OBJECT = 'Subscription__c';
const LAG_MS = 30_000;
const PAGE = 2_000;

const duplicates = (ids: string[]): string[] => ids.filter((id, i) => ids.indexOf(id) !== i);
const discounts = (messages: SyncMessage[], ids: string[]) =>
  messages.filter((m): m is UpsertMessage => m.kind === 'upsert' && ids.includes(m.id)).map((m) => m.data['Discount__c']);

/**
 * Records changed while a read pages its query cursor: Salesforce does not document whether the
 * pages behind `nextRecordsUrl` hold the values the query saw or the current ones, so the read
 * must be exact under both (the emulator's `queryCursorValues`).
 */
describe.each<QueryCursorValues>(['snapshot', 'live'])(`${readRecords.name} with query cursors of '%s' values`, (mode) => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => (emulator = await startEmulator({ queryCursorValues: mode })));
  afterAll(() => emulator.close());
  beforeEach(() => emulator.truncate(OBJECT));

  it('reads every record once while records change during paging; the next read brings the changes', async () => {
    const ids = emulator.seed(OBJECT, 6_000, { modstamp: iso(emulator.clock.nowMs() - 2 * LAG_MS), sameModstampEvery: 1_500 });
    const changed = [ids[100], ids[2_500], ids[5_999]] as string[]; // one already read, two ahead
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { safetyLagMs: LAG_MS }));
    try {
      let pages = 0;
      const messages = await collect(
        connector.read({ object: OBJECT, fields: ['Discount__c'], pageSize: PAGE }).pipe(
          tap((msg: SyncMessage) => {
            if (msg.kind === 'checkpoint' && ++pages === 1) emulator.update(OBJECT, changed, { Discount__c: 7 });
          }),
        ),
        { timeoutMs: 60_000 },
      );
      const upserts = idsOf(messages, 'upsert');
      expect([upserts.length, duplicates(upserts)]).toEqual([6_000, []]);
      expect(new Set(upserts)).toEqual(new Set(ids));
      const ahead = discounts(messages, changed.slice(1));
      expect(ahead.every((d) => d === '7.00')).toBe(mode === 'live');
      expect(ahead.some((d) => d === '7.00')).toBe(mode === 'live');

      await advanceClock(emulator, connector, OBJECT, LAG_MS + 1_000);
      const next = await readAll(connector, { object: OBJECT, fields: ['Discount__c'], checkpoint: lastCheckpoint(messages) });
      expect(idsOf(next, 'upsert').sort()).toEqual([...changed].sort());
      expect(discounts(next, changed)).toEqual(['7.00', '7.00', '7.00']);
    } finally {
      await connector.dispose();
    }
  });

  it('resumes a read broken off after a page whose last record changed while paging, missing nothing', async () => {
    const ids = emulator.seed(OBJECT, 6_000, { modstamp: iso(emulator.clock.nowMs() - 10_000) });
    const last = ids[2 * PAGE - 1] as string; // the last record of the second page
    const { connector } = await openConnector(flowConfig(emulator)); // no safety lag: no upper bound in the query
    try {
      let pages = 0;
      const broken = await collect(
        connector.read({ object: OBJECT, fields: ['Discount__c'], pageSize: PAGE }).pipe(
          tap((msg: SyncMessage) => {
            if (msg.kind !== 'checkpoint' || ++pages !== 1) return;
            emulator.clock.advance(5_000); // a user edits it after the first page, before the second is fetched
            emulator.update(OBJECT, [last], { Discount__c: 7 });
          }),
        ),
        { until: (msg) => msg.kind === 'checkpoint' && pages === 2, timeoutMs: 60_000 },
      );
      expect(idsOf(broken, 'upsert')).toEqual(ids.slice(0, 2 * PAGE));
      const resumed = await readAll(connector, { object: OBJECT, fields: ['Discount__c'], checkpoint: lastCheckpoint(broken) });
      const all = [...idsOf(broken, 'upsert'), ...idsOf(resumed, 'upsert')];
      expect(new Set(all)).toEqual(new Set(ids)); // nothing missed
      expect(duplicates(all).filter((id) => id !== last)).toEqual([]); // only the changed record may come again
      expect(discounts(resumed, [last])).toEqual(['7.00']);
    } finally {
      await connector.dispose();
    }
  });
});
