import { CONTRACT_VERSION, type CrmPluginManifest, SDK_VERSION } from '@crm-hub/plugin-sdk';
import { availableParallelism } from 'node:os';
import type { ConnectionSpecValidator } from './connection-spec';
import { messageOf } from './error-message';
import { PluginRefusedError } from './errors';
import { IsolatedPlugin } from './isolation/isolated-plugin';
import { launchPluginWorker } from './isolation/launch-plugin-worker';
import type { WorkerLogger } from './isolation/plugin-worker';
import { checkLoadedPlugin } from './loaded-plugin-checks';
import { type PackageJson, packageLabel } from './package-json';
import { type PreparedCandidate, prepareCandidate, readCandidatePackage } from './plugin-candidate';
import { discoverPlugins, type PluginCandidate } from './plugin-discovery';
import type { HostCompatibility } from './plugin-package';
import type { ResolvedPluginRegistryOptions } from './plugin-registry.options';
import type { PluginRefusal, RegisteredPlugin } from './plugin-registry.types';

/** A plugin ready for use: what the registry shows, its manifest, its settings validator and the worker it runs in. */
export interface LoadedPlugin {
  readonly info: RegisteredPlugin;
  readonly manifest: CrmPluginManifest;
  readonly validator: ConnectionSpecValidator;
  readonly host: IsolatedPlugin;
}

export interface LoadResult {
  readonly plugins: LoadedPlugin[];
  readonly refusals: PluginRefusal[];
  /** Why an id is unavailable, for refused packages whose package.json names their plugin id. */
  readonly refusedIds: ReadonlyMap<string, string>;
}

/** The logging the loader needs (Nest's `Logger` fits): one line per plugin loaded or refused, and plugins' crashes. */
export interface LoaderLogger {
  log(message: string): void;
  warn(message: string): void;
  error?(message: string): void;
}

export interface LoadHooks {
  /** The contract versions this hub implements (default {@link HOST_COMPATIBILITY}). */
  readonly host?: HostCompatibility;
  /** Called when a loaded plugin is refused later, after crashing too often. */
  readonly onRefused?: (pluginId: string, reason: string) => void;
}

/** The contract versions this hub implements. */
export const HOST_COMPATIBILITY: HostCompatibility = { contracts: [CONTRACT_VERSION], sdkVersion: SDK_VERSION };

/**
 * Plugins loading at once. More than the cores: a plugin stuck at load (a top-level await, a loop
 * until its time limit) holds a lane, and must not delay the others by much. Bounded, because
 * each load starts a thread and parses the plugin's code.
 */
const LOAD_LANES = Math.max(8, availableParallelism());

type Outcome = { readonly loaded: LoadedPlugin } | { readonly refusal: PluginRefusal; readonly claimedId?: string };

/**
 * Finds, checks and loads every plugin package. Never throws for a bad package: each failure
 * becomes a refusal, so one broken plugin cannot keep the hub from starting.
 *
 * Each plugin loads in a worker thread of its own (see `isolation/`), so plugins load in parallel
 * and start-up waits at most `loadTimeoutMs` for one that never finishes. Packages that claim one
 * plugin id still load one after the other, in discovery order, which decides who wins. Results
 * are reported in discovery order, whatever order the loads finished in.
 */
export async function loadPlugins(options: ResolvedPluginRegistryOptions, logger: LoaderLogger, hooks: LoadHooks = {}): Promise<LoadResult> {
  const host = hooks.host ?? HOST_COMPATIBILITY;
  const candidates = discoverPlugins(options, logger);
  const outcomes: Outcome[] = new Array(candidates.length);
  const byId = new Map<string, { index: number; prepared: PreparedCandidate }[]>();
  candidates.forEach((candidate, index) => {
    let pkg: PackageJson | undefined;
    try {
      pkg = readCandidatePackage(candidate);
      const prepared = prepareCandidate(candidate, pkg, options, host, (message) => logger.log(message));
      byId.set(prepared.declared.pluginId, [...(byId.get(prepared.declared.pluginId) ?? []), { index, prepared }]);
    } catch (error) {
      outcomes[index] = refused(candidate, pkg, error);
    }
  });
  await eachLimited([...byId.values()], LOAD_LANES, async (claimants) => {
    let winner: LoadedPlugin | undefined;
    for (const { index, prepared } of claimants) {
      try {
        if (winner) throw duplicate(winner);
        winner = await loadPrepared(prepared, options, host, logger, hooks);
        outcomes[index] = { loaded: winner };
      } catch (error) {
        outcomes[index] = refused(prepared.candidate, prepared.pkg, error);
      }
    }
  });
  return report(outcomes, logger);
}

async function loadPrepared(
  prepared: PreparedCandidate,
  options: ResolvedPluginRegistryOptions,
  host: HostCompatibility,
  logger: LoaderLogger,
  hooks: LoadHooks,
): Promise<LoadedPlugin> {
  const { candidate, declared, entry } = prepared;
  const worker = { label: `CRM plugin "${declared.pluginId}"`, pluginId: declared.pluginId, limits: options.isolation, logger: workerLogger(logger) };
  const launched = await launchPluginWorker(entry, options.loadTimeoutMs, worker);
  try {
    const { manifest, validator } = checkLoadedPlugin(launched.info, declared, host);
    const isolated = new IsolatedPlugin(
      {
        pluginId: declared.pluginId,
        entry,
        contract: declared.contract,
        loadTimeoutMs: options.loadTimeoutMs,
        worker,
        onRefused: (reason) => hooks.onRefused?.(declared.pluginId, reason),
      },
      launched.worker,
    );
    const info: RegisteredPlugin = {
      id: manifest.id,
      displayName: manifest.displayName,
      packageName: declared.name,
      version: declared.version,
      contract: declared.contract,
      source: candidate.source,
      location: candidate.dir,
      capabilities: manifest.capabilities,
      connectionSpec: manifest.connectionSpec,
    };
    return { info, manifest, validator, host: isolated };
  } catch (error) {
    await launched.worker.stop('its plugin was refused');
    throw error;
  }
}

function duplicate(first: LoadedPlugin): PluginRefusedError {
  const { info } = first;
  return new PluginRefusedError(
    `plugin id "${info.id}" is already provided by ${info.packageName}@${info.version} (${info.location}), which was loaded first: remove one of the two packages`,
  );
}

function refused(candidate: PluginCandidate, pkg: PackageJson | undefined, error: unknown): Outcome {
  const label = pkg && packageLabel(pkg);
  const crmHub = pkg?.crmHub as { pluginId?: unknown } | undefined;
  return {
    refusal: {
      ...(label ? { package: label } : {}),
      location: candidate.dir,
      source: candidate.source,
      reason: error instanceof PluginRefusedError ? error.message : `unexpected error while loading: ${messageOf(error)}`,
    },
    ...(typeof crmHub?.pluginId === 'string' ? { claimedId: crmHub.pluginId } : {}),
  };
}

/** Logs one line per candidate and collects the result, in discovery order. */
function report(outcomes: Outcome[], logger: LoaderLogger): LoadResult {
  const plugins: LoadedPlugin[] = [];
  const refusals: PluginRefusal[] = [];
  const refusedIds = new Map<string, string>();
  for (const outcome of outcomes) {
    if ('loaded' in outcome) {
      const { info } = outcome.loaded;
      plugins.push(outcome.loaded);
      logger.log(`Loaded CRM plugin "${info.id}" (${info.displayName}) from ${info.packageName}@${info.version} [${info.source}: ${info.location}]`);
      continue;
    }
    const { refusal, claimedId } = outcome;
    refusals.push(refusal);
    if (claimedId !== undefined && !refusedIds.has(claimedId)) refusedIds.set(claimedId, refusal.reason);
    logger.warn(`Refused ${refusal.package ?? 'folder'} [${refusal.source}: ${refusal.location}]: ${refusal.reason}`);
  }
  for (const plugin of plugins) refusedIds.delete(plugin.info.id);
  return { plugins, refusals, refusedIds };
}

function workerLogger(logger: LoaderLogger): WorkerLogger {
  return {
    log: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
    error: (message) => (logger.error ? logger.error(message) : logger.warn(message)),
  };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
