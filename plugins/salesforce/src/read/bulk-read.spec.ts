import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { bulkQuery } from './bulk-query';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator({ bulkJobInProgressPolls: 2, bulkPageSize: 2_000 })));
afterAll(() => emulator.close());

/** The records of a read, by id, without their order (Bulk results come unordered). */
function byId(messages: SyncMessage[]): Record<string, unknown> {
  return Object.fromEntries(messages.flatMap((m) => (m.kind === 'upsert' ? [[m.id, { data: m.data, modifiedAt: m.modifiedAt }]] : [])));
}

describe(bulkQuery.name, () => {
  it.each([
    ['Subscription__c', ['Name', 'Plan__c', 'Features__c', 'Amount__c', 'Discount__c', 'Seats__c', 'Start_Date__c', 'Renewal_At__c', 'Billing_Time__c', 'Active__c', 'Account__c', 'Notes__c']],
    ['Contact', ['LastName', 'FirstName', 'Email', 'MailingAddress', 'Birthdate', 'HasOptedOutOfEmail']],
  ])('reads %s above bulkReadThreshold with one Bulk API 2.0 job, with the same result as REST', async (object, fields) => {
    emulator.truncate(object);
    emulator.seed(object, 5_000, { modstamp: new Date(emulator.clock.nowMs() - 60_000).toISOString(), sameModstampEvery: 1_000 });
    const rest = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1_000_000 }));
    const bulk = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 4_000 }));
    try {
      const viaRest = await readAll(rest.connector, { object, fields });
      emulator.counters.reset();
      const viaBulk = await readAll(bulk.connector, { object, fields });

      expect(idsOf(viaBulk, 'upsert')).toHaveLength(5_000);
      expect(byId(viaBulk)).toEqual(byId(viaRest));
      expect(lastCheckpoint(viaBulk)).toEqual(lastCheckpoint(viaRest));
      // One REST page tells the size (totalSize), then a single job reads the rest.
      const snapshot = emulator.counters.snapshot();
      expect(snapshot['query']).toBe(1);
      expect(snapshot['queryMore'] ?? 0).toBe(0);
      expect(Object.keys(snapshot).filter((k) => k.startsWith('bulk2.query')).length).toBeGreaterThan(0);
      expect(bulk.test.calls['bulk2.query']).toBe(1 + 3 + 2); // create, 3 status checks, 2 result pages (3,000 rows left after the REST page)
    } finally {
      await rest.connector.dispose();
      await bulk.connector.dispose();
    }
  });

  it('stays on REST for incremental reads, whatever their size', async () => {
    emulator.truncate('Subscription__c');
    emulator.seed('Subscription__c', 3_000, { modstamp: new Date(emulator.clock.nowMs() - 60_000).toISOString() });
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1 }));
    try {
      const checkpoint = { v: 1, cursorField: 'SystemModstamp', modstamp: null, lastId: null };
      const messages = await readAll(connector, { object: 'Subscription__c', fields: [], checkpoint });
      expect(idsOf(messages, 'upsert')).toHaveLength(3_000);
      expect(test.calls['bulk2.query']).toBeUndefined();
    } finally {
      await connector.dispose();
    }
  });
});
