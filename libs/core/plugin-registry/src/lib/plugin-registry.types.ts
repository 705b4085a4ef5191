import type { CrmPluginCapabilities, JsonSchema } from '@crm-hub/plugin-sdk';

/** Where a plugin package was found: among the hub's npm dependencies, or dropped into the plugins folder. */
export type PluginSource = 'dependency' | 'plugins-dir';

/** A package the registry did not load, and why (shown by `GET /api/plugins`). */
export interface PluginRefusal {
  /** `name@version` from its package.json, when that could be read. */
  readonly package?: string;
  /** Absolute folder of the package. */
  readonly location: string;
  readonly source: PluginSource;
  /** What is wrong and what to do about it. */
  readonly reason: string;
}

/** A loaded plugin as the registry describes it. */
export interface RegisteredPlugin {
  readonly id: string;
  readonly displayName: string;
  readonly packageName: string;
  readonly version: string;
  /** The plugin contract version it was built for. */
  readonly contract: number;
  readonly source: PluginSource;
  /** Absolute folder of the package. */
  readonly location: string;
  readonly capabilities: CrmPluginCapabilities;
  readonly connectionSpec: JsonSchema;
}
