import { getHeapStatistics } from 'node:v8';
import { type CrmConnector, type CrmPlugin, type SyncMessage, batchIterator } from '@crm-hub/plugin-sdk';
import type { Observable } from 'rxjs';
import { PluginRefusedError } from '../errors';
import { serializeError } from './serialized-error';
import { StreamPump } from './stream-pump';
import { createWorkerContext, type SendToHub } from './worker-context';
import { importPlugin } from './worker-plugin-import';
import type { CreatedConnector, LoadedPluginInfo, StreamBatch, ToWorker } from './worker-protocol';

interface LiveConnector {
  readonly connector: CrmConnector;
  readonly abort: AbortController;
}

/**
 * The worker's side of the boundary: holds the one plugin this worker loaded, its connectors and
 * their open streams, and answers the hub's requests. Nothing here trusts the plugin to behave:
 * every call's outcome (value or error) is turned into a reply, and a reply that cannot be cloned
 * becomes an error reply, so the hub always gets an answer while the worker lives.
 */
export class WorkerRuntime {
  private plugin: CrmPlugin | undefined;
  private readonly connectors = new Map<number, LiveConnector>();
  private readonly streams = new Map<number, StreamPump>();

  constructor(private readonly send: SendToHub) {}

  handle(message: ToWorker): void {
    switch (message.t) {
      case 'ping': {
        const heap = getHeapStatistics();
        return this.send({ t: 'pong', seq: message.seq, heap: { used: heap.used_heap_size, total: heap.total_heap_size } });
      }
      case 'load':
        return this.answer(message.id, () => this.load(message.entry));
      case 'create':
        return this.answer(message.id, () => this.create(message));
      case 'call':
        return this.answer(message.id, () => this.call(message.connectorId, message.method, message.args));
      case 'dispose':
        return this.answer(message.id, () => this.dispose(message.connectorId));
      case 'abort':
        return this.connectors.get(message.connectorId)?.abort.abort(new Error(message.reason));
      case 'pull':
        return this.answer(message.id, () => this.pull(message));
      case 'close':
        return void this.closeStream(message.streamId);
    }
  }

  private async load(entry: string): Promise<LoadedPluginInfo> {
    const plugin = await importPlugin(entry);
    this.plugin = plugin;
    // Read once here: the manifest's getters (if any) run in the worker, never in the hub.
    return { contract: plugin.contract, manifest: plugin.manifest, hasCreateConnector: typeof plugin.createConnector === 'function' };
  }

  private async create(message: Extract<ToWorker, { t: 'create' }>): Promise<CreatedConnector> {
    if (!this.plugin) throw new PluginRefusedError('the plugin is not loaded in this worker');
    const { ctx, abort } = createWorkerContext(message, this.send);
    const connector = (await this.plugin.createConnector(ctx)) as unknown;
    const methods =
      typeof connector === 'object' && connector !== null
        ? (['check', 'discover', 'read', 'changes', 'write', 'dispose'] as const).filter((m) => typeof (connector as Record<string, unknown>)[m] === 'function')
        : [];
    if (methods.length > 0) this.connectors.set(message.connectorId, { connector: connector as CrmConnector, abort });
    return { methods };
  }

  private async call(connectorId: number, method: 'check' | 'discover' | 'write', args: readonly unknown[]): Promise<unknown> {
    const { connector } = this.live(connectorId);
    return (connector[method] as (...a: unknown[]) => Promise<unknown>).apply(connector, [...args]);
  }

  private async dispose(connectorId: number): Promise<void> {
    const live = this.connectors.get(connectorId);
    if (!live) return;
    this.connectors.delete(connectorId);
    if (typeof live.connector.dispose === 'function') await live.connector.dispose();
  }

  private async pull(message: Extract<ToWorker, { t: 'pull' }>): Promise<StreamBatch> {
    let pump = this.streams.get(message.streamId);
    if (!pump && message.open) {
      const { connector } = this.live(message.open.connectorId);
      const stream = (connector[message.open.method] as (req: unknown) => Observable<SyncMessage>).call(connector, message.open.request);
      pump = new StreamPump(batchIterator(stream));
      this.streams.set(message.streamId, pump);
    }
    if (!pump) throw new Error(`stream ${message.streamId} is closed`);
    try {
      const batch = await pump.nextBatch();
      if (batch.done) this.streams.delete(message.streamId);
      return batch;
    } catch (error) {
      this.streams.delete(message.streamId);
      throw error;
    }
  }

  private async closeStream(streamId: number): Promise<void> {
    const pump = this.streams.get(streamId);
    this.streams.delete(streamId);
    await pump?.close();
  }

  private live(connectorId: number): LiveConnector {
    const live = this.connectors.get(connectorId);
    if (!live) throw new Error('this connector was disposed: open a new one');
    return live;
  }

  /** Runs `work` and replies with its value or its error; a value that cannot be cloned is an error too. */
  private answer(id: number, work: () => Promise<unknown>): void {
    const reply = (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => {
      if (!outcome.ok) return this.send({ t: 'reply', id, ok: false, error: serializeError(outcome.error) });
      try {
        this.send({ t: 'reply', id, ok: true, value: outcome.value });
      } catch (error) {
        const reason = `its answer cannot be passed to the hub (${serializeError(error).message}): plugins must return plain data (objects, arrays, strings, numbers, booleans, null)`;
        this.send({ t: 'reply', id, ok: false, error: { name: 'TypeError', message: reason } });
      }
    };
    let running: Promise<unknown>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => reply({ ok: true, value }),
      (error: unknown) => reply({ ok: false, error }),
    );
  }
}
