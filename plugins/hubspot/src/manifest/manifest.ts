import type { CrmPluginManifest, FilterOperator } from '@crm-hub/plugin-sdk';
import { hubspotConnectionSpec } from './connection-spec';

/** The id of this plugin, equal to `crmHub.pluginId` in its package.json. */
export const HUBSPOT_PLUGIN_ID = 'hubspot';

/**
 * What `read()` pushes down to HubSpot's search: comparisons, `in` and `isNull`. Not `contains`
 * nor `startsWith`: HubSpot's `CONTAINS_TOKEN` matches whole words (with `*` wildcards), not
 * substrings, so translating them would answer a different question.
 */
export const HUBSPOT_FILTER_OPERATORS: FilterOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'isNull'];

/**
 * The manifest of the HubSpot plugin.
 *
 * - `changeStream: 'poll'`: `changes()` polls the search endpoint on the `(modified, id)` watermark.
 * - `deletes: 'stream'`: incremental reads list archived records (`archived=true`) and emit those
 *   archived since the checkpoint (HubSpot keeps them 90 days).
 * - writes through the batch endpoints, 100 inputs per call (`maxBatch`).
 * - `bulk: false`: HubSpot's imports and exports APIs are asynchronous file jobs without per-record
 *   results; the batch endpoints are the path.
 *
 * @example
 * ```ts
 * hubspotManifest.capabilities.write.maxBatch; // 100
 * ```
 */
export const hubspotManifest: CrmPluginManifest = {
  id: HUBSPOT_PLUGIN_ID,
  displayName: 'HubSpot',
  connectionSpec: hubspotConnectionSpec,
  capabilities: {
    changeStream: 'poll',
    deletes: 'stream',
    write: { insert: true, update: true, upsert: true, delete: true, maxBatch: 100 },
    bulk: false,
    filterOperators: HUBSPOT_FILTER_OPERATORS,
  },
};
