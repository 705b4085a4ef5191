import { type ConnectorContext, type CrmConnector, CrmTransientError } from '@crm-hub/plugin-sdk';
import { messageOf } from '../error-message';
import { PluginNotAvailableError } from '../errors';
import type { PluginHealth } from '../plugin-registry.types';
import { ConnectorProxy } from './connector-proxy';
import { CrashPolicy, describeDuration } from './crash-policy';
import { launchPluginWorker } from './launch-plugin-worker';
import { countCrash } from './plugin-metrics';
import type { PluginWorker, PluginWorkerOptions, WorkerDeath } from './plugin-worker';

export interface IsolatedPluginSpec {
  readonly pluginId: string;
  /** The entry point, checked at discovery; loaded again in each new worker. */
  readonly entry: string;
  readonly contract: number;
  readonly loadTimeoutMs: number;
  readonly worker: PluginWorkerOptions;
  /** Called once, when repeated crashes make the plugin refused until the hub restarts. */
  readonly onRefused: (reason: string) => void;
}

/**
 * A loaded plugin and the worker it runs in, over that worker's lifetimes: when the worker ends
 * without the hub asking (exit, uncaught error, out of memory, unresponsive), the crash is
 * logged and counted, and the plugin is loaded again in a new worker after a backoff — or refused
 * when it crashed too often (see {@link CrashPolicy}). Meanwhile callers of `createConnector` wait
 * for the restart.
 *
 * A worker with no connector open for `idleStopMs` is stopped (asleep) and started again by the
 * next `createConnector`: a hub with plugins that no account uses, or an API process that only
 * tests connections, does not hold their workers' memory. The worker that loaded the plugin at
 * start-up only checked it, so it stops at once: a plugin runs a worker from its first use on.
 * With `idleStopMs` 0 every worker runs from start-up to shutdown.
 */
export class IsolatedPlugin {
  private current: PluginWorker;
  private restarting: Promise<PluginWorker> | undefined;
  private unavailable: PluginNotAvailableError | undefined;
  private readonly policy: CrashPolicy;
  private restarts = 0;
  private lastCrash: PluginHealth['lastCrash'];
  private openConnectors = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private asleep = false;
  private waking: Promise<PluginWorker> | undefined;

  constructor(
    private readonly spec: IsolatedPluginSpec,
    first: PluginWorker,
  ) {
    this.policy = new CrashPolicy(spec.worker.limits);
    this.current = first;
    if (spec.worker.limits.idleStopMs > 0) {
      this.asleep = true;
      void first.stop('the plugin was checked at start-up; its worker starts when the plugin is first used');
    } else {
      this.adopt(first);
    }
  }

  /** Opens a connector in the plugin's worker; answers it with the methods the plugin's connector has. */
  async createConnector(ctx: ConnectorContext): Promise<{ connector: CrmConnector; methods: readonly string[] }> {
    this.openConnectors++;
    clearTimeout(this.idleTimer);
    const host = {
      label: this.spec.worker.label,
      callTimeoutMs: this.spec.worker.limits.callTimeoutMs,
      worker: () => this.worker(),
      disposed: () => this.connectorClosed(),
    };
    try {
      return await ConnectorProxy.open(host, ctx);
    } catch (error) {
      this.connectorClosed();
      throw error;
    }
  }

  health(): PluginHealth {
    return {
      state: this.restarting ? 'restarting' : this.asleep ? 'idle' : 'running',
      restarts: this.restarts,
      ...(this.lastCrash ? { lastCrash: this.lastCrash } : {}),
    };
  }

  /** Ends the worker for good (hub shutdown, plugin refused); connectors in use fail with a retryable error. */
  async stop(why: string): Promise<void> {
    this.unavailable ??= new PluginNotAvailableError(this.spec.pluginId, why);
    clearTimeout(this.idleTimer);
    await this.current.stop(why);
  }

  private async worker(): Promise<PluginWorker> {
    if (this.unavailable) throw this.unavailable;
    if (this.current.alive) return this.current;
    if (this.restarting) return this.restarting;
    if (this.asleep) return this.wake();
    throw this.current.endedError(await this.current.ended);
  }

  private connectorClosed(): void {
    this.openConnectors--;
    this.sleepWhenIdle();
  }

  private sleepWhenIdle(): void {
    const { idleStopMs } = this.spec.worker.limits;
    if (this.openConnectors > 0 || idleStopMs <= 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.sleep(), idleStopMs).unref();
  }

  private sleep(): void {
    if (this.openConnectors > 0 || this.unavailable || this.restarting || this.waking || !this.current.alive) return;
    this.asleep = true;
    void this.current.stop('no connector open');
    this.spec.worker.logger.log(
      `${this.spec.worker.label}: worker stopped after ${describeDuration(this.spec.worker.limits.idleStopMs)} unused; it starts again when the plugin is next used`,
    );
  }

  /** Starts the plugin again after an idle stop; a failure is retryable (the next use tries again). */
  private wake(): Promise<PluginWorker> {
    this.waking ??= this.relaunch()
      .then(async (worker) => {
        if (this.unavailable) {
          await worker.stop('the plugin was stopped meanwhile');
          throw this.unavailable;
        }
        this.asleep = false;
        this.adopt(worker);
        return worker;
      })
      .catch((error: unknown) => {
        if (error instanceof PluginNotAvailableError) throw error;
        throw new CrmTransientError(`${this.spec.worker.label} could not start its worker again: ${messageOf(error)}`);
      })
      .finally(() => (this.waking = undefined));
    return this.waking;
  }

  private adopt(worker: PluginWorker): void {
    this.current = worker;
    worker.watch();
    void worker.ended.then((death) => this.onEnded(worker, death));
  }

  private onEnded(worker: PluginWorker, death: WorkerDeath): void {
    if (worker !== this.current || death.intended || this.unavailable) return;
    const { label } = this.spec.worker;
    this.spec.worker.logger.error(`${label} crashed: its worker ${death.reason}${death.detail ? ` (${death.detail})` : ''}`);
    this.restarting = this.afterCrash(death.reason).finally(() => (this.restarting = undefined));
    this.restarting.catch(() => undefined);
  }

  /** Restarts after the backoff the policy says (again if the restart itself fails), or refuses the plugin. */
  private async afterCrash(firstReason: string): Promise<PluginWorker> {
    for (let reason = firstReason; ; ) {
      countCrash(this.spec.pluginId);
      this.lastCrash = { at: new Date().toISOString(), reason };
      const verdict = this.policy.crashed();
      if ('refuse' in verdict) throw this.refuse(verdict.crashes, reason);
      this.spec.worker.logger.warn(`${this.spec.worker.label}: restarting it in ${describeDuration(verdict.restartInMs)}`);
      await delay(verdict.restartInMs);
      if (this.unavailable) throw this.unavailable;
      try {
        const worker = await this.relaunch();
        this.restarts++;
        this.adopt(worker);
        this.spec.worker.logger.log(`${this.spec.worker.label} restarted (restart ${this.restarts})`);
        return worker;
      } catch (error) {
        reason = `failed to restart: ${messageOf(error)}`;
        this.spec.worker.logger.error(`${this.spec.worker.label} ${reason}`);
      }
    }
  }

  private async relaunch(): Promise<PluginWorker> {
    const { worker, info } = await launchPluginWorker(this.spec.entry, this.spec.loadTimeoutMs, this.spec.worker);
    if (info.manifest?.id !== this.spec.pluginId || info.contract !== this.spec.contract) {
      await worker.stop('its code changed since the hub started');
      throw new Error('its code changed since the hub started (another plugin id or contract): restart the hub to load it again');
    }
    return worker;
  }

  private refuse(crashes: number, lastReason: string): PluginNotAvailableError {
    const window = describeDuration(this.spec.worker.limits.crashWindowMs);
    const reason = `its worker crashed ${crashes} times within ${window} (last: it ${lastReason}): refused until the hub restarts; fix or replace the plugin`;
    this.unavailable = new PluginNotAvailableError(this.spec.pluginId, reason);
    this.spec.onRefused(reason);
    return this.unavailable;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
