import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RunExecutor } from '../executor/run-executor.service';
import type { ConflictsPageView, RejectsPageView, RunsPageView, RunView } from './dto/run.view';
import type { RejectsQueryDto, RunsQueryDto } from './dto/runs-query.dto';
import { RunStore } from './run-store';
import { toConflictView, toRejectView, toRunView } from './run-views';
import { SyncConflictEntity } from './sync-conflict.entity';
import { SyncRejectEntity } from './sync-reject.entity';
import { SyncRunEntity } from './sync-run.entity';

/** Runs and their rejects, as the API shows them; cancellation. */
@Injectable()
export class RunsService {
  constructor(
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    @InjectRepository(SyncRejectEntity) private readonly rejects: Repository<SyncRejectEntity>,
    @InjectRepository(SyncConflictEntity) private readonly conflicts: Repository<SyncConflictEntity>,
    private readonly store: RunStore,
    private readonly executor: RunExecutor,
  ) {}

  /** Newest first, `limit` a page; `next` continues with older runs; `accounts`: only the runs of their jobs. */
  async list(query: RunsQueryDto, accounts?: string[]): Promise<RunsPageView> {
    const limit = query.limit ?? 50;
    const qb = this.runs.createQueryBuilder('run').orderBy('run.queuedAt', 'DESC').addOrderBy('run.id', 'DESC').take(limit + 1);
    if (query.jobId) qb.andWhere('run.jobId = :jobId', { jobId: query.jobId });
    if (query.status) qb.andWhere('run.status = :status', { status: query.status });
    if (accounts) {
      if (accounts.length === 0) return { runs: [], next: null };
      qb.andWhere('run.jobId IN (SELECT job.id FROM sync_job job WHERE job.account_id IN (:...accounts))', { accounts });
    }
    if (query.before) {
      const anchor = await this.store.find(query.before);
      if (!anchor) throw new BadRequestException({ message: 'Unknown page cursor', errors: [{ field: 'before', message: 'pass the `next` value of a previous page' }] });
      qb.andWhere('(run.queuedAt < :at OR (run.queuedAt = :at AND run.id < :id))', { at: anchor.queuedAt.toISOString(), id: anchor.id });
    }
    const found = await qb.getMany();
    const page = found.slice(0, limit);
    return { runs: page.map((r) => toRunView(r)), next: found.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async get(id: string): Promise<RunView> {
    return toRunView(await this.store.get(id));
  }

  /** Cancels a queued or paused run at once, a running one within a heartbeat (202 with the run as it is now). */
  async cancel(id: string): Promise<RunView> {
    const run = await this.store.requestCancel(id);
    if (run.status === 'running') this.executor.stopLocal(id, { kind: 'cancel' });
    return toRunView(run);
  }

  async runRejects(runId: string, query: RejectsQueryDto): Promise<RejectsPageView> {
    await this.store.get(runId);
    return this.page({ runId }, query);
  }

  /** The job's rejects still open (rows not written since), oldest first. */
  async jobRejects(jobId: string, query: RejectsQueryDto): Promise<RejectsPageView> {
    return this.page({ jobId }, query);
  }

  /** Fields a bidirectional run found changed on both sides, and who won, oldest first. */
  async runConflicts(runId: string, query: RejectsQueryDto): Promise<ConflictsPageView> {
    await this.store.get(runId);
    const limit = query.limit ?? 100;
    const qb = this.conflicts.createQueryBuilder('c').where('c.runId = :runId', { runId }).orderBy('c.createdAt', 'ASC').addOrderBy('c.id', 'ASC').take(limit + 1);
    if (query.after) {
      const anchor = await this.conflicts.findOneBy({ id: query.after });
      if (!anchor) throw new BadRequestException({ message: 'Unknown page cursor', errors: [{ field: 'after', message: 'pass the `next` value of a previous page' }] });
      qb.andWhere('(c.createdAt > :at OR (c.createdAt = :at AND c.id > :id))', { at: anchor.createdAt.toISOString(), id: anchor.id });
    }
    const found = await qb.getMany();
    const page = found.slice(0, limit);
    return { conflicts: page.map(toConflictView), next: found.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  private async page(where: { runId: string } | { jobId: string }, query: RejectsQueryDto): Promise<RejectsPageView> {
    const limit = query.limit ?? 100;
    const qb = this.rejects.createQueryBuilder('r').orderBy('r.createdAt', 'ASC').addOrderBy('r.id', 'ASC').take(limit + 1);
    if ('runId' in where) qb.andWhere('r.runId = :runId', where);
    else qb.andWhere("r.jobId = :jobId AND r.status = 'open'", where);
    if (query.after) {
      const anchor = await this.rejects.findOneBy({ id: query.after });
      if (!anchor) throw new BadRequestException({ message: 'Unknown page cursor', errors: [{ field: 'after', message: 'pass the `next` value of a previous page' }] });
      qb.andWhere('(r.createdAt > :at OR (r.createdAt = :at AND r.id > :id))', { at: anchor.createdAt.toISOString(), id: anchor.id });
    }
    const found = await qb.getMany();
    const page = found.slice(0, limit);
    return { rejects: page.map(toRejectView), next: found.length > limit ? (page.at(-1)?.id ?? null) : null };
  }
}
