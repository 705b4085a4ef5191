// The Salesforce emulator (being built): exports startSalesforceEmulator and its types.
export type * from './salesforce-emulator.types';
