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

/**
 * How a loaded plugin's worker is doing. A plugin whose worker crashed too often is no longer
 * loaded: it is listed among the refused packages, with the crashes as the reason.
 */
export interface PluginHealth {
  /**
   * `restarting`: its worker crashed and a new one starts after a backoff; connectors wait for it.
   * `idle`: its worker was stopped after a while with no connector open; the next connector starts it.
   */
  readonly state: 'running' | 'restarting' | 'idle';
  /** Restarts since the hub started. */
  readonly restarts: number;
  /** The last crash: when, and what happened (never the plugin's own message, which can hold secrets). */
  readonly lastCrash?: { readonly at: string; readonly reason: string };
}

/** A loaded plugin with its current health, as `PluginRegistry.list()` answers it. */
export interface RegisteredPluginStatus extends RegisteredPlugin {
  readonly health: PluginHealth;
}
