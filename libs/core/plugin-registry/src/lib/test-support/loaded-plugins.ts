import { type LoaderLogger, type LoadHooks, loadPlugins, type LoadResult } from '../plugin-loader';
import type { ResolvedPluginRegistryOptions } from '../plugin-registry.options';

const running: LoadResult[] = [];

/** `loadPlugins`, remembering the workers it started so {@link stopLoadedPlugins} can end them after the test. */
export async function loadTracked(options: ResolvedPluginRegistryOptions, logger: LoaderLogger, hooks?: LoadHooks): Promise<LoadResult> {
  const result = await loadPlugins(options, logger, hooks);
  running.push(result);
  return result;
}

/** Ends the workers of every plugin loaded with {@link loadTracked} (use in afterEach). */
export async function stopLoadedPlugins(): Promise<void> {
  await Promise.all(running.splice(0).flatMap((result) => result.plugins.map((plugin) => plugin.host.stop('the test is over'))));
}
