import { startSalesforceEmulator, type SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { CrmPlugin } from '@crm-hub/plugin-sdk';
import { afterConformance, describeConformance, type ConformanceCrm } from '@crm-hub/plugin-testing';
import { canonicalRecord } from './emulator-records';
import { flowConfig, subscriptionData } from './emulator-settings';

/**
 * The plugin's conformance suites against the Salesforce emulator, for `plugin` as given: the
 * sources under jest (conformance.spec.ts), the built package under Deno (tools/deno-conformance).
 * Nothing here imports the plugin's code.
 */
export function describeSalesforceConformance(plugin: CrmPlugin, suffix = ''): void {
  let emulator: SalesforceEmulator | undefined;
  afterConformance(() => emulator?.close());

  describeConformance(`Salesforce${suffix}`, async () => {
    emulator = await startSalesforceEmulator();
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
}
