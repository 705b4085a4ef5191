import { defineCrmPlugin } from '@crm-hub/plugin-sdk';
import { salesforceManifest } from './manifest/plugin-manifest';
import { SalesforceConnector } from './salesforce-connector';

/**
 * The Salesforce plugin of CRM Hub (`@crm-hub/plugin-salesforce`, id `salesforce`), built on
 * jsforce 3.10.16 with every request sent through the host's `ctx.http`.
 *
 * @example
 * ```ts
 * import salesforce from '@crm-hub/plugin-salesforce';
 * const connector = await salesforce.createConnector(ctx); // no call to Salesforce yet
 * await connector.check();
 * ```
 */
export default defineCrmPlugin({
  manifest: salesforceManifest,
  createConnector: async (ctx) => new SalesforceConnector(ctx),
});

export { salesforceManifest } from './manifest/plugin-manifest';
export { connectionSpec, AUTH_FLOWS, SETTING_DEFAULTS } from './manifest/connection-spec';
export type { AuthFlow } from './manifest/connection-spec';
