import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { describeConformance, type ConformanceCrm } from '@crm-hub/plugin-testing';
import plugin from './index';
import { flowConfig, startEmulator, subscriptionData } from './test-support/emulator-harness';
import { canonicalRecord } from './test-support/emulator-records';

let emulator: SalesforceEmulator | undefined;
afterAll(() => emulator?.close());

describeConformance('Salesforce', async () => {
  emulator = await startEmulator();
  const sf = emulator;
  const crm: ConformanceCrm = {
    reset: async (object) => sf.truncate(object),
    // Seeded as a data load would, all sharing `modifiedAt` when given.
    createRecords: async (object, count, o) => sf.seed(object, count, o?.modifiedAt ? { modstamp: o.modifiedAt } : {}),
    updateRecords: async (object, ids, o) => sf.update(object, ids, { Discount__c: 5 }, o?.modifiedAt ? { modstamp: o.modifiedAt } : {}),
    deleteRecords: async (object, ids) => sf.delete(object, ids),
    requestCount: async () => sf.counters.total(),
    validRecord: (_object, i) => subscriptionData(i),
    invalidRecord: () => ({ Name: 'No start date' }), // Start_Date__c is required
    upsertField: 'External_Id__c',
    // What the org stores, read from the emulator's store (not through the plugin), as canonical values.
    readRecord: async (object, id) => canonicalRecord(sf, object, id),
  };
  return {
    plugin,
    config: flowConfig(sf),
    refusedConfig: flowConfig(sf, 'client-credentials', { clientSecret: 'not-the-secret' }),
    crm,
    object: 'Subscription__c',
    pageSize: 200,
  };
});
