import { describeConformance, type ConformanceCrm } from '@crm-hub/plugin-testing';
import plugin from './index';
import { conformanceCrm, startHarness, storedRecord, type DataverseHarness } from './test-support/dataverse-harness';

let harness: DataverseHarness | undefined;
afterAll(() => harness?.close());

async function emulator(): Promise<DataverseHarness> {
  harness ??= await startHarness();
  return harness;
}

/**
 * The emulator as the kit's CRM handle, with `readRecord`: the record as the emulator stores it,
 * read through its control interface (no plugin, no API call) and converted to canonical values,
 * the independent witness the `writes` and `absent-not-null` rules compare with.
 */
function crm(h: DataverseHarness, object: 'contact' | 'lead'): ConformanceCrm {
  return { ...conformanceCrm(h.emulator, object), readRecord: async (name, id) => storedRecord(h.emulator, name, id) };
}

// contact: change tracking (delta links, deletes inline).
describeConformance('Dynamics 365 on contact (change tracking)', async () => {
  const h = await emulator();
  return {
    plugin,
    config: h.config(),
    refusedConfig: h.config({ clientSecret: 'not-the-client-secret' }),
    crm: crm(h, 'contact'),
    object: 'contact',
    pageSize: 10,
  };
});

// lead: no change tracking, so reads resume on the (modifiedon, id) watermark and cannot see
// deletions: discover() says so for the table (CrmObject.deletes 'none', incremental 'cursor'),
// and the kit follows the object's mode rather than the manifest's 'stream'.
describeConformance('Dynamics 365 on lead (watermark)', async () => {
  const h = await emulator();
  return {
    plugin,
    config: h.config(),
    refusedConfig: h.config({ clientSecret: 'not-the-client-secret' }),
    crm: crm(h, 'lead'),
    object: 'lead',
    pageSize: 10,
  };
});
