import { FILTER_OPERATORS, type CrmPluginManifest } from '@crm-hub/plugin-sdk';
import { MAX_WRITE_BATCH } from '../write/record-writer';
import { connectionSpec } from './connection-spec';

/**
 * The Salesforce plugin's manifest: polling change stream on `(SystemModstamp, Id)`, deletes
 * inline in reads (`queryAll`, `IsDeleted`) and by window (getDeleted) — an object without
 * `IsDeleted` says how its deletes come instead (`CrmObject.deletes`: `window` or `none`), every write
 * operation with batches of up to 10,000 records (chunked into collections of 200, or one Bulk
 * job), Bulk API 2.0 for large reads and writes, and every filter operator pushed down to SOQL.
 *
 * @example
 * ```ts
 * salesforceManifest.capabilities.write.maxBatch; // 10000
 * ```
 */
export const salesforceManifest: CrmPluginManifest = {
  id: 'salesforce',
  displayName: 'Salesforce',
  connectionSpec,
  capabilities: {
    changeStream: 'poll',
    deletes: 'stream',
    write: { insert: true, update: true, upsert: true, delete: true, maxBatch: MAX_WRITE_BATCH },
    bulk: true,
    filterOperators: [...FILTER_OPERATORS],
  },
};
