import type { ConnectorContext, CrmConnector } from '@crm-hub/plugin-sdk';
import { requiredConnectorMethods } from '@crm-hub/plugin-sdk';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConnectionSpecValidator } from './connection-spec';
import { PluginContractError, PluginNotAvailableError } from './errors';
import { type LoadedPlugin, loadPlugins } from './plugin-loader';
import { PLUGIN_REGISTRY_OPTIONS, type PluginRegistryOptions, resolvePluginRegistryOptions } from './plugin-registry.options';
import type { PluginRefusal, RegisteredPlugin } from './plugin-registry.types';

/**
 * The CRM plugins of this hub: loaded once at start-up, then the only way the rest of the hub
 * reaches a plugin (its description, its settings validator, its connectors).
 */
@Injectable()
export class PluginRegistry implements OnModuleInit {
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

  /** The loaded plugins, in load order. */
  list(): RegisteredPlugin[] {
    return [...this.plugins.values()].map((p) => p.info);
  }

  /** The packages that were not loaded, and why. */
  refusals(): PluginRefusal[] {
    return [...this.refused];
  }

  /** A loaded plugin, or undefined when it is not installed or was refused. */
  get(pluginId: string): RegisteredPlugin | undefined {
    return this.plugins.get(pluginId)?.info;
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
   * Creates a connector and checks it has every method the plugin's capabilities promise. A connector
   * that lacks one is disposed (as far as it can be), the plugin is refused from then on and a
   * `PluginContractError` is thrown: better to stop a vendor's bug here than in the middle of a run.
   */
  async createConnector(pluginId: string, ctx: ConnectorContext): Promise<CrmConnector> {
    const loaded = this.require(pluginId);
    const connector: unknown = await loaded.plugin.createConnector(ctx);
    const missing = missingMethods(loaded, connector);
    if (missing.length === 0) return connector as CrmConnector;
    await disposeQuietly(connector);
    const reason = contractReason(loaded, missing);
    this.refuse(loaded, reason);
    throw new PluginContractError(pluginId, reason);
  }

  private async load(): Promise<void> {
    const { plugins, refusals, refusedIds } = await loadPlugins(resolvePluginRegistryOptions(this.options), this.logger);
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

  private refuse(loaded: LoadedPlugin, reason: string): void {
    const { info } = loaded;
    this.plugins.delete(info.id);
    this.refusedIds.set(info.id, reason);
    this.refused.push({ package: `${info.packageName}@${info.version}`, location: info.location, source: info.source, reason });
    this.logger.error(`Refused CRM plugin "${info.id}" from ${info.packageName}@${info.version} [${info.source}: ${info.location}]: ${reason}`);
  }
}

function missingMethods(loaded: LoadedPlugin, connector: unknown): string[] {
  const required = requiredConnectorMethods(loaded.plugin.manifest);
  if (typeof connector !== 'object' || connector === null) return required;
  return required.filter((method) => typeof (connector as Record<string, unknown>)[method] !== 'function');
}

/** Names the capability behind each missing method, so the vendor knows what to implement or undeclare. */
function contractReason(loaded: LoadedPlugin, missing: string[]): string {
  const write = loaded.plugin.manifest.capabilities.write;
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
