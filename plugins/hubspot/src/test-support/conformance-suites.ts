import { startHubSpotEmulator, type HubSpotEmulator } from '@crm-hub/crm-emulators';
import type { CrmPlugin } from '@crm-hub/plugin-sdk';
import { afterConformance, describeConformance } from '@crm-hub/plugin-testing';
import { conformanceCrm, harnessConfig } from './hubspot-crm';

/** Search pacing for the suites: the kit makes many short reads (the limits have specs of their own). */
const FAST_SEARCH = { searchRequestsPerSecond: 40 };

/**
 * The plugin's conformance suites against the HubSpot emulator, for `plugin` as given: the
 * sources under jest (conformance.spec.ts), the built package under Deno (tools/deno-conformance).
 * Nothing here imports the plugin's code.
 */
export function describeHubSpotConformance(plugin: CrmPlugin, suffix = ''): void {
  let started: Promise<HubSpotEmulator> | undefined;
  // The emulator's search limit is raised (and the plugin's pacing with it) so the suite is not a
  // lesson in waiting.
  const emulator = () => (started ??= startHubSpotEmulator({ rateLimits: { searchPerSecond: 50, tenSecondly: { max: 1000, windowMs: 10_000 } } }));
  afterConformance(async () => (await started)?.close());

  // A custom object: required name, unique code (the upsert key), multi-checkbox, calculated value.
  describeConformance(`HubSpot on a custom object (subscriptions)${suffix}`, async () => {
    const hs = await emulator();
    return {
      plugin,
      config: harnessConfig(hs, FAST_SEARCH),
      refusedConfig: harnessConfig(hs, { ...FAST_SEARCH, accessToken: 'pat-na1-00000000-0000-0000-0000-000000000000' }),
      crm: conformanceCrm(hs, 'subscriptions'),
      object: 'subscriptions',
      pageSize: 10,
    };
  });

  // Contacts: modification stamp `lastmodifieddate`, upsert by email, OAuth refresh-token auth.
  describeConformance(`HubSpot on contacts (OAuth)${suffix}`, async () => {
    const hs = await emulator();
    const { clientId, clientSecret, refreshToken } = hs.credentials;
    const oauth = { ...FAST_SEARCH, accessToken: undefined, clientId, clientSecret, refreshToken };
    return {
      plugin,
      config: harnessConfig(hs, oauth),
      refusedConfig: harnessConfig(hs, { ...oauth, clientSecret: 'not-the-client-secret' }),
      crm: conformanceCrm(hs, 'contacts'),
      object: 'contacts',
      pageSize: 10,
    };
  });
}
