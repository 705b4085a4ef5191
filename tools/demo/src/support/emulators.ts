import { startDataverseEmulator, startSalesforceEmulator, type DataverseEmulator, type SalesforceEmulator } from '@crm-hub/crm-emulators';

/** How much data the emulators start with (moderate: the demo must take well under a minute or two). */
export interface SeedSizes {
  salesforceSubscriptions: number;
  salesforceAccounts: number;
  dataverseContacts: number;
}

export const DEMO_SEED: SeedSizes = { salesforceSubscriptions: 5_000, salesforceAccounts: 200, dataverseContacts: 3_000 };

/** Both emulators, started and seeded. */
export interface DemoCrms {
  salesforce: SalesforceEmulator;
  dataverse: DataverseEmulator;
  close(): Promise<void>;
}

/** Starts the Salesforce and Dataverse emulators (HTTPS, the demo's CA) and seeds them. */
export async function startDemoCrms(seed: SeedSizes, ports: { salesforce?: number; dataverse?: number } = {}): Promise<DemoCrms> {
  const [salesforce, dataverse] = await Promise.all([
    startSalesforceEmulator({ ...(ports.salesforce ? { port: ports.salesforce } : {}) }),
    startDataverseEmulator({ ...(ports.dataverse ? { port: ports.dataverse } : {}) }),
  ]);
  salesforce.seed('Account', seed.salesforceAccounts);
  salesforce.seed('Subscription__c', seed.salesforceSubscriptions);
  dataverse.seed('contact', seed.dataverseContacts);
  return { salesforce, dataverse, close: async () => void (await Promise.all([salesforce.close(), dataverse.close()])) };
}

/**
 * What to send as `config` in `POST /api/accounts` for the Salesforce emulator: the connected
 * app's client credentials. `pollIntervalMs` 1 s so that a continuous job follows changes quickly.
 */
export function salesforceSettings(salesforce: SalesforceEmulator): Record<string, unknown> {
  const { clientId, clientSecret } = salesforce.credentials;
  return { loginUrl: salesforce.url, authFlow: 'client-credentials', clientId, clientSecret, safetyLagMs: 0, pollIntervalMs: 1_000 };
}

/** The same for the Dataverse emulator: an Entra app registration with a client secret. */
export function dataverseSettings(dataverse: DataverseEmulator): Record<string, unknown> {
  const { tenantId, clientId, clientSecret } = dataverse.credentials;
  return { instanceUrl: dataverse.url, authorityUrl: dataverse.authorityUrl, tenantId, clientId, clientSecret, safetyLagMs: 0, pollIntervalMs: 1_000 };
}
