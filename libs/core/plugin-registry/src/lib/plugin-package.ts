import { major, satisfies, validRange } from 'semver';
import { PluginRefusedError } from './errors';
import { dependencyMap, isRecord, type PackageJson } from './package-json';

export const SDK_PACKAGE = '@crm-hub/plugin-sdk';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** What the package.json of a CRM plugin declares, once checked. */
export interface PluginPackage {
  readonly name: string;
  readonly version: string;
  readonly pluginId: string;
  readonly contract: number;
}

/** What the hub supports, compared with what a package declares. */
export interface HostCompatibility {
  readonly contracts: readonly number[];
  readonly sdkVersion: string;
}

/**
 * Checks the `crmHub` block and the SDK range of a package.json, before any of the package's code
 * runs. Throws a `PluginRefusedError` saying what to change.
 */
export function checkPluginPackage(pkg: PackageJson, host: HostCompatibility): PluginPackage {
  const crmHub = pkg.crmHub;
  if (!isRecord(crmHub) || crmHub['role'] !== 'crm-plugin') {
    throw new PluginRefusedError(
      `not a CRM Hub plugin package: its package.json needs "crmHub": { "role": "crm-plugin", "pluginId": "<id>", "contract": ${host.contracts.at(-1)} }` +
        ' (remove the folder from the plugins folder if it is not a plugin)',
    );
  }
  const pluginId = crmHub['pluginId'];
  if (typeof pluginId !== 'string' || !KEBAB_CASE.test(pluginId)) {
    throw new PluginRefusedError(`crmHub.pluginId must be a kebab-case id such as "acme-crm", got ${JSON.stringify(pluginId)}: fix the plugin's package.json`);
  }
  const contract = crmHub['contract'];
  if (typeof contract !== 'number' || !Number.isInteger(contract)) {
    throw new PluginRefusedError(`crmHub.contract must be the plugin contract version the plugin was built for (a number such as 1), got ${JSON.stringify(contract)}: fix the plugin's package.json`);
  }
  if (!host.contracts.includes(contract)) throw new PluginRefusedError(unsupportedContract(contract, host.contracts));
  checkSdkRange(pkg, host.sdkVersion);
  return {
    name: typeof pkg.name === 'string' && pkg.name !== '' ? pkg.name : pluginId,
    version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
    pluginId,
    contract,
  };
}

/** The reason given for a plugin built for a contract this hub does not implement. */
export function unsupportedContract(contract: number, supported: readonly number[]): string {
  const ours = supported.join(' or ');
  return `built for plugin contract ${contract}, this hub supports contract ${ours}: install a version of the plugin built for contract ${ours} or upgrade the hub`;
}

/** The plugin must say which SDK it was built against, and the hub's SDK must be in that range. */
function checkSdkRange(pkg: PackageJson, sdkVersion: string): void {
  const range = dependencyMap(pkg.peerDependencies)[SDK_PACKAGE] ?? dependencyMap(pkg.dependencies)[SDK_PACKAGE];
  if (range === undefined) {
    throw new PluginRefusedError(
      `${SDK_PACKAGE} is not declared: add "${SDK_PACKAGE}": "^${major(sdkVersion)}.0.0" to the plugin's peerDependencies and rebuild it`,
    );
  }
  if (validRange(range) === null) {
    throw new PluginRefusedError(`the ${SDK_PACKAGE} range ${JSON.stringify(range)} is not a valid semver range: fix the plugin's peerDependencies`);
  }
  if (!satisfies(sdkVersion, range)) {
    throw new PluginRefusedError(
      `requires ${SDK_PACKAGE} ${range}, this hub provides ${sdkVersion}: install a version of the plugin built for ${SDK_PACKAGE} ${sdkVersion} or upgrade the hub`,
    );
  }
}
