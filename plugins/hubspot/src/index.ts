import { defineCrmPlugin } from '@crm-hub/plugin-sdk';
import { HubSpotConnector } from './connector/hubspot-connector';
import { hubspotManifest } from './manifest/manifest';

/**
 * The HubSpot plugin of CRM Hub, built on HubSpot's CRM API v3 with the SDK alone (every request
 * through `ctx.http`): private app tokens or OAuth refresh tokens, properties and custom object
 * schemas as the catalog, exact incremental reads through the search endpoint on a
 * `(modified, id)` watermark (past its 10,000-result cap), deletions from archived records, and
 * batch writes of 100 with per-record results.
 *
 * @example
 * ```ts
 * import hubspot from '@crm-hub/plugin-hubspot';
 * const connector = await hubspot.createConnector(ctx);
 * ```
 */
const hubspotPlugin = defineCrmPlugin({
  manifest: hubspotManifest,
  // Cheap by contract: no CRM call until the connector's first method call.
  createConnector: async (ctx) => new HubSpotConnector(ctx),
});

export default hubspotPlugin;
export { hubspotManifest, HUBSPOT_PLUGIN_ID, HUBSPOT_FILTER_OPERATORS } from './manifest/manifest';
export { hubspotConnectionSpec } from './manifest/connection-spec';
export { HubSpotRequestError } from './http/errors';
export { HubSpotConfigError } from './config/hubspot-config';
