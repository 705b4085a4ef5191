// The HubSpot emulator: an HTTPS stand-in for a HubSpot portal's CRM v3 API, for tests, the demo and benchmarks.
export { startHubSpotEmulator } from './start-hubspot-emulator';
export type * from './hubspot-emulator.types';
