import type { DataverseEmulator, SalesforceEmulator } from '@crm-hub/crm-emulators';
import { columnOf, type SchemaView } from '../support/api-shapes';
import { dataverseSettings, salesforceSettings } from '../support/emulators';
import { n } from '../support/step-printer';

/** Rows the platform writes into a hub table with plain SQL, and how many of them the CRM will refuse. */
export interface PlainSqlRows {
  table: string;
  columns: string[];
  rows: unknown[][];
  refused: number;
  why: string;
}

/** The job names of one CRM, by role (the README's commands use these names). */
export interface TrackJobs {
  importJob: string;
  exportJob: string;
  deleteJob: string;
  deletedImportJob?: string;
}

/** What the demo does with one CRM: the same steps, each CRM's own objects and data. */
export interface CrmTrack {
  crm: 'Salesforce' | 'Dataverse';
  accountName: string;
  pluginId: string;
  settings: Record<string, unknown>;
  /** The object the discovery step describes. */
  describedObject: string;
  schemas: { name: string; fields?: string[] }[];
  /** Objects of the jobs: imported, exported (and deleted in the CRM). */
  importObject: string;
  exportObject: string;
  jobs: TrackJobs;
  /** Fields picked by enum sync, the enumeration each goes to, and whether it replaces it. */
  enumFields: { field: string; enumeration: string; replace: boolean }[];
  exportOptions: Record<string, unknown>;
  exportMapping?: { field: string }[];
  /** Changes, deletes (and creates) records in the CRM as its users would; says what it did. */
  changeInCrm(): string;
  /** More deletions, read by the deleted-import job (Salesforce's delete log). */
  deleteMoreInCrm?(): string;
  plainSqlRows(schema: SchemaView): PlainSqlRows;
}

const now = () => new Date().toISOString();

export function salesforceTrack(sf: SalesforceEmulator): CrmTrack {
  const subscriptionIds = () => sf.records('Subscription__c').map((r) => String(r['Id']));
  return {
    crm: 'Salesforce',
    accountName: 'Salesforce demo',
    pluginId: 'salesforce',
    settings: salesforceSettings(sf),
    describedObject: 'Subscription__c',
    schemas: [{ name: 'Subscription__c' }, { name: 'Account', fields: ['Name', 'Industry'] }],
    importObject: 'Subscription__c',
    exportObject: 'Subscription__c',
    jobs: { importJob: 'Salesforce subscriptions in', exportJob: 'Salesforce subscriptions out', deleteJob: 'Salesforce subscriptions deleted in the CRM', deletedImportJob: 'Salesforce deletions in' },
    enumFields: [
      { field: 'Plan__c', enumeration: 'plan', replace: false },
      { field: 'Features__c', enumeration: 'features', replace: false },
    ],
    exportOptions: { writeMode: 'upsert', matchField: 'External_Id__c' },
    exportMapping: [{ field: 'External_Id__c' }, { field: 'Name' }, { field: 'Plan__c' }, { field: 'Amount__c' }, { field: 'Start_Date__c' }],
    changeInCrm() {
      // A minute later (the emulator's clock), users edit 300 subscriptions and delete 100.
      sf.clock.advance(60_000);
      const ids = subscriptionIds();
      sf.update('Subscription__c', ids.slice(0, 300), { Plan__c: 'Enterprise' });
      sf.delete('Subscription__c', ids.slice(1_000, 1_100));
      return 'updated 300 subscriptions (Plan__c → Enterprise), deleted 100';
    },
    deleteMoreInCrm() {
      sf.clock.advance(60_000);
      sf.delete('Subscription__c', subscriptionIds().slice(2_000, 2_040));
      // Salesforce's delete log covers whole minutes: let the minute of these deletions close.
      sf.clock.advance(120_000);
      return 'deleted 40 more subscriptions (to the recycle bin)';
    },
    plainSqlRows(schema) {
      const columns = ['hub_updated_at', ...['External_Id__c', 'Name', 'Plan__c', 'Amount__c', 'Start_Date__c'].map((f) => columnOf(schema, f))];
      // Every 25th row has a plan the restricted picklist does not have: Salesforce refuses it.
      const rows = Array.from({ length: 500 }, (_, i) => [now(), `DEMO-${String(i).padStart(5, '0')}`, `Demo subscription ${i}`, i % 25 === 7 ? 'Platinum' : ['Basic', 'Standard', 'Premium'][i % 3], '19.90', '2026-03-01']);
      return { table: schema.table, columns, rows, refused: 20, why: "20 of them with Plan__c 'Platinum', which the restricted picklist refuses" };
    },
  };
}

export function dataverseTrack(dv: DataverseEmulator): CrmTrack {
  return {
    crm: 'Dataverse',
    accountName: 'Dataverse demo',
    pluginId: 'dynamics',
    settings: dataverseSettings(dv),
    describedObject: 'contact',
    schemas: [
      { name: 'contact', fields: ['firstname', 'lastname', 'emailaddress1', 'jobtitle'] },
      { name: 'new_subscription', fields: ['new_name', 'new_code', 'new_channels'] },
    ],
    importObject: 'contact',
    exportObject: 'new_subscription',
    jobs: { importJob: 'Dataverse contacts in', exportJob: 'Dataverse subscriptions out', deleteJob: 'Dataverse subscriptions deleted in the CRM' },
    enumFields: [{ field: 'new_channels', enumeration: 'channels', replace: true }],
    exportOptions: { writeMode: 'upsert', matchField: 'new_code' },
    changeInCrm() {
      const ids = dv.rows('contact').map((r) => String(r['contactid']));
      dv.update('contact', ids.slice(0, 200), { jobtitle: 'Buyer' });
      dv.delete('contact', ids.slice(1_000, 1_050));
      dv.create('contact', Array.from({ length: 10 }, (_, i) => ({ firstname: 'New', lastname: `Contact ${i}` })));
      return `updated 200 contacts (jobtitle → Buyer), deleted 50, created 10 (of ${n(ids.length)})`;
    },
    plainSqlRows(schema) {
      const columns = ['hub_updated_at', ...['new_code', 'new_name', 'new_channels'].map((f) => columnOf(schema, f))];
      // Every 20th row names a channel option (5) the option set does not have: Dataverse refuses it.
      const rows = Array.from({ length: 300 }, (_, i) => [now(), `DEMO-${String(i).padStart(4, '0')}`, `Demo subscription ${i}`, JSON.stringify(i % 20 === 3 ? ['727000000', '5'] : ['727000000'])]);
      return { table: schema.table, columns, rows, refused: 15, why: '15 of them with channel option 5, which the option set does not have' };
    },
  };
}
