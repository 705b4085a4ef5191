import { CrmTransientError } from '@crm-hub/plugin-sdk';
import { Worker } from 'node:worker_threads';
import type { PluginIsolationLimits } from '../plugin-registry.options';
import { forwardOutput } from './worker-output';
import { deserializeError, type SerializedError } from './serialized-error';
import { pluginEnvironment } from './worker-env';
import { missingWorkerEntry, pluginHostWorkerEntry, type WorkerEntry } from './worker-entry';
import { Heartbeat } from './heartbeat';
import { inLocalRealm } from './local-realm';
import type { FromWorker, LogLevel, ToWorker } from './worker-protocol';
import { forgetHeap, recordHeap } from './plugin-metrics';

/** The logging a worker needs (Nest's `Logger` fits): the plugin's console output and its crashes. */
export interface WorkerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PluginWorkerOptions {
  /** Names the plugin in errors and log lines, e.g. `CRM plugin "acme"`. */
  readonly label: string;
  /** The plugin's id, when known: its worker's heap is then reported in /metrics under it. */
  readonly pluginId?: string;
  readonly limits: PluginIsolationLimits;
  readonly logger: WorkerLogger;
  /** Where the worker's code is (default: found next to this module). */
  readonly entry?: WorkerEntry;
}

/** Why a worker ended: `reason` is safe to show to API callers; `detail` (the plugin's own words) goes to the log only. */
export interface WorkerDeath {
  readonly reason: string;
  readonly detail?: string;
  /** True when the hub stopped it (shutdown, refusal): not a crash. */
  readonly intended: boolean;
}

/** What a connector proxy hears from its connector in the worker. */
export interface ConnectorEvents {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  meter(kind: string, count?: number): void;
  quota(kind: string, used: number, limit: number): void;
}

type ToWorkerRequest = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Time a worker may take to start its own code (not the plugin's): generous, it may compile sources in development. */
const BOOT_TIMEOUT_MS = 60_000;

/**
 * One worker thread running one plugin package, seen from the hub: request/response by message
 * with time limits, a heartbeat that ends a worker that stops answering, and a single `ended`
 * outcome however it ends (exit, uncaught error, out of memory, unresponsive, stopped). When it
 * ends, every request in flight rejects with a `CrmTransientError` naming the plugin, so hosts
 * retry after the restart.
 */
export class PluginWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly connectors = new Map<number, ConnectorEvents>();
  private readonly heartbeat: Heartbeat;
  private nextId = 1;
  private death: WorkerDeath | undefined;
  private readonly endedPromise: Promise<WorkerDeath>;
  private resolveEnded!: (death: WorkerDeath) => void;
  private readonly booted: Promise<void>;

  private constructor(private readonly options: PluginWorkerOptions) {
    const entry = options.entry ?? pluginHostWorkerEntry();
    const missing = missingWorkerEntry(entry);
    if (missing) throw new Error(missing);
    this.endedPromise = new Promise((resolve) => (this.resolveEnded = resolve));
    this.worker = new Worker(entry.filename, {
      workerData: entry.workerData,
      env: pluginEnvironment(),
      resourceLimits: { maxOldGenerationSizeMb: options.limits.memoryLimitMb },
      stdout: true,
      stderr: true,
    });
    forwardOutput(this.worker, options.label, options.logger);
    this.heartbeat = new Heartbeat(options.limits, (seq) => this.post({ t: 'ping', seq }), (silentMs) =>
      this.kill({
        reason: `stopped answering for ${silentMs} ms (a busy loop or a blocking call): its worker was ended`,
        intended: false,
      }),
    );
    this.booted = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`its worker did not start within ${BOOT_TIMEOUT_MS} ms`)), BOOT_TIMEOUT_MS);
      this.worker.once('message', () => {
        clearTimeout(timer);
        resolve(); // the first message is always 'ready'
      });
      void this.endedPromise.then((death) => {
        clearTimeout(timer);
        reject(new Error(`its worker ${death.reason}`));
      });
    });
    this.booted.catch(() => undefined);
    this.worker.on('message', (message: FromWorker) => this.receiveSafely(message));
    this.worker.on('error', (error: Error & { code?: string }) => this.onError(error));
    this.worker.on('exit', (code) =>
      this.end({ reason: `exited with code ${code}: the plugin called process.exit()`, intended: false }),
    );
  }

  /** Starts a worker and waits until its own code runs (no plugin code has run yet). */
  static async start(options: PluginWorkerOptions): Promise<PluginWorker> {
    const worker = new PluginWorker(options);
    try {
      await worker.booted;
    } catch (error) {
      await worker.stop('it did not start');
      throw error;
    }
    return worker;
  }

  get alive(): boolean {
    return this.death === undefined;
  }

  /** Settles once, when the worker has ended, with why. */
  get ended(): Promise<WorkerDeath> {
    return this.endedPromise;
  }

  /** A fresh id for a request, a connector or a stream of this worker. */
  allocateId(): number {
    return this.nextId++;
  }

  /**
   * Sends a request and waits for its reply: the value, or the error re-created on this side.
   * Rejects with a `CrmTransientError` after `timeoutMs`, when `signal` aborts (with its reason),
   * or when the worker ends.
   */
  request<T>(message: ToWorkerRequest, what: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    if (this.death) return Promise.reject(this.endedError(this.death));
    const id = this.allocateId();
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => settle(() => reject(options.signal?.reason));
      const settle = (then: () => void) => {
        this.pending.delete(id);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        then();
      };
      this.pending.set(id, { resolve: (v) => settle(() => resolve(v as T)), reject: (e) => settle(() => reject(e)) });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(
          () => settle(() => reject(new CrmTransientError(`${this.options.label} did not answer ${what} within ${options.timeoutMs} ms`))),
          options.timeoutMs,
        );
      }
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.post({ ...message, id } as ToWorker);
      } catch (error) {
        settle(() => reject(error));
      }
    });
  }

  /** Sends a message that has no reply (abort, close); dropped when the worker has ended. */
  post(message: ToWorker): void {
    if (this.death) return;
    try {
      this.worker.postMessage(message);
    } catch (error) {
      // only data the host passed can fail to clone here; say which request it was
      this.options.logger.warn(`${this.options.label}: a message could not be sent to its worker (${(error as Error).message})`);
      throw error;
    }
  }

  /** Routes a connector's logs and meter readings to its proxy while it lives. */
  listen(connectorId: number, events: ConnectorEvents): () => void {
    this.connectors.set(connectorId, events);
    return () => this.connectors.delete(connectorId);
  }

  /** Starts watching that the worker answers (after loading: a load has its own time limit). */
  watch(): void {
    if (this.alive) this.heartbeat.start();
  }

  /** Ends the worker on purpose (hub shutdown, plugin refused). Requests in flight reject. */
  async stop(why: string): Promise<void> {
    this.kill({ reason: `was stopped: ${why}`, intended: true });
  }

  /** The error a request gets when the worker ends under it. */
  endedError(death: WorkerDeath): CrmTransientError {
    return new CrmTransientError(`${this.options.label} ${death.reason}; the call did not complete: retry (the hub restarts the plugin)`);
  }

  private kill(death: WorkerDeath): void {
    this.end(death);
    // terminate() ends even a busy loop; it cannot end a thread blocked in a system call, which then
    // stays behind, detached: the hub does not wait for it
    void this.worker.terminate().catch(() => undefined);
  }

  private onError(error: Error & { code?: string }): void {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return this.end({ reason: `ran out of memory (its limit is ${this.options.limits.memoryLimitMb} MB)`, intended: false });
    }
    this.end({ reason: `threw an uncaught ${error.name || 'error'}`, detail: `${error.name}: ${error.message}`, intended: false });
  }

  private end(death: WorkerDeath): void {
    if (this.death) return;
    this.death = death;
    this.heartbeat.stop();
    if (this.options.pluginId) forgetHeap(this.options.pluginId); // a restarted worker reports its own
    const error = this.endedError(death);
    for (const pending of [...this.pending.values()]) pending.reject(error);
    this.connectors.clear();
    this.resolveEnded(death);
  }

  /**
   * The plugin's code can reach the worker's port too (`require('node:worker_threads')`), so a
   * message may be anything: whatever it is, it must not throw in the hub's thread.
   */
  private receiveSafely(message: FromWorker): void {
    // A message sent before the worker was stopped can arrive after: an ended worker has nothing more
    // to say (its heartbeat's last heap reading would otherwise bring its series back to /metrics).
    if (this.death || typeof message !== 'object' || message === null) return;
    try {
      this.receive(inLocalRealm(message));
    } catch (error) {
      this.options.logger.warn(`${this.options.label}: its worker sent a message the hub cannot use (${(error as Error)?.message})`);
    }
  }

  private receive(message: FromWorker): void {
    switch (message.t) {
      case 'reply': {
        const pending = this.pending.get(message.id);
        if (!pending) return; // timed out or aborted already
        if (message.ok) pending.resolve(message.value);
        else pending.reject(deserializeError(message.error as SerializedError));
        return;
      }
      case 'pong':
        if (message.heap && this.options.pluginId) recordHeap(this.options.pluginId, message.heap);
        return this.heartbeat.answered(message.seq);
      case 'log':
        return this.connectors.get(message.connectorId)?.log(message.level, message.message, message.fields);
      case 'meter':
        return this.connectors.get(message.connectorId)?.meter(message.kind, message.count);
      case 'quota':
        return this.connectors.get(message.connectorId)?.quota(message.kind, message.used, message.limit);
      case 'warning':
        return this.options.logger.warn(`${this.options.label}: ${message.message}`);
      case 'ready':
        return;
    }
  }
}
