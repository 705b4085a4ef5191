import { type ConnectorContext, type CrmConnector, pacedStream, type PacedObservable, type SyncMessage } from '@crm-hub/plugin-sdk';
import { AsyncResource } from 'node:async_hooks';
import { messageOf } from '../error-message';
import { unpackMessages } from './batch-packing';
import type { ConnectorEvents, PluginWorker } from './plugin-worker';
import type { CallMethod, CreatedConnector, StreamBatch, StreamMethod } from './worker-protocol';

/** What a connector proxy needs from the plugin it belongs to. */
export interface ConnectorProxyHost {
  /** Names the plugin in errors, e.g. `CRM plugin "acme"`. */
  readonly label: string;
  readonly callTimeoutMs: number;
  /** The plugin's running worker (after a restart in progress); rejects when the plugin is refused or stopped. */
  worker(): Promise<PluginWorker>;
  /** Told once, when the connector is disposed. */
  disposed(): void;
}

interface Remote {
  readonly worker: PluginWorker;
  readonly connectorId: number;
  readonly stopListening: () => void;
}

/**
 * Batches the hub fetches ahead of its consumer. One: while the consumer stores a batch, the next
 * one crosses the boundary. A batch is at most a page (see MAX_BATCH_MESSAGES), and the plugin
 * itself reads at most one page ahead of what its worker was asked, so a paced plugin stays
 * within the SDK's two pages ahead.
 */
const READ_AHEAD_BATCHES = 1;

/**
 * The hub's side of a connector that lives in a plugin's worker: the same `CrmConnector` contract,
 * each call a message. `read()`/`changes()` return paced streams whose producer asks the worker for
 * the next batch only when the consumer wants it. If the worker is restarted, the next call opens
 * the connector again in the new worker (calls in flight failed with a retryable error).
 */
export class ConnectorProxy {
  private remote: Remote | undefined;
  private attaching: Promise<Remote> | undefined;
  private disposed = false;
  private methods: readonly string[] = [];
  /** The async context the connector was opened in (see {@link events}). */
  private readonly scope = new AsyncResource('CrmConnectorProxy');
  private readonly onHostAbort = () => {
    if (this.remote) this.remote.worker.post({ t: 'abort', connectorId: this.remote.connectorId, reason: messageOf(this.ctx.signal.reason) });
  };

  private constructor(
    private readonly host: ConnectorProxyHost,
    private readonly ctx: ConnectorContext,
  ) {}

  /** Creates the connector in the worker; answers the proxy and the methods the plugin's connector has. */
  static async open(host: ConnectorProxyHost, ctx: ConnectorContext): Promise<{ connector: CrmConnector; methods: readonly string[] }> {
    const proxy = new ConnectorProxy(host, ctx);
    await proxy.attach();
    ctx.signal.addEventListener('abort', proxy.onHostAbort, { once: true });
    return { connector: proxy.asConnector(), methods: proxy.methods };
  }

  /** A plain object with the connector's methods only (as the plugin's connector had them), plus dispose. */
  private asConnector(): CrmConnector {
    const calls: Record<string, unknown> = {
      check: () => this.call('check', []),
      discover: (opts?: unknown) => this.call('discover', opts === undefined ? [] : [opts]),
      write: (req: unknown) => this.call('write', [req]),
      read: (req: unknown) => this.stream('read', req),
      changes: (req: unknown) => this.stream('changes', req),
    };
    const connector: Record<string, unknown> = { dispose: () => this.dispose() };
    for (const method of this.methods) if (method in calls) connector[method] = calls[method];
    return connector as unknown as CrmConnector;
  }

  private attach(): Promise<Remote> {
    if (this.disposed) return Promise.reject(new Error(`${this.host.label}: this connector was disposed`));
    if (this.remote?.worker.alive) return Promise.resolve(this.remote);
    this.attaching ??= this.create().finally(() => (this.attaching = undefined));
    return this.attaching;
  }

  private async create(): Promise<Remote> {
    this.remote?.stopListening();
    this.remote = undefined;
    const worker = await this.host.worker();
    const connectorId = worker.allocateId();
    const stopListening = worker.listen(connectorId, this.events());
    try {
      const { ctx } = this;
      const created = await worker.request<CreatedConnector>(
        {
          t: 'create',
          connectorId,
          accountId: ctx.accountId,
          config: ctx.config,
          ...(ctx.signal.aborted ? { aborted: messageOf(ctx.signal.reason) } : {}),
        },
        'createConnector()',
        { timeoutMs: this.host.callTimeoutMs },
      );
      this.methods = created.methods;
    } catch (error) {
      stopListening();
      throw error;
    }
    this.remote = { worker, connectorId, stopListening };
    return this.remote;
  }

  private async call(method: CallMethod, args: unknown[]): Promise<never> {
    const { worker, connectorId } = await this.attach();
    return worker.request({ t: 'call', connectorId, method, args }, `${method}()`, { timeoutMs: this.host.callTimeoutMs });
  }

  private stream(method: StreamMethod, request: unknown): PacedObservable<SyncMessage> {
    const attach = () => this.attach();
    return pacedStream<SyncMessage>(
      async function* (signal) {
        const { worker, connectorId } = await attach();
        const streamId = worker.allocateId();
        let open: { connectorId: number; method: StreamMethod; request: unknown } | undefined = { connectorId, method, request };
        let done = false;
        try {
          while (!done) {
            const batch: StreamBatch = await worker.request({ t: 'pull', streamId, ...(open ? { open } : {}) }, `${method}()`, { signal });
            open = undefined;
            done = batch.done;
            if (batch.messages.length > 0) yield unpackMessages(batch.messages);
          }
        } finally {
          // unsubscribed, failed or left early: the worker unsubscribes from the plugin's stream
          if (!done) worker.post({ t: 'close', streamId });
        }
      },
      { readAhead: READ_AHEAD_BATCHES },
    );
  }

  /** Idempotent. Disposes the connector in the worker when it still runs there (a dead worker took it along). */
  private async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.ctx.signal.removeEventListener('abort', this.onHostAbort);
    const remote = this.remote;
    this.remote = undefined;
    try {
      if (remote?.worker.alive) {
        await remote.worker.request({ t: 'dispose', connectorId: remote.connectorId }, 'dispose()', { timeoutMs: this.host.callTimeoutMs });
      }
    } finally {
      remote?.stopListening();
      this.host.disposed();
    }
  }

  /**
   * The connector's logs and meter readings, handed to the host's logger and meter. They arrive as
   * messages, outside the async context of whoever opened the connector (an HTTP request, a sync
   * run); they are delivered in that context, as in-process calls were, so request-scoped logging
   * (request ids, the right app's logger) still applies.
   */
  private events(): ConnectorEvents {
    const { logger, meter } = this.ctx;
    const scope = this.scope;
    const safely = (deliver: () => void) => {
      try {
        scope.runInAsyncScope(deliver);
      } catch {
        // a host logger or meter that throws must not break the plugin's call
      }
    };
    return {
      log: (level, message, fields) => safely(() => logger[level](message, fields)),
      meter: (kind, count) => safely(() => (count === undefined ? meter.call(kind) : meter.call(kind, count))),
      quota: (kind, used, limit) => safely(() => meter.quota(kind, used, limit)),
    };
  }
}
