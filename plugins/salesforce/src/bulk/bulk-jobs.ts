import { CrmError, CrmTransientError } from '@crm-hub/plugin-sdk';
import type { RestClient } from '../http/rest-client';
import { abortableDelay } from '../util/abortable-delay';

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
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
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
  const deadline = Date.now() + polling.timeoutMs;
  let delay = polling.firstDelayMs;
  for (;;) {
    await abortableDelay(delay, signal);
    const info = await client.json<BulkJobInfo>({ kind, method: 'GET', path: client.dataPath(jobPath), ...(signal ? { signal } : {}) });
    if (info.state === 'JobComplete') return info;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new CrmError(`Bulk API 2.0 job ${info.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`, {
        code: `BULK_JOB_${info.state.toUpperCase()}`,
      });
    }
    if (Date.now() > deadline) {
      throw new CrmTransientError(`Bulk API 2.0 job ${info.id} is still ${info.state} after ${polling.timeoutMs / 60_000} min`, {
        code: 'BULK_JOB_TIMEOUT',
      });
    }
    delay = Math.min(polling.maxDelayMs, Math.round(delay * 1.5));
  }
}
