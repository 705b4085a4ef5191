import type { FilterOperator } from './filters';
import type { JsonSchema } from './json-schema';

/**
 * What a plugin's connector can do. The host plans runs from it (and refuses a plugin whose
 * connector lacks a method a capability needs).
 *
 * @example
 * ```ts
 * const capabilities: CrmPluginCapabilities = {
 *   changeStream: 'poll',
 *   deletes: 'stream',
 *   write: { insert: true, update: true, upsert: true, delete: true, maxBatch: 200 },
 *   bulk: false,
 *   filterOperators: ['eq', 'ne', 'in', 'isNull'],
 * };
 * ```
 */
export interface CrmPluginCapabilities {
  /** How `changes()` gets changes: pushed by the CRM, from a delta link, or by polling. */
  changeStream: 'push' | 'delta' | 'poll';
  /** Deletes come inline in `read()` (`stream`), by date window (`window`), or not at all. */
  deletes: 'stream' | 'window' | 'none';
  write: { insert: boolean; update: boolean; upsert: boolean; delete: boolean; maxBatch: number };
  /** Whether the plugin has a bulk path for large reads and writes. */
  bulk: boolean;
  /** The filter operators `read()` pushes down to the CRM. */
  filterOperators: FilterOperator[];
}

/**
 * Who a plugin is and what it needs: shown by `GET /api/plugins`, used to validate accounts.
 *
 * @example
 * ```ts
 * const manifest: CrmPluginManifest = {
 *   id: 'acme-crm',
 *   displayName: 'Acme CRM',
 *   connectionSpec: {
 *     type: 'object',
 *     required: ['baseUrl', 'apiToken'],
 *     properties: {
 *       baseUrl: { type: 'string', format: 'uri' },
 *       apiToken: { type: 'string', 'x-secret': true },
 *     },
 *   },
 *   capabilities,
 * };
 * ```
 */
export interface CrmPluginManifest {
  /** Kebab-case; equal to `crmHub.pluginId` in the package.json. */
  id: string;
  displayName: string;
  /** The account settings, as JSON Schema (secrets carry `"x-secret": true`; `format: "uri"` must be https). */
  connectionSpec: JsonSchema;
  capabilities: CrmPluginCapabilities;
}
