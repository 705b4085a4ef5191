// The Dataverse emulator (being built): exports startDataverseEmulator and its types.
export type * from './dataverse-emulator.types';
