import { CONTRACT_VERSION, isCrmPlugin, requiredConnectorMethods, validateManifest } from '@crm-hub/plugin-sdk';
import { fail } from '../conformance-error';
import { defineRule } from '../rule-session';

/**
 * Rule `manifest` (an addition to the contract's numbered rules, since the hub refuses such a
 * plugin before any other rule matters): the plugin is branded by `defineCrmPlugin`, for this
 * contract version, with a valid manifest, and its connector has every method its capabilities need.
 *
 * @example
 * ```ts
 * await manifestRule.run(options);
 * ```
 */
export const manifestRule = defineRule(
  'manifest',
  'is made by defineCrmPlugin, with a valid manifest and the connector methods its capabilities need',
  async (session) => {
    const { plugin } = session.options;
    if (!isCrmPlugin(plugin)) fail('the plugin is not branded: default-export the value returned by defineCrmPlugin()');
    if (plugin.contract !== CONTRACT_VERSION)
      fail(`the plugin is for contract ${plugin.contract}; this kit checks contract ${CONTRACT_VERSION}`);
    const problems = validateManifest(plugin.manifest);
    if (problems.length) fail(`the manifest is invalid: ${problems.join('; ')}`);
    const { connector } = await session.open();
    const missing = requiredConnectorMethods(plugin.manifest).filter((method) => typeof connector[method] !== 'function');
    if (missing.length) fail(`the connector lacks ${missing.join(', ')}, which its capabilities need`);
  },
);
