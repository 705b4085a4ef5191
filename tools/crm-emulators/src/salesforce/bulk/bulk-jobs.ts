import type { EmulatorClock } from '../../common/clock';
import type { QueryRun } from '../soql/soql-executor';
import { makeId } from '../util/record-ids';
import { DAY_MS, restDateTime } from '../util/sf-dates';
import type { CsvFormat } from './bulk-csv';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface JobBase {
  id: string;
  object: string;
  createdMs: number;
  modifiedMs: number;
  state: JobState;
  /** Status checks left that still answer InProgress after the work is done. */
  pollsLeft: number;
  version: string;
  format: CsvFormat;
}

export interface QueryJob extends JobBase {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: string;
  run?: QueryRun;
}

export interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
  externalIdFieldName?: string;
  uploads: string[];
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
  errorMessage?: string;
  batches: number;
}

/** Salesforce deletes Bulk API 2.0 jobs 7 days after they finish. */
export const JOB_RETENTION_MS = 7 * DAY_MS;

/** A fault of query result pages: `skip` more pages are served, then `left` requests fail (Infinity: until cleared). */
export interface ResultPageFault {
  skip: number;
  left: number;
}

/** Bulk API 2.0 jobs of the org (ids with the 750 prefix), and what they count against the daily limits. */
export class BulkJobs {
  readonly jobs = new Map<string, QueryJob | IngestJob>();
  /** Set by the control interface: query result pages fail as configured. */
  resultFault: ResultPageFault | undefined;
  private seq = 1;

  constructor(private readonly clock: EmulatorClock) {}

  /** The job, unless it finished more than {@link JOB_RETENTION_MS} ago (then it is deleted, as Salesforce purges it). */
  find(id: string): QueryJob | IngestJob | undefined {
    const job = this.jobs.get(id);
    if (job && (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') && this.clock.nowMs() - job.modifiedMs > JOB_RETENTION_MS) {
      this.jobs.delete(id);
      return undefined;
    }
    return job;
  }

  /** Whether this results request fails (an injected fault), counting the pages served before it. */
  takeResultFault(): boolean {
    const fault = this.resultFault;
    if (!fault) return false;
    if (fault.skip > 0) {
      fault.skip--;
      return false;
    }
    fault.left--;
    if (fault.left <= 0) this.resultFault = undefined;
    return true;
  }

  newId(): string {
    return makeId('750', this.seq++);
  }

  queryJobsLast24h(): number {
    const horizon = this.clock.nowMs() - DAY_MS;
    return [...this.jobs.values()].filter((j) => j.kind === 'query' && j.createdMs > horizon).length;
  }

  ingestBatchesLast24h(): number {
    const horizon = this.clock.nowMs() - DAY_MS;
    return [...this.jobs.values()].reduce((sum, j) => sum + (j.kind === 'ingest' && j.createdMs > horizon ? j.batches : 0), 0);
  }

  /** The state a status check sees: finished work can still show InProgress for a few checks. */
  observe(job: QueryJob | IngestJob): JobState {
    if (job.state !== 'JobComplete' && job.state !== 'Failed') return job.state;
    if (job.pollsLeft > 0) {
      job.pollsLeft--;
      return 'InProgress';
    }
    return job.state;
  }
}

/** Job info fields common to both job kinds, as Salesforce orders them. */
export function jobInfoBase(job: QueryJob | IngestJob, createdById: string, state: JobState): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById,
    createdDate: restDateTime(job.createdMs),
    systemModstamp: restDateTime(job.modifiedMs),
    state,
    ...(job.kind === 'ingest' && job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.version.slice(1)),
  };
}
