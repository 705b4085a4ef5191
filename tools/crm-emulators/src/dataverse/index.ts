// The Dataverse (Dynamics 365) emulator: an HTTPS stand-in for the Dataverse Web API and its Entra-like token endpoint.
export { startDataverseEmulator } from './start-dataverse-emulator';
export type * from './dataverse-emulator.types';
