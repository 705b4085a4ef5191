import type { DataverseEmulator, SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { HubApi } from '../support/hub-api';
import { DATAVERSE_ENTITY_SET, DATAVERSE_FIELDS, DATAVERSE_TABLE, SALESFORCE_FIELDS, SALESFORCE_OBJECT } from './objects';

export type Crm = 'salesforce' | 'dataverse';

/**
 * A hub account on an emulator. `safetyLagMs: 0`: the emulator commits at once, so changes made
 * just before an incremental run are read by it (a real org keeps the default lag).
 */
export async function hubAccount(api: HubApi, crm: Crm, emulators: { sf: SalesforceEmulator; dv: DataverseEmulator }, extra: Record<string, unknown> = {}, name?: string): Promise<string> {
  if (crm === 'salesforce') {
    const { clientId, clientSecret } = emulators.sf.credentials;
    return api.account('salesforce', { loginUrl: emulators.sf.url, authFlow: 'client-credentials', clientId, clientSecret, safetyLagMs: 0, ...extra }, name);
  }
  const dv = emulators.dv;
  const c = dv.credentials;
  return api.account('dynamics', { instanceUrl: dv.url, authorityUrl: dv.authorityUrl, tenantId: c.tenantId, clientId: c.clientId, clientSecret: c.clientSecret, ...extra }, name);
}

/** The hub schema of the benchmark object (12 fields) and an import job on it. */
export async function hubImportJob(api: HubApi, crm: Crm, accountId: string, options: Record<string, unknown> = {}): Promise<{ jobId: string; table: string }> {
  const object = crm === 'salesforce' ? SALESFORCE_OBJECT : DATAVERSE_TABLE;
  const fields = crm === 'salesforce' ? SALESFORCE_FIELDS.map((f) => f.name) : DATAVERSE_FIELDS.map((f) => f.logicalName);
  const schema = await api.schema(accountId, object, fields);
  const jobId = await api.job({ name: `bench ${object}`, accountId, schemaId: schema.id, operation: 'import', ...options });
  return { jobId, table: schema.table };
}

/** What a baseline loader needs to reach the emulator and what it loads. */
export function baselineInput(crm: Crm, emulators: { sf: SalesforceEmulator; dv: DataverseEmulator }, mode: 'full' | 'incremental'): Record<string, unknown> {
  if (crm === 'salesforce') {
    const { clientId, clientSecret } = emulators.sf.credentials;
    return { loginUrl: emulators.sf.url, clientId, clientSecret, object: SALESFORCE_OBJECT, fields: SALESFORCE_FIELDS, mode };
  }
  const dv = emulators.dv;
  return {
    apiUrl: dv.apiUrl,
    tokenEndpoint: dv.tokenEndpoint,
    scope: `${dv.url}/.default`,
    clientId: dv.credentials.clientId,
    clientSecret: dv.credentials.clientSecret,
    entitySet: DATAVERSE_ENTITY_SET,
    idColumn: 'new_subscriptionid',
    fields: DATAVERSE_FIELDS.map(({ name, sqlite, postgres }) => ({ name, sqlite, postgres })),
    mode,
  };
}

/** Seeds `count` records of the benchmark object; returns their ids. */
export function seedCrm(crm: Crm, emulators: { sf: SalesforceEmulator; dv: DataverseEmulator }, count: number): string[] {
  if (crm === 'salesforce') {
    emulators.sf.truncate(SALESFORCE_OBJECT);
    return emulators.sf.seed(SALESFORCE_OBJECT, count, { modstamp: '2026-01-01T00:00:00.000Z', sameModstampEvery: 1_000 });
  }
  emulators.dv.truncate(DATAVERSE_TABLE);
  return emulators.dv.seed(DATAVERSE_TABLE, count);
}

/** A user edits `ids` (stamped with the emulator's clock, a minute on). */
export function changeRecords(crm: Crm, emulators: { sf: SalesforceEmulator; dv: DataverseEmulator }, ids: string[]): void {
  if (crm === 'salesforce') {
    emulators.sf.clock.advance(60_000);
    emulators.sf.update(SALESFORCE_OBJECT, ids, { Plan__c: 'Enterprise', Amount__c: 1234.5 });
    return;
  }
  emulators.dv.clock.advance(60_000);
  emulators.dv.update(DATAVERSE_TABLE, ids, { new_seats: 77, new_amount: 1234.5 });
}
