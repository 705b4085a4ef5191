import { type CrmPluginManifest, validateManifest } from '@crm-hub/plugin-sdk';
import { type ConnectionSpecValidator, createConnectionSpecValidator } from './connection-spec';
import { messageOf } from './error-message';
import { PluginRefusedError } from './errors';
import type { LoadedPluginInfo } from './isolation/worker-protocol';
import { type HostCompatibility, type PluginPackage, unsupportedContract } from './plugin-package';

/**
 * Checks what a plugin declared in code (as its worker reported it, a plain copy) against its
 * package.json and the hub: contract, manifest, id, connection spec. Runs in the hub's thread on
 * data only; no plugin code runs here. Throws a `PluginRefusedError` saying what to fix.
 */
export function checkLoadedPlugin(
  loaded: LoadedPluginInfo,
  declared: PluginPackage,
  host: HostCompatibility,
): { manifest: CrmPluginManifest; validator: ConnectionSpecValidator } {
  if (!host.contracts.includes(loaded.contract)) throw new PluginRefusedError(unsupportedContract(loaded.contract, host.contracts));
  if (loaded.contract !== declared.contract) {
    throw new PluginRefusedError(
      `its code was built for plugin contract ${loaded.contract} but its package.json declares crmHub.contract ${declared.contract}: rebuild the plugin or fix its package.json`,
    );
  }
  const problems = validateManifest(loaded.manifest);
  if (!loaded.hasCreateConnector) problems.push('createConnector must be a function');
  if (problems.length) throw new PluginRefusedError(`its manifest is invalid: ${problems.join('; ')}: fix the plugin's defineCrmPlugin({ manifest })`);
  const { manifest } = loaded;
  if (manifest.id !== declared.pluginId) {
    throw new PluginRefusedError(
      `its manifest id "${manifest.id}" differs from crmHub.pluginId "${declared.pluginId}" in its package.json: make them equal and rebuild the plugin`,
    );
  }
  try {
    return { manifest, validator: createConnectionSpecValidator(manifest.connectionSpec) };
  } catch (error) {
    throw new PluginRefusedError(`its connectionSpec is not usable: ${messageOf(error)}: fix the plugin's manifest`);
  }
}
