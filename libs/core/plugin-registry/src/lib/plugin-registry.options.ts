import type { InjectionToken, ModuleMetadata } from '@nestjs/common';
import { isAbsolute, resolve } from 'node:path';

/** Where the registry looks for plugins. */
export interface PluginRegistryOptions {
  /** The hub's folder: its package.json lists the dependencies, its node_modules holds them. Default: the working directory. */
  hostRoot?: string;
  /** Drop-in plugin packages, one per subfolder (`@scope/name` too). Relative to `hostRoot`. Default: `plugins.d`. */
  pluginsDir?: string;
  /** How long one plugin may take to load (its top-level code) before it is refused. Default: 30 s. */
  loadTimeoutMs?: number;
}

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
}

export function resolvePluginRegistryOptions(options: PluginRegistryOptions): ResolvedPluginRegistryOptions {
  // `||`, not `??`: an empty PLUGINS_DIR must not turn the hub's own folder into the plugins folder
  const hostRoot = resolve(options.hostRoot || process.cwd());
  const pluginsDir = options.pluginsDir || 'plugins.d';
  return {
    hostRoot,
    pluginsDir: isAbsolute(pluginsDir) ? pluginsDir : resolve(hostRoot, pluginsDir),
    loadTimeoutMs: options.loadTimeoutMs ?? 30_000,
  };
}
