import { describeConformance } from '@crm-hub/plugin-testing';
import plugin from './index';
import { conformanceCrm, startHarness, type DataverseHarness } from './test-support/dataverse-harness';

let harness: DataverseHarness | undefined;
afterAll(() => harness?.close());

async function emulator(): Promise<DataverseHarness> {
  harness ??= await startHarness();
  return harness;
}

// contact: change tracking (delta links, deletes inline).
describeConformance('Dynamics 365 on contact (change tracking)', async () => {
  const h = await emulator();
  return {
    plugin,
    config: h.config(),
    refusedConfig: h.config({ clientSecret: 'not-the-client-secret' }),
    crm: conformanceCrm(h.emulator, 'contact'),
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
    crm: conformanceCrm(h.emulator, 'lead'),
    object: 'lead',
    pageSize: 10,
  };
});
