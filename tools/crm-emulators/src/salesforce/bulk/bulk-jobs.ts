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

/** Bulk API 2.0 jobs of the org (ids with the 750 prefix), and what they count against the daily limits. */
export class BulkJobs {
  readonly jobs = new Map<string, QueryJob | IngestJob>();
  private seq = 1;

  constructor(private readonly clock: EmulatorClock) {}

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
