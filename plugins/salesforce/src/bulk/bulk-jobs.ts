import { CrmError, CrmTransientError, abortableDelay } from '@crm-hub/plugin-sdk';
import type { RestClient } from '../http/rest-client';

/**
 * The state of a Bulk API 2.0 job, as `GET /jobs/{ingest|query}/{id}` answers.
 *
 * @example
 * ```ts
 * const info: BulkJobInfo = { id: '750…', state: 'JobComplete', numberRecordsProcessed: 10000 };
 * ```
 */
export interface BulkJobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted' | string;
  errorMessage?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

/**
 * How a job is waited for: first poll after `firstDelayMs`, then 1.5× longer each time up to
 * `maxDelayMs`, giving up (`CrmTransientError`, the job keeps running) after `timeoutMs`.
 *
 * @example
 * ```ts
 * const polling: BulkPolling = { firstDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 30 * 60_000 };
 * ```
 */
export interface BulkPolling {
  firstDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/** Quick first polls (small jobs finish in a second or two), then at most every 5 s, for up to 30 min. */
export const DEFAULT_BULK_POLLING: BulkPolling = { firstDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 30 * 60_000 };

/**
 * Polls a Bulk API 2.0 job until it is `JobComplete` (resolves) or `Failed`/`Aborted` (rejects
 * with `CrmError` carrying Salesforce's `errorMessage`). The waits are cancellable.
 *
 * @example
 * ```ts
 * await waitForJob(client, 'bulk2.query', 'jobs/query/750…', signal);
 * ```
 */
export async function waitForJob(
  client: RestClient,
  kind: string,
  jobPath: string,
  signal?: AbortSignal,
  polling: BulkPolling = DEFAULT_BULK_POLLING,
): Promise<BulkJobInfo> {
  const info = await waitForJobEnd(client, kind, jobPath, signal, polling);
  if (info.state === 'JobComplete') return info;
  throw new CrmError(`Bulk API 2.0 job ${info.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`, {
    code: `BULK_JOB_${info.state.toUpperCase()}`,
  });
}

/**
 * How a Bulk API 2.0 job's `errorMessage` — `InvalidBatch : Field name not found : Nope__c` —
 * names its cause: the exception code before the first colon, the rest as the message, and the
 * field a "not found" names.
 * (`errorMessage` of https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm)
 *
 * @example
 * ```ts
 * parseJobError('InvalidBatch : Field name not found : Nope__c');
 * // { code: 'InvalidBatch', message: 'Field name not found : Nope__c', fields: ['Nope__c'] }
 * ```
 */
export function parseJobError(errorMessage: string | undefined): { code: string; message: string; fields: string[] } {
  const text = (errorMessage ?? '').trim();
  const m = /^([A-Za-z][A-Za-z0-9_]*)\s*:\s*(.+)$/s.exec(text);
  if (!m) return { code: 'BULK_JOB_FAILED', message: text || 'the Bulk job failed without a reason', fields: [] };
  const field = /Field name not found\s*:\s*([A-Za-z0-9_.]+)/i.exec(m[2] as string)?.[1];
  return { code: m[1] as string, message: (m[2] as string).trim(), fields: field ? [field] : [] };
}

/**
 * Polls a Bulk API 2.0 job until it ends — `JobComplete`, `Failed` or `Aborted` — and answers its
 * final state: an ingest job that failed or was aborted may still have processed records (they
 * are not rolled back), so its writer reads the results of every ending. The waits are
 * cancellable; past `timeoutMs` it gives up with `CrmTransientError` (the job keeps running).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
 *
 * @example
 * ```ts
 * const info = await waitForJobEnd(client, 'bulk2.ingest', 'jobs/ingest/750…', signal);
 * if (info.state !== 'JobComplete') console.log(parseJobError(info.errorMessage).code);
 * ```
 */
export async function waitForJobEnd(
  client: RestClient,
  kind: string,
  jobPath: string,
  signal?: AbortSignal,
  polling: BulkPolling = DEFAULT_BULK_POLLING,
): Promise<BulkJobInfo> {
  const deadline = Date.now() + polling.timeoutMs;
  let delay = polling.firstDelayMs;
  for (;;) {
    await abortableDelay(delay, signal);
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
    const info = await client.json<BulkJobInfo>({ kind, method: 'GET', path: client.dataPath(jobPath), ...(signal ? { signal } : {}) });
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') return info;
    if (Date.now() > deadline) {
      throw new CrmTransientError(`Bulk API 2.0 job ${info.id} is still ${info.state} after ${polling.timeoutMs / 60_000} min`, {
        code: 'BULK_JOB_TIMEOUT',
      });
    }
    delay = Math.min(polling.maxDelayMs, Math.round(delay * 1.5));
  }
}
