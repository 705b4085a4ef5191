import { API_KEY } from './hub-process';

/** A run as `GET /api/sync/runs/:id` shows it (the parts the benchmarks read). */
export interface RunView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'paused' | 'cancelled';
  full: boolean;
  counters: { read: number; inserted: number; updated: number; deleted: number; rejected: number; skipped: number };
  apiCalls: number;
  /** The worker that executed it last (scale-out: HUB_WORKER_NAME). */
  worker?: string;
  queuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  error?: { code: string; message: string };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** The hub's REST API, as an operator drives it. */
export class HubApi {
  constructor(private readonly url: string) {}

  async call<T>(method: string, path: string, body?: unknown, expected?: number): Promise<T> {
    const send = () =>
      fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // A kept-alive socket the hub closed fails before the request is sent: sending once more is safe.
    const res = await send().catch((error: Error & { cause?: { code?: string; message?: string } }) => {
      if (error.cause?.code === 'UND_ERR_SOCKET' || /other side closed/.test(error.cause?.message ?? '')) return send();
      throw new Error(`${method} ${path}: ${error.message} (${error.cause?.message ?? 'no cause'})`);
    });
    const text = await res.text();
    if (expected !== undefined && res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Account names are unique: give one when a hub gets more than one account of a plugin. */
  async account(pluginId: string, config: Record<string, unknown>, name = `bench ${pluginId}`): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/accounts', { name, pluginId, config }, 201)).id;
  }

  async schema(accountId: string, object: string, fields: string[]): Promise<{ id: string; table: string }> {
    const body = await this.call<{ schemas: { id: string; table: string }[] }>('POST', `/api/accounts/${accountId}/schemas`, { objects: [{ name: object, fields }] }, 201);
    return body.schemas[0] as { id: string; table: string };
  }

  async job(body: Record<string, unknown>): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/sync/jobs', body, 201)).id;
  }

  async start(jobId: string, body: Record<string, unknown> = {}): Promise<string> {
    return (await this.call<{ id: string }>('POST', `/api/sync/jobs/${jobId}/runs`, body, 202)).id;
  }

  async run(runId: string): Promise<RunView> {
    return this.call<RunView>('GET', `/api/sync/runs/${runId}`, undefined, 200);
  }

  /** Starts a run and waits for its end; a run that does not succeed stops the benchmark. */
  async runToEnd(jobId: string, body: Record<string, unknown> = {}, timeoutMs = 4 * 3_600_000): Promise<RunView> {
    const id = await this.start(jobId, body);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.run(id);
      if (TERMINAL.has(run.status)) {
        if (run.status !== 'succeeded') throw new Error(`Run ${id} ended ${run.status}: ${JSON.stringify(run.error ?? run)}`);
        return run;
      }
      if (Date.now() > deadline) throw new Error(`Run ${id} still ${run.status} after ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

/** Seconds a run took, by the hub's own clock (claimed → finished). */
export function runSeconds(run: RunView): number {
  return (Date.parse(run.finishedAt as string) - Date.parse(run.startedAt as string)) / 1000;
}
