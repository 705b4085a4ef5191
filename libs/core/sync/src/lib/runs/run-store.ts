import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import { ACTIVE_RUN_STATUSES, SyncRunEntity, type RunNote, type RunStatus, type RunTrigger } from './sync-run.entity';

import { SYNC_OPTIONS, type SyncOptions } from '../sync.options';

/**
 * Every state change of a run row, each a single conditional update so that several processes
 * (and the API) can act on runs at once without losing a transition.
 */
@Injectable()
export class RunStore {
  constructor(
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
  ) {}

  /** A run whose heartbeat is this old is abandoned (its process died): 1.5 lease lifetimes. */
  private get staleMs(): number {
    return this.options.leaseTtlMs * 1.5;
  }

  find(id: string): Promise<SyncRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  async get(id: string): Promise<SyncRunEntity> {
    const run = await this.find(id);
    if (!run) throw new NotFoundException(`No run has id '${id}'`);
    return run;
  }

  /** The job's queued, running or paused run, if any. */
  active(jobId: string): Promise<SyncRunEntity | null> {
    return this.runs.findOne({ where: { jobId, status: In([...ACTIVE_RUN_STATUSES]) } });
  }

  /** A new queued run; 409 naming the job's active run when there is one (a unique index makes it atomic). */
  async create(jobId: string, trigger: RunTrigger, full: boolean): Promise<SyncRunEntity> {
    const busy = await this.active(jobId);
    if (busy) throw this.busy(busy);
    const run = this.runs.create({
      id: randomUUID(),
      jobId,
      status: 'queued',
      trigger,
      full,
      recordsRead: 0,
      inserted: 0,
      updated: 0,
      deleted: 0,
      rejected: 0,
      skipped: 0,
      apiCalls: 0,
      workers: [],
      expectedTotal: null,
      error: null,
      notes: [],
      attempts: 0,
      cancelRequested: false,
      nextAttemptAt: null,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
    });
    try {
      await this.runs.insert(run);
    } catch (error) {
      const other = await this.active(jobId);
      if (other) throw this.busy(other);
      throw error;
    }
    return run;
  }

  /** Takes a run for execution (queued, paused, or running but abandoned) for `worker`; null when someone else has it. */
  async claim(id: string, worker = 'hub', now = new Date()): Promise<SyncRunEntity | null> {
    const stale = new Date(now.getTime() - this.staleMs).toISOString();
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'running', heartbeatAt: now, nextAttemptAt: null, attempts: () => '"attempts" + 1' })
      .where('id = :id', { id })
      .andWhere(`(status IN ('queued', 'paused') OR (status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < :stale)))`, { stale })
      .execute();
    if (!result.affected) return null;
    await this.runs.createQueryBuilder().update().set({ startedAt: now }).where('id = :id AND started_at IS NULL', { id }).execute();
    const claimed = await this.find(id);
    if (!claimed) return null;
    // Ours alone now (the claim above was the compare-and-set): the list cannot lose an entry.
    claimed.workers = [...claimed.workers, worker].slice(-20);
    await this.runs.update({ id }, { workers: claimed.workers });
    return claimed;
  }

  async heartbeat(id: string, apiCalls: number): Promise<Pick<SyncRunEntity, 'cancelRequested'> | null> {
    await this.runs.update({ id, status: 'running' }, { heartbeatAt: new Date(), apiCalls });
    return this.runs.findOne({ where: { id }, select: { id: true, cancelRequested: true } });
  }

  async finish(id: string, status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>, fields: { notes?: RunNote[]; apiCalls?: number; error?: { code: string; message: string } }): Promise<void> {
    await this.runs.update(
      { id },
      {
        status,
        finishedAt: new Date(),
        heartbeatAt: null,
        ...(fields.notes ? { notes: fields.notes } : {}),
        ...(fields.apiCalls !== undefined ? { apiCalls: fields.apiCalls } : {}),
        ...(fields.error ? { error: fields.error } : {}),
      },
    );
  }

  async pause(id: string, nextAttemptAt: Date, error: { code: string; message: string }, apiCalls: number, notes: RunNote[]): Promise<void> {
    await this.runs.update({ id }, { status: 'paused', nextAttemptAt, error, apiCalls, notes, heartbeatAt: null });
  }

  /** Back to the queue (the hub is stopping): it resumes from its last checkpoint. */
  async requeue(id: string, apiCalls: number, note: RunNote): Promise<void> {
    const run = await this.find(id);
    if (!run) return;
    await this.runs.update({ id }, { status: 'queued', apiCalls, heartbeatAt: null, notes: [...run.notes, note] });
  }

  async saveNotes(id: string, notes: RunNote[]): Promise<void> {
    await this.runs.update({ id }, { notes });
  }

  async setExpectedTotal(id: string, total: number): Promise<void> {
    await this.runs.update({ id }, { expectedTotal: Math.max(0, Math.floor(total)) });
  }

  async markFull(id: string): Promise<void> {
    await this.runs.update({ id }, { full: true });
  }

  /** Asks a run to stop: a queued or paused one is cancelled at once, a running one at its next heartbeat. */
  async requestCancel(id: string): Promise<SyncRunEntity> {
    const run = await this.get(id);
    if (run.status === 'queued' || run.status === 'paused') {
      const result = await this.runs.update({ id, status: run.status }, { status: 'cancelled', finishedAt: new Date(), cancelRequested: true });
      if (result.affected) return this.get(id);
    }
    if (run.status === 'running' || run.status === 'queued') await this.runs.update({ id }, { cancelRequested: true });
    return this.get(id);
  }

  /** Runs another process abandoned (running without a recent heartbeat), queued runs, and paused runs now due. */
  async resumable(now = new Date()): Promise<SyncRunEntity[]> {
    const stale = new Date(now.getTime() - this.staleMs).toISOString();
    return this.runs
      .createQueryBuilder('run')
      .where(`run.status = 'queued'`)
      .orWhere(`run.status = 'running' AND (run.heartbeatAt IS NULL OR run.heartbeatAt < :stale)`, { stale })
      .orWhere(`run.status = 'paused' AND run.nextAttemptAt < :now`, { now: now.toISOString() })
      .orderBy('run.queuedAt', 'ASC')
      .getMany();
  }

  private busy(run: SyncRunEntity): ConflictException {
    return new ConflictException(
      `The job already has a ${run.status} run (${run.id}): wait for it to end, or cancel it with POST /api/sync/runs/${run.id}/cancel`,
    );
  }
}
