import type { InjectionToken, ModuleMetadata } from '@nestjs/common';
import { isAbsolute, resolve } from 'node:path';

/** Where the registry looks for plugins. */
export interface PluginRegistryOptions {
  /** The hub's folder: its package.json lists the dependencies, its node_modules holds them. Default: the working directory. */
  hostRoot?: string;
  /** Drop-in plugin packages, one per subfolder (`@scope/name` too). Relative to `hostRoot`. Default: `plugins.d`. */
  pluginsDir?: string;
  /** How long one plugin may take to load (its top-level code, in its worker) before it is refused. Default: 10 s. */
  loadTimeoutMs?: number;
  /** Limits of each plugin's worker thread and its restart policy (see {@link PluginIsolationLimits}). */
  isolation?: Partial<PluginIsolationLimits>;
}

/**
 * What a plugin may cost the hub: each plugin package runs in a worker thread of its own, within
 * these limits, and is restarted (then refused) when it breaks them.
 */
export interface PluginIsolationLimits {
  /** V8 heap of the worker (old generation), in MB. A plugin that needs more is ended and restarted. Default: 512. */
  memoryLimitMb: number;
  /** Time limit of one check/discover/write/createConnector/dispose call. Default: 10 min. Streams have none: a change stream may idle for hours. */
  callTimeoutMs: number;
  /** How often the hub asks each worker whether it still answers. Default: 1 s. */
  heartbeatIntervalMs: number;
  /** A worker that answers nothing for this long (a busy loop, a blocking call) is ended and restarted. Default: 10 s. */
  unresponsiveAfterMs: number;
  /** Crashes within {@link crashWindowMs} after which the plugin is refused until the hub restarts. Default: 3. */
  maxCrashes: number;
  /** Default: 10 min. */
  crashWindowMs: number;
  /** Wait before the first restart, doubled for each further crash in the window. Default: 1 s. */
  restartBackoffMs: number;
  /**
   * A worker with no connector open for this long is stopped, and started again when the plugin is
   * next used (its memory, ~10–25 MB, is not held by plugins no account uses). 0: never. Default: 2 min.
   */
  idleStopMs: number;
}

export const DEFAULT_ISOLATION_LIMITS: PluginIsolationLimits = {
  memoryLimitMb: 512,
  callTimeoutMs: 600_000,
  heartbeatIntervalMs: 1_000,
  unresponsiveAfterMs: 10_000,
  maxCrashes: 3,
  crashWindowMs: 600_000,
  restartBackoffMs: 1_000,
  idleStopMs: 120_000,
};

/** `PluginRegistryModule.forRootAsync` options, e.g. to read the plugins folder from configuration. */
export interface PluginRegistryAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  // `any[]` as in Nest's own FactoryProvider: the injected values' types are the caller's to state.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => PluginRegistryOptions | Promise<PluginRegistryOptions>;
}

export const PLUGIN_REGISTRY_OPTIONS: InjectionToken<PluginRegistryOptions> = Symbol('PLUGIN_REGISTRY_OPTIONS');

/** The options with defaults applied and every path absolute. */
export interface ResolvedPluginRegistryOptions {
  hostRoot: string;
  pluginsDir: string;
  loadTimeoutMs: number;
  isolation: PluginIsolationLimits;
}

export function resolvePluginRegistryOptions(options: PluginRegistryOptions): ResolvedPluginRegistryOptions {
  // `||`, not `??`: an empty PLUGINS_DIR must not turn the hub's own folder into the plugins folder
  const hostRoot = resolve(options.hostRoot || process.cwd());
  const pluginsDir = options.pluginsDir || 'plugins.d';
  return {
    hostRoot,
    pluginsDir: isAbsolute(pluginsDir) ? pluginsDir : resolve(hostRoot, pluginsDir),
    // Plugins load in parallel, each in its worker, so start-up waits about this long at most for
    // one that never finishes. 10 s: a real plugin loads in well under a second (jsforce ~0.5 s).
    loadTimeoutMs: options.loadTimeoutMs ?? 10_000,
    isolation: { ...DEFAULT_ISOLATION_LIMITS, ...options.isolation },
  };
}
