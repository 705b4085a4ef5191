// The Salesforce emulator: an HTTPS stand-in for a Salesforce org (REST, Bulk API 2.0, OAuth) for tests, the demo and benchmarks.
export { startSalesforceEmulator } from './start-salesforce-emulator';
export type * from './salesforce-emulator.types';
export type { FieldDescribe, GlobalSObjectDescribe, PicklistEntry, SObjectDescribe } from './schema/describe-types';
