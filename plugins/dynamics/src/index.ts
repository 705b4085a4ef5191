import { defineCrmPlugin } from '@crm-hub/plugin-sdk';
import { DynamicsConnector } from './connector/dynamics-connector';
import { dynamicsManifest } from './manifest/manifest';

/**
 * The Microsoft Dynamics 365 (Dataverse) plugin of CRM Hub, built on the Dataverse Web API
 * (OData v4) with `@odata/client`. Server-to-server authentication (client secret or
 * certificate), per-table metadata, change tracking with inline deletes (or a `(modifiedon, id)`
 * watermark), filter push-down, and `$batch` writes with per-record results.
 *
 * @example
 * ```ts
 * import dynamics from '@crm-hub/plugin-dynamics';
 * const connector = await dynamics.createConnector(ctx);
 * ```
 */
const dynamicsPlugin = defineCrmPlugin({
  manifest: dynamicsManifest,
  // Cheap by contract: no CRM call until the connector's first method call.
  createConnector: async (ctx) => new DynamicsConnector(ctx),
});

export default dynamicsPlugin;
export { dynamicsManifest, DYNAMICS_PLUGIN_ID } from './manifest/manifest';
export { dynamicsConnectionSpec } from './manifest/connection-spec';
export { DataverseRequestError, DataverseConfigError } from './errors';
