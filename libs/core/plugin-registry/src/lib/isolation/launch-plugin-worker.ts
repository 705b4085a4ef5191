import { messageOf } from '../error-message';
import { PluginRefusedError } from '../errors';
import { PluginWorker, type PluginWorkerOptions } from './plugin-worker';
import type { LoadedPluginInfo } from './worker-protocol';

/** A worker with the plugin loaded in it, and what the plugin declared. */
export interface LaunchedPlugin {
  readonly worker: PluginWorker;
  readonly info: LoadedPluginInfo;
}

/**
 * Starts a worker and loads the plugin's entry point in it, within `loadTimeoutMs` (counted from
 * when the worker's own code runs, so it measures the plugin's start-up only). Whatever goes wrong
 * — the plugin throws, exits, loops, never settles a top-level await, runs out of memory — ends
 * that worker and throws a `PluginRefusedError` with the reason; the hub goes on.
 */
export async function launchPluginWorker(entry: string, loadTimeoutMs: number, options: PluginWorkerOptions): Promise<LaunchedPlugin> {
  let worker: PluginWorker;
  try {
    worker = await PluginWorker.start(options);
  } catch (error) {
    throw new PluginRefusedError(`the hub could not start a worker for it: ${messageOf(error)}`);
  }
  try {
    const info = await worker.request<LoadedPluginInfo>({ t: 'load', entry }, 'loading', { timeoutMs: loadTimeoutMs });
    return { worker, info };
  } catch (error) {
    const reason = await loadFailure(worker, entry, loadTimeoutMs, error);
    await worker.stop('its plugin was refused');
    throw new PluginRefusedError(reason);
  }
}

async function loadFailure(worker: PluginWorker, entry: string, loadTimeoutMs: number, error: unknown): Promise<string> {
  if (!worker.alive) {
    const death = await worker.ended;
    return `loading its entry point ${entry} ended its worker (it ${death.reason}): fix or reinstall the plugin`;
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PluginRefusedError') return messageOf(error);
  if (name === 'CrmTransientError') {
    // the only transient error of a live worker here is the load's time limit
    return `loading its entry point ${entry} did not finish within ${loadTimeoutMs} ms: check the plugin's start-up code`;
  }
  return `loading its entry point ${entry} failed: ${messageOf(error)}: fix or reinstall the plugin`;
}
