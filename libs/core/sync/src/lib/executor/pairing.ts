import type { Repository } from 'typeorm';
import type { SyncJobEntity } from '../jobs/sync-job.entity';
import type { PairImport } from './pair-import';

/**
 * The bidirectional pair an import job belongs to (an export job on its schema names it), if any.
 *
 * @example
 * ```ts
 * const pair = await pairOf(jobs, importJob, run.id);
 * ```
 */
export async function pairOf(jobs: Repository<SyncJobEntity>, job: SyncJobEntity, runId: string): Promise<PairImport | undefined> {
  if (job.operation !== 'import') return undefined;
  const exports = await jobs.findBy({ schemaId: job.schemaId, operation: 'export' });
  const partner = exports.find((e) => e.options.pair?.importJobId === job.id);
  return partner?.options.pair ? { id: partner.id, policy: partner.options.pair.conflictPolicy, jobId: job.id, runId } : undefined;
}
