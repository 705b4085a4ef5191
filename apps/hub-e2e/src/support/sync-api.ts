import type { HubApi } from './hub-api';

/** A run as the API shows it. */
export interface RunBody {
  id: string;
  jobId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'paused' | 'cancelled';
  trigger: string;
  full: boolean;
  counters: { read: number; inserted: number; updated: number; deleted: number; rejected: number; skipped: number };
  apiCalls: number;
  progress: { records: number; total?: number; recordsPerSecond?: number };
  error?: { code: string; message: string };
  notes: { code: string; message: string }[];
  attempts: number;
  worker?: string;
  workers: string[];
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Creates what a sync job needs through the API and drives its runs. */
export function syncApi(api: HubApi) {
  const expectStatus = <T>(res: { status: number; body: T; text: string }, status: number): T => {
    if (res.status !== status) throw new Error(`Expected ${status}, got ${res.status}: ${res.text}`);
    return res.body;
  };
  return {
    async account(name: string, pluginId: string, config: Record<string, unknown>): Promise<string> {
      return expectStatus(await api.call<{ id: string }>('POST', '/api/accounts', { name, pluginId, config }), 201).id;
    },
    async schema(accountId: string, object: string, fields?: string[]): Promise<{ id: string; table: string; fields: { name: string; column: string | null }[] }> {
      const body = expectStatus(
        await api.call<{ schemas: { id: string; table: string; fields: { name: string; column: string | null }[] }[] }>('POST', `/api/accounts/${accountId}/schemas`, {
          objects: [{ name: object, ...(fields ? { fields } : {}) }],
        }),
        201,
      );
      return body.schemas[0] as { id: string; table: string; fields: { name: string; column: string | null }[] };
    },
    async job(body: Record<string, unknown>): Promise<string> {
      return expectStatus(await api.call<{ id: string }>('POST', '/api/sync/jobs', body), 201).id;
    },
    async start(jobId: string, body: Record<string, unknown> = {}): Promise<string> {
      return expectStatus(await api.call<RunBody>('POST', `/api/sync/jobs/${jobId}/runs`, body), 202).id;
    },
    async run(runId: string): Promise<RunBody> {
      return expectStatus(await api.call<RunBody>('GET', `/api/sync/runs/${runId}`), 200);
    },
    /** Polls a run until it ends (or `until` holds), failing after `timeoutMs`. */
    async wait(runId: string, options: { timeoutMs?: number; until?: (run: RunBody) => boolean } = {}): Promise<RunBody> {
      const deadline = Date.now() + (options.timeoutMs ?? 300_000);
      for (;;) {
        const res = await api.call<RunBody>('GET', `/api/sync/runs/${runId}`).catch(() => undefined);
        const run = res?.status === 200 ? res.body : undefined;
        if (run && (options.until ? options.until(run) : TERMINAL.has(run.status))) return run;
        if (Date.now() > deadline) throw new Error(`Run ${runId} did not get there in time: ${JSON.stringify(run)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    /** Starts a run and waits for its end. */
    async runToEnd(jobId: string, body: Record<string, unknown> = {}, timeoutMs?: number): Promise<RunBody> {
      const id = await this.start(jobId, body);
      return this.wait(id, timeoutMs ? { timeoutMs } : {});
    },
  };
}
