import { startDataverseEmulator, type DataverseEmulator } from '@crm-hub/crm-emulators';
import type { CrmPlugin } from '@crm-hub/plugin-sdk';
import { afterConformance, describeConformance, type ConformanceCrm } from '@crm-hub/plugin-testing';
import { conformanceCrm, harnessConfig, storedRecord } from './dataverse-crm';

/**
 * The plugin's conformance suites against the Dataverse emulator, for `plugin` as given: the
 * sources under jest (conformance.spec.ts), the built package under Deno (tools/deno-conformance).
 * Nothing here imports the plugin's code.
 */
export function describeDynamicsConformance(plugin: CrmPlugin, suffix = ''): void {
  let started: Promise<DataverseEmulator> | undefined;
  const emulator = () => (started ??= startDataverseEmulator());
  afterConformance(async () => (await started)?.close());

  /**
   * The emulator as the kit's CRM handle, with `readRecord`: the record as the emulator stores it,
   * read through its control interface (no plugin, no API call) and converted to canonical values,
   * the independent witness the `writes` and `absent-not-null` rules compare with.
   */
  const crm = (dv: DataverseEmulator, object: 'contact' | 'lead'): ConformanceCrm => ({
    ...conformanceCrm(dv, object),
    readRecord: async (name, id) => storedRecord(dv, name, id),
  });

  // contact: change tracking (delta links, deletes inline).
  describeConformance(`Dynamics 365 on contact (change tracking)${suffix}`, async () => {
    const dv = await emulator();
    return {
      plugin,
      config: harnessConfig(dv),
      refusedConfig: harnessConfig(dv, { clientSecret: 'not-the-client-secret' }),
      crm: crm(dv, 'contact'),
      object: 'contact',
      pageSize: 10,
    };
  });

  // lead: no change tracking, so reads resume on the (modifiedon, id) watermark and cannot see
  // deletions: discover() says so for the table (CrmObject.deletes 'none', incremental 'cursor'),
  // and the kit follows the object's mode rather than the manifest's 'stream'.
  describeConformance(`Dynamics 365 on lead (watermark)${suffix}`, async () => {
    const dv = await emulator();
    return {
      plugin,
      config: harnessConfig(dv),
      refusedConfig: harnessConfig(dv, { clientSecret: 'not-the-client-secret' }),
      crm: crm(dv, 'lead'),
      object: 'lead',
      pageSize: 10,
    };
  });
}
