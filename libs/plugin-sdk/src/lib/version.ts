/**
 * The plugin contract version this SDK implements. A hub loads a plugin only when it supports the
 * plugin's contract version (`crmHub.contract` in its package.json, stamped by {@link defineCrmPlugin}).
 *
 * @example
 * ```ts
 * import { CONTRACT_VERSION } from '@crm-hub/plugin-sdk';
 * // package.json: "crmHub": { "role": "crm-plugin", "pluginId": "acme", "contract": 1 }
 * console.log(CONTRACT_VERSION); // 1
 * ```
 */
export const CONTRACT_VERSION = 1 as const;

/**
 * The version of this SDK package (kept equal to its package.json by a test). The hub checks a
 * plugin's `peerDependencies["@crm-hub/plugin-sdk"]` range against it.
 *
 * @example
 * ```ts
 * import { SDK_VERSION } from '@crm-hub/plugin-sdk';
 * logger.info('built against the CRM Hub SDK', { sdk: SDK_VERSION });
 * ```
 */
export const SDK_VERSION = '1.1.0';
