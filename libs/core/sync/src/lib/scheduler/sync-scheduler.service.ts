import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import type { Repository } from 'typeorm';
import { RunExecutor } from '../executor/run-executor.service';
import { nextTick, tickAfterRun } from '../jobs/schedule-time';
import { SyncJobEntity } from '../jobs/sync-job.entity';
import { SYNC_QUEUE, type SyncQueueDriver } from '../queue/sync-queue';
import { RunStore } from '../runs/run-store';
import { SyncRunEntity } from '../runs/sync-run.entity';
import { executesRuns, schedulesRuns, SYNC_OPTIONS, type SyncOptions } from '../sync.options';
import { SchedulerLeadership } from './scheduler-leadership';

/** How often runs left behind (a dead process, a due pause) and continuous jobs are looked after. */
const LOOK_AFTER_MS = 5_000;
/** A due tick is run even if the timer fires this early. */
const TICK_TOLERANCE_MS = 1_000;
/** Continuous sessions that failed restart after 2^n seconds, at most this long. */
const MAX_RESTART_DELAY_MS = 5 * 60_000;

type TickColumn = 'nextRunAt' | 'nextRefreshAt';

/** What of a job its timers depend on: a change (made by any process) resets them. */
const timerSignature = (job: SyncJobEntity): string =>
  JSON.stringify([job.enabled, job.mode, job.cron, job.timeZone, job.operation, job.options.computedRefresh ?? null]);

/**
 * Keeps the engine moving: a cron timer per scheduled job (and per computed-field refresh), kept in
 * step as jobs change (here, or in another process: the stored jobs are looked at every few
 * seconds) and rebuilt at start-up; ticks claimed with a compare-and-set on the job's
 * `next_run_at`, so several hub processes run one tick once, and a tick missed while every hub was
 * down runs once, not once per missed tick. It also re-queues runs whose process died (their
 * heartbeat went stale), queued runs whose delivery was lost, paused runs that are due, and keeps
 * one change-stream run going per enabled continuous job, restarting it with backoff after failures.
 *
 * Roles: only a `scheduler` (or `all`) process that is the active scheduler ({@link SchedulerLeadership})
 * keeps timers and looks after runs; only a `worker` (or `all`) process takes runs from the queue.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SyncScheduler');
  private lookAfter: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Whether this process keeps the timers now, and what each job's timers were made from. */
  private leading = false;
  private readonly timed = new Map<string, string>();
  /** A look in progress (a slow database must not pile them up). */
  private looking = false;

  constructor(
    @InjectRepository(SyncJobEntity) private readonly jobs: Repository<SyncJobEntity>,
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    private readonly store: RunStore,
    private readonly executor: RunExecutor,
    private readonly registry: SchedulerRegistry,
    @Inject(SYNC_QUEUE) private readonly queue: SyncQueueDriver,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
    private readonly leadership: SchedulerLeadership,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (executesRuns(this.options)) await this.queue.start((runId) => this.executor.execute(runId));
    if (!schedulesRuns(this.options)) return;
    await this.lookAfterRuns();
    this.lookAfter = setInterval(() => void this.lookAfterRuns(), LOOK_AFTER_MS);
    this.lookAfter.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.lookAfter);
    this.dropTimers();
  }

  /** Brings the timers (and the continuous run) of one job in line with what is stored; also for deleted jobs. */
  async refresh(jobId: string): Promise<void> {
    if (this.stopped) return;
    const job = await this.jobs.findOneBy({ id: jobId });
    if (this.leading) await this.setTimers(jobId, job);
    if (!job) return;
    // Any process may start a change stream (the run's unique index keeps it one); workers execute it.
    if (job.mode === 'continuous' && job.enabled) await this.ensureContinuous(job);
    else {
      const active = await this.store.active(job.id);
      if (active?.trigger === 'continuous') await this.stopContinuous(job.id, active.id);
    }
  }

  /** Stops a job's change-stream run (job disabled, deleted, or no longer continuous). */
  async stopContinuous(jobId: string, runId: string): Promise<void> {
    await this.store.requestCancel(runId);
    if (!this.executor.stopLocal(runId, { kind: 'disabled' })) this.logger.log(`Asked the process running job ${jobId}'s change stream to stop`);
  }

  private async setTimers(jobId: string, job: SyncJobEntity | null): Promise<void> {
    await this.setTimer(`sync-job:${jobId}:run`, job && job.enabled && job.mode === 'scheduled' && job.cron ? job : undefined, 'nextRunAt', job?.cron, job?.timeZone);
    const refresh = job?.enabled && job.operation === 'import' ? job.options.computedRefresh : undefined;
    await this.setTimer(`sync-job:${jobId}:refresh`, refresh && job ? job : undefined, 'nextRefreshAt', refresh?.cron, refresh?.timeZone);
    if (job) this.timed.set(jobId, timerSignature(job));
    else this.timed.delete(jobId);
  }

  /** Timers for the jobs made, changed or deleted since the last look, by this process or another. */
  private async syncTimers(): Promise<void> {
    const jobs = await this.jobs.find();
    for (const job of jobs) if (this.timed.get(job.id) !== timerSignature(job)) await this.setTimers(job.id, job);
    const present = new Set(jobs.map((j) => j.id));
    for (const jobId of [...this.timed.keys()]) if (!present.has(jobId)) await this.setTimers(jobId, null);
  }

  private dropTimers(): void {
    for (const name of this.registry.getCronJobs().keys()) if (name.startsWith('sync-job:')) this.registry.deleteCronJob(name);
    this.timed.clear();
  }

  private async setTimer(name: string, job: SyncJobEntity | undefined, column: TickColumn, cron: string | undefined | null, timeZone: string | undefined | null): Promise<void> {
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    if (!job || !cron) return;
    const zone = timeZone ?? 'UTC';
    const timer = CronJob.from({ cronTime: cron, timeZone: zone, onTick: () => void this.tick(job.id, column, cron, zone), start: true });
    this.registry.addCronJob(name, timer as unknown as Parameters<SchedulerRegistry['addCronJob']>[1]);
    // First timer of the job: note the next tick. A stored tick in the past was missed while the hub was down: run it once now.
    await this.tick(job.id, column, cron, zone, { firstLook: true });
  }

  private async tick(jobId: string, column: TickColumn, cron: string, timeZone: string, options: { firstLook?: boolean } = {}): Promise<void> {
    try {
      const job = await this.jobs.findOneBy({ id: jobId });
      if (!job?.enabled) return;
      const now = new Date();
      const due = job[column];
      if (options.firstLook && !due) {
        await this.claim(job.id, column, null, nextTick(cron, timeZone, now));
        return;
      }
      if (!due || due.getTime() > now.getTime() + TICK_TOLERANCE_MS) return;
      if (!(await this.claim(job.id, column, due, tickAfterRun(cron, timeZone, due, now)))) return; // another process took this tick
      const trigger = column === 'nextRunAt' ? 'schedule' : 'refresh';
      const busy = await this.store.active(job.id);
      if (busy) {
        this.logger.warn(`Job '${job.name}': skipped the ${trigger} tick of ${due.toISOString()}, run ${busy.id} is still ${busy.status}`);
        return;
      }
      const run = await this.store.create(job.id, trigger, trigger === 'refresh');
      await this.queue.enqueue(run.id);
    } catch (error) {
      this.logger.warn(`Schedule of job ${jobId} could not run: ${(error as Error).message}`);
    }
  }

  /** Moves the job's next tick from `expected` to `next`; false when another process did first. */
  private async claim(jobId: string, column: TickColumn, expected: Date | null, next: Date): Promise<boolean> {
    const name = column === 'nextRunAt' ? 'next_run_at' : 'next_refresh_at';
    const query = this.jobs.createQueryBuilder().update().set({ [column]: next }).where('id = :jobId', { jobId });
    if (expected) query.andWhere(`${name} = :expected`, { expected: expected.toISOString() });
    else query.andWhere(`${name} IS NULL`);
    return ((await query.execute()).affected ?? 0) > 0;
  }

  private async lookAfterRuns(): Promise<void> {
    if (this.stopped || this.looking) return;
    this.looking = true;
    try {
      const leading = await this.leadership.lead();
      if (!leading) {
        if (this.leading) this.dropTimers();
        this.leading = false;
        return;
      }
      this.leading = true;
      await this.syncTimers();
      for (const run of await this.store.resumable()) await this.queue.enqueue(run.id, { longRunning: run.trigger === 'continuous', attempt: run.attempts });
      for (const job of await this.jobs.findBy({ mode: 'continuous', enabled: true })) await this.ensureContinuous(job);
    } catch (error) {
      this.logger.warn(`Looking after sync runs failed: ${(error as Error).message}`);
    } finally {
      this.looking = false;
    }
  }

  private async ensureContinuous(job: SyncJobEntity): Promise<void> {
    if (await this.store.active(job.id)) return;
    const recent = await this.runs.find({ where: { jobId: job.id, trigger: 'continuous' }, order: { queuedAt: 'DESC' }, take: 10 });
    const failures = recent.findIndex((r) => r.status !== 'failed');
    const streak = failures === -1 ? recent.length : failures;
    const last = recent[0];
    if (streak > 0 && last?.finishedAt) {
      const wait = Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** streak);
      if (Date.now() - last.finishedAt.getTime() < wait) return;
    }
    try {
      const run = await this.store.create(job.id, 'continuous', false);
      await this.queue.enqueue(run.id, { longRunning: true });
    } catch {
      // another process started it first
    }
  }
}
