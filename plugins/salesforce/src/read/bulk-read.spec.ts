import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage } from '@crm-hub/plugin-sdk';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { readBulkPhase } from './bulk-phase';
import { BULK_PAGE_SIZE } from './read-plan';

let emulator: SalesforceEmulator;
// bulkPageSize: the page size Salesforce would pick without maxRecords; the plugin always sends maxRecords.
beforeAll(async () => (emulator = await startEmulator({ bulkJobInProgressPolls: 1, bulkPageSize: 1_000 })));
afterAll(() => emulator.close());

/** The records of a read, by id, without their order (Bulk results come unordered). */
function byId(messages: SyncMessage[]): Record<string, unknown> {
  return Object.fromEntries(messages.flatMap((m) => (m.kind === 'upsert' ? [[m.id, { data: m.data, modifiedAt: m.modifiedAt }]] : [])));
}

describe(readBulkPhase.name, () => {
  it.each([
    ['Subscription__c', ['Name', 'Plan__c', 'Features__c', 'Amount__c', 'Discount__c', 'Seats__c', 'Start_Date__c', 'Renewal_At__c', 'Billing_Time__c', 'Active__c', 'Account__c', 'Notes__c']],
    ['Contact', ['LastName', 'FirstName', 'Email', 'MailingAddress', 'Birthdate', 'HasOptedOutOfEmail']],
  ])('reads %s above bulkReadThreshold with one Bulk API 2.0 job, with the same result as REST', async (object, fields) => {
    emulator.truncate(object);
    emulator.seed(object, 5_000, { modstamp: new Date(emulator.clock.nowMs() - 60_000).toISOString(), sameModstampEvery: 1_000 });
    const rest = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1_000_000 }));
    const { fetch, exchanges } = recordingFetch();
    const bulk = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 4_000 }), { fetch });
    try {
      const viaRest = await readAll(rest.connector, { object, fields });
      emulator.counters.reset();
      const viaBulk = await readAll(bulk.connector, { object, fields });

      expect(idsOf(viaBulk, 'upsert')).toHaveLength(5_000);
      expect(byId(viaBulk)).toEqual(byId(viaRest));
      expect(lastCheckpoint(viaBulk)).toEqual(lastCheckpoint(viaRest));
      // One REST page tells the size (totalSize), then a single job reads the rest.
      const snapshot = emulator.counters.snapshot();
      expect(snapshot['queryAll']).toBe(1); // deletes: 'include' by default, so queryAll (and a queryAll job)
      expect(snapshot['queryMore'] ?? 0).toBe(0);
      expect(snapshot['bulk2.query']).toBe(1 + 2 + 1);
      expect(bulk.test.calls['bulk2.query']).toBe(1 + 2 + 1); // create, 2 status checks (InProgress, JobComplete), 1 result page (3,000 rows left after the REST page)
      // Without a pageSize, pages of at most BULK_PAGE_SIZE rows (not the 1,000 the emulator would pick).
      const pages = exchanges.filter((r) => r.url.pathname.endsWith('/results'));
      expect(pages.map((r) => r.url.searchParams.get('maxRecords'))).toEqual([String(BULK_PAGE_SIZE)]);
    } finally {
      await rest.connector.dispose();
      await bulk.connector.dispose();
    }
  });

  it('pages Bulk results itself (maxRecords, locator): one CSV document per page, no header read as a record', async () => {
    const object = 'Subscription__c';
    emulator.truncate(object);
    const ids = emulator.seed(object, 5_000, { modstamp: iso(emulator.clock.nowMs() - 60_000), sameModstampEvery: 700 });
    const { fetch, exchanges } = recordingFetch();
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 4_000 }), { fetch });
    try {
      // pageSize is a hint for every API: 500 rows per REST page, and per Bulk result page.
      const messages = await readAll(connector, { object, fields: ['Name', 'Amount__c', 'Features__c'], pageSize: 500 });
      const upserts = idsOf(messages, 'upsert');
      expect(upserts).toHaveLength(5_000);
      expect(new Set(upserts)).toEqual(new Set(ids));
      expect(messages.every((m) => m.kind !== 'upsert' || m.data['Name'] !== 'Name')).toBe(true);

      const pages = exchanges.filter((r) => /\/jobs\/query\/[^/]+\/results$/.test(r.url.pathname));
      expect(pages).toHaveLength(9); // 4,500 rows after the REST page, 500 per page
      expect(pages.map((r) => r.url.searchParams.get('maxRecords'))).toEqual(Array(9).fill('500'));
      expect(pages[0]?.url.searchParams.has('locator')).toBe(false);
      expect(pages.slice(1).every((r) => r.url.searchParams.get('locator'))).toBe(true);
      expect(new Set(pages.map((r) => r.url.searchParams.get('locator'))).size).toBe(9);
      expect(test.calls['bulk2.query']).toBe(1 + 2 + 9);
    } finally {
      await connector.dispose();
    }
  });

  it('stays on REST for incremental reads, whatever their size', async () => {
    emulator.truncate('Subscription__c');
    emulator.seed('Subscription__c', 3_000, { modstamp: new Date(emulator.clock.nowMs() - 60_000).toISOString() });
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1 }));
    try {
      const checkpoint = { v: 2, cursorField: 'SystemModstamp', modifiedAt: null, lastId: null };
      const messages = await readAll(connector, { object: 'Subscription__c', fields: [], checkpoint });
      expect(idsOf(messages, 'upsert')).toHaveLength(3_000);
      expect(test.calls['bulk2.query']).toBeUndefined();
    } finally {
      await connector.dispose();
    }
  });
});
