import { FILTER_OPERATORS, type CrmPluginManifest } from '@crm-hub/plugin-sdk';
import { dynamicsConnectionSpec } from './connection-spec';

/** The id of this plugin, equal to `crmHub.pluginId` in its package.json. */
export const DYNAMICS_PLUGIN_ID = 'dynamics';

/**
 * The manifest of the Dynamics 365 (Dataverse) plugin.
 *
 * - `changeStream: 'delta'`: `changes()` polls the change-tracking delta link (or, for tables
 *   without change tracking, the `(modifiedon, id)` watermark).
 * - `deletes: 'stream'`: deletions come inline in incremental reads of change-tracked tables
 *   (`$deletedEntity` rows). Tables without change tracking cannot report deletions: `discover()`
 *   describes them with `deletes: 'none'` (and `incremental: 'cursor'`), overriding the manifest
 *   per object, and a read that asks for their deletes gets a `deletes-not-tracked` status.
 * - writes: insert, update, upsert (by id or a single-column alternate key) and delete, through
 *   `$batch` with up to 1,000 operations.
 * - `bulk: false`: the `CreateMultiple`/`UpsertMultiple` messages are all-or-nothing on standard
 *   tables, which contradicts per-record results; `$batch` is the path.
 * - every filter operator is pushed down to `$filter`.
 *
 * @example
 * ```ts
 * dynamicsManifest.capabilities.write.maxBatch; // 1000
 * ```
 */
export const dynamicsManifest: CrmPluginManifest = {
  id: DYNAMICS_PLUGIN_ID,
  displayName: 'Microsoft Dynamics 365 (Dataverse)',
  connectionSpec: dynamicsConnectionSpec,
  capabilities: {
    changeStream: 'delta',
    deletes: 'stream',
    write: { insert: true, update: true, upsert: true, delete: true, maxBatch: 1000 },
    bulk: false,
    filterOperators: [...FILTER_OPERATORS],
  },
};
