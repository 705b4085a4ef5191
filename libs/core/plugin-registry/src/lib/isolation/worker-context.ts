import { type ConnectorContext, createSecureFetch, type PluginLogger } from '@crm-hub/plugin-sdk';
import type { FromWorker, LogLevel } from './worker-protocol';

/** Sends one message to the hub. */
export type SendToHub = (message: FromWorker) => void;

/** A connector's context inside the worker, and the controller behind its `signal`. */
export interface WorkerContext {
  readonly ctx: ConnectorContext;
  readonly abort: AbortController;
}

/**
 * Rebuilds the ConnectorContext the host gave, on this side of the boundary. Functions cannot
 * cross it, so each part is made here and reports to the hub by message:
 * - `config`: the validated settings, secrets included (the plugin needs them to connect);
 * - `http`: the SDK's SecureFetch, made here (HTTPS only; NODE_EXTRA_CA_CERTS applies to the whole
 *   process, workers included), cancelled by `signal`;
 * - `logger`, `meter`: messages that the hub hands to the host's logger (which masks the
 *   account's secrets) and meter (run statistics, budgets, Prometheus);
 * - `signal`: aborted when the hub says the host's signal was aborted.
 */
export function createWorkerContext(
  message: { connectorId: number; accountId: string; config: Readonly<Record<string, unknown>>; aborted?: string },
  send: SendToHub,
): WorkerContext {
  const abort = new AbortController();
  if (message.aborted !== undefined) abort.abort(new Error(message.aborted));
  const { connectorId } = message;
  const ctx: ConnectorContext = {
    accountId: message.accountId,
    config: Object.freeze({ ...message.config }),
    http: createSecureFetch({ signal: abort.signal }),
    logger: workerLogger(connectorId, send),
    meter: {
      call: (kind, count) => send({ t: 'meter', connectorId, kind: String(kind), ...(count === undefined ? {} : { count: Number(count) }) }),
      quota: (kind, used, limit) => send({ t: 'quota', connectorId, kind: String(kind), used: Number(used), limit: Number(limit) }),
    },
    signal: abort.signal,
  };
  return { ctx, abort };
}

function workerLogger(connectorId: number, send: SendToHub): PluginLogger {
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const text = String(message);
    try {
      send({ t: 'log', connectorId, level, message: text, ...(fields === undefined ? {} : { fields }) });
    } catch {
      // fields that cannot be cloned (a function, a socket…): the line still counts, as JSON can say it
      send({ t: 'log', connectorId, level, message: text, fields: jsonSafe(fields) });
    }
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function jsonSafe(fields: unknown): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(fields ?? {})) as Record<string, unknown>;
  } catch {
    return { fields: '(not serialisable)' };
  }
}
