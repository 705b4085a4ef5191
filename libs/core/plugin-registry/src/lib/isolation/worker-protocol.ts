import type { CrmPluginManifest } from '@crm-hub/plugin-sdk';
import type { PackedMessage } from './batch-packing';
import type { SerializedError } from './serialized-error';

/**
 * The messages between the hub (main thread) and a plugin's worker thread. Everything crossing is
 * structured-cloned: plain data only, never a function or a plugin object, so the hub never runs a
 * getter, a proxy trap or any other code of the plugin.
 */

/** The connector methods that are one request and one answer. */
export type CallMethod = 'check' | 'discover' | 'write';

/** The connector methods that return a stream of sync messages. */
export type StreamMethod = 'read' | 'changes';

/** Hub → worker. Messages with an `id` are answered by a `reply` with the same id. */
export type ToWorker =
  | { readonly t: 'load'; readonly id: number; readonly entry: string }
  | { readonly t: 'ping'; readonly seq: number }
  | {
      readonly t: 'create';
      readonly id: number;
      readonly connectorId: number;
      readonly accountId: string;
      readonly config: Readonly<Record<string, unknown>>;
      /** Set when the host's signal was aborted before the connector existed. */
      readonly aborted?: string;
    }
  | { readonly t: 'call'; readonly id: number; readonly connectorId: number; readonly method: CallMethod; readonly args: readonly unknown[] }
  | { readonly t: 'dispose'; readonly id: number; readonly connectorId: number }
  | { readonly t: 'abort'; readonly connectorId: number; readonly reason: string }
  | {
      readonly t: 'pull';
      readonly id: number;
      readonly streamId: number;
      /** On the first pull of a stream only: which stream to open. */
      readonly open?: { readonly connectorId: number; readonly method: StreamMethod; readonly request: unknown };
    }
  | { readonly t: 'close'; readonly streamId: number };

/** What the worker found in the plugin's entry point. */
export interface LoadedPluginInfo {
  readonly contract: number;
  readonly manifest: CrmPluginManifest;
  readonly hasCreateConnector: boolean;
}

/** The answer to `create`: the connector's methods (the hub checks them against the manifest). */
export interface CreatedConnector {
  readonly methods: readonly string[];
}

/** The answer to `pull`: the next messages of a stream (at least one unless `done`), their upserts packed (batch-packing.ts). */
export interface StreamBatch {
  readonly messages: readonly PackedMessage[];
  readonly done: boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Worker → hub. */
export type FromWorker =
  /** The worker's own code is running (before any plugin code): the load's time limit starts now. */
  | { readonly t: 'ready' }
  | { readonly t: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'reply'; readonly id: number; readonly ok: false; readonly error: SerializedError }
  /** `heap`: the worker's own V8 heap in bytes (its isolate only: the process's RSS is shared), for /metrics. */
  | { readonly t: 'pong'; readonly seq: number; readonly heap?: { readonly used: number; readonly total: number } }
  | { readonly t: 'log'; readonly connectorId: number; readonly level: LogLevel; readonly message: string; readonly fields?: Record<string, unknown> }
  | { readonly t: 'meter'; readonly connectorId: number; readonly kind: string; readonly count?: number }
  | { readonly t: 'quota'; readonly connectorId: number; readonly kind: string; readonly used: number; readonly limit: number }
  /** Something the worker noticed outside any call (an unhandled rejection in the plugin's code). */
  | { readonly t: 'warning'; readonly message: string };
