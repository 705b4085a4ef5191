import type { ConnectorContext, CrmConnector } from '@crm-hub/plugin-sdk';
import { requiredConnectorMethods } from '@crm-hub/plugin-sdk';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConnectionSpecValidator } from './connection-spec';
import { PluginContractError, PluginNotAvailableError } from './errors';
import { type LoadedPlugin, loadPlugins } from './plugin-loader';
import { PLUGIN_REGISTRY_OPTIONS, type PluginRegistryOptions, resolvePluginRegistryOptions } from './plugin-registry.options';
import type { PluginRefusal, RegisteredPluginStatus } from './plugin-registry.types';

/**
 * The CRM plugins of this hub: loaded once at start-up, then the only way the rest of the hub
 * reaches a plugin (its description, its settings validator, its connectors). Each plugin runs in
 * a worker thread of its own; the connectors handed out are proxies to connectors living there.
 */
@Injectable()
export class PluginRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PluginRegistry.name);
  private readonly plugins = new Map<string, LoadedPlugin>();
  private readonly refused: PluginRefusal[] = [];
  /** Why an id is unavailable, when a package claiming it was refused (at start-up or later). */
  private readonly refusedIds = new Map<string, string>();
  private loading?: Promise<void>;

  constructor(@Inject(PLUGIN_REGISTRY_OPTIONS) private readonly options: PluginRegistryOptions) {}

  /** Loads the plugins; Nest calls it once at start-up (later calls wait for the same load). */
  onModuleInit(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Ends every plugin's worker (Nest calls it on shutdown): connectors still in use fail with a retryable error. */
  async onModuleDestroy(): Promise<void> {
    await this.loading?.catch(() => undefined);
    await Promise.all([...this.plugins.values()].map((p) => p.host.stop('the hub is shutting down')));
  }

  /** The loaded plugins, in load order, with the health of their workers. */
  list(): RegisteredPluginStatus[] {
    return [...this.plugins.values()].map((p) => ({ ...p.info, health: p.host.health() }));
  }

  /** The packages that were not loaded, and why. */
  refusals(): PluginRefusal[] {
    return [...this.refused];
  }

  /** A loaded plugin, or undefined when it is not installed or was refused. */
  get(pluginId: string): RegisteredPluginStatus | undefined {
    const loaded = this.plugins.get(pluginId);
    return loaded && { ...loaded.info, health: loaded.host.health() };
  }

  /** Why a plugin id is not available, when a package claiming it was refused. */
  refusalReason(pluginId: string): string | undefined {
    return this.refusedIds.get(pluginId);
  }

  /** The validator of a plugin's account settings. Throws `PluginNotAvailableError`. */
  validatorFor(pluginId: string): ConnectionSpecValidator {
    return this.require(pluginId).validator;
  }

  /**
   * Creates a connector in the plugin's worker and checks it has every method the plugin's
   * capabilities promise. A connector that lacks one is disposed, the plugin is refused from then
   * on and a `PluginContractError` is thrown: better to stop a vendor's bug here than in the middle
   * of a run. While the plugin's worker restarts after a crash, this waits for it.
   */
  async createConnector(pluginId: string, ctx: ConnectorContext): Promise<CrmConnector> {
    const loaded = this.require(pluginId);
    const { connector, methods } = await loaded.host.createConnector(ctx);
    const missing = requiredConnectorMethods(loaded.manifest).filter((method) => !methods.includes(method));
    if (missing.length === 0) return connector;
    await disposeQuietly(connector);
    const reason = contractReason(loaded, missing);
    this.refuse(loaded, reason);
    throw new PluginContractError(pluginId, reason);
  }

  private async load(): Promise<void> {
    const { plugins, refusals, refusedIds } = await loadPlugins(resolvePluginRegistryOptions(this.options), this.logger, {
      onRefused: (pluginId, reason) => {
        const loaded = this.plugins.get(pluginId);
        if (loaded) this.refuse(loaded, reason);
      },
    });
    for (const plugin of plugins) this.plugins.set(plugin.info.id, plugin);
    this.refused.push(...refusals);
    for (const [id, reason] of refusedIds) this.refusedIds.set(id, reason);
    this.logger.log(`${plugins.length} CRM plugin(s) loaded, ${refusals.length} refused`);
  }

  private require(pluginId: string): LoadedPlugin {
    const loaded = this.plugins.get(pluginId);
    if (!loaded) throw new PluginNotAvailableError(pluginId, this.refusedIds.get(pluginId));
    return loaded;
  }

  /** Takes a loaded plugin out of service until the hub restarts, and ends its worker. */
  private refuse(loaded: LoadedPlugin, reason: string): void {
    const { info } = loaded;
    if (this.plugins.get(info.id) !== loaded) return;
    this.plugins.delete(info.id);
    void loaded.host.stop(reason);
    this.refusedIds.set(info.id, reason);
    this.refused.push({ package: `${info.packageName}@${info.version}`, location: info.location, source: info.source, reason });
    this.logger.error(`Refused CRM plugin "${info.id}" from ${info.packageName}@${info.version} [${info.source}: ${info.location}]: ${reason}`);
  }
}

/** Names the capability behind each missing method, so the vendor knows what to implement or undeclare. */
function contractReason(loaded: LoadedPlugin, missing: string[]): string {
  const write = loaded.manifest.capabilities.write;
  const declared = (['insert', 'update', 'upsert', 'delete'] as const).filter((op) => write[op]);
  const parts = missing.map((method) =>
    method === 'write'
      ? `its connector has no write() although capabilities.write declares ${declared.join(', ')}: implement write() or set those to false`
      : `its connector has no ${method}(), which every connector must implement`,
  );
  return `${parts.join('; ')} (plugin refused until the hub restarts with a fixed version)`;
}

async function disposeQuietly(connector: unknown): Promise<void> {
  const dispose = (connector as { dispose?: unknown } | null)?.dispose;
  if (typeof dispose !== 'function') return;
  try {
    await dispose.call(connector);
  } catch {
    // the connector is being thrown away for a contract violation; its dispose error adds nothing
  }
}
