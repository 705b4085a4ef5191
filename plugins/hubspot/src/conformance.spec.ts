import { describeConformance } from '@crm-hub/plugin-testing';
import plugin from './index';
import { conformanceCrm, startHarness, type HubSpotHarness } from './test-support/hubspot-harness';

let harness: HubSpotHarness | undefined;
afterAll(() => harness?.close());

// The kit makes many short reads: the emulator's search limit is raised (and the plugin's pacing
// with it) so the suite is not a lesson in waiting; the limits themselves have specs of their own.
async function emulator(): Promise<HubSpotHarness> {
  harness ??= await startHarness({ rateLimits: { searchPerSecond: 50, tenSecondly: { max: 1000, windowMs: 10_000 } } }, { searchRequestsPerSecond: 40 });
  return harness;
}

// A custom object: required name, unique code (the upsert key), multi-checkbox, calculated value.
describeConformance('HubSpot on a custom object (subscriptions)', async () => {
  const h = await emulator();
  return {
    plugin,
    config: h.config(),
    refusedConfig: h.config({ accessToken: 'pat-na1-00000000-0000-0000-0000-000000000000' }),
    crm: conformanceCrm(h.hs, 'subscriptions'),
    object: 'subscriptions',
    pageSize: 10,
  };
});

// Contacts: modification stamp `lastmodifieddate`, upsert by email, OAuth refresh-token auth.
describeConformance('HubSpot on contacts (OAuth)', async () => {
  const h = await emulator();
  const { clientId, clientSecret, refreshToken } = h.hs.credentials;
  return {
    plugin,
    config: h.config({ accessToken: undefined, clientId, clientSecret, refreshToken }),
    refusedConfig: h.config({ accessToken: undefined, clientId, clientSecret: 'not-the-client-secret', refreshToken }),
    crm: conformanceCrm(h.hs, 'contacts'),
    object: 'contacts',
    pageSize: 10,
  };
});
