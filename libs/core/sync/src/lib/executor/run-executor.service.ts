import { AccountsService, ConnectorSessions, SecretRedactor, type ConnectorSession } from '@crm-hub/accounts';
import { dialectOf } from '@crm-hub/persistence';
import type { StatusMessage } from '@crm-hub/plugin-sdk';
import { PluginRegistry } from '@crm-hub/plugin-registry';
import { rowFilterSql, SchemasService } from '@crm-hub/schemas';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { SyncJobEntity } from '../jobs/sync-job.entity';
import { LeaseService } from '../leases/lease.service';
import { OrgBackedOff, RunLimits } from '../limits/run-limits';
import { orgKeyOf } from '../limits/org-key';
import { SYNC_LIMITS, type SyncLimits } from '../limits/sync-limits';
import { SYNC_OPTIONS, type SyncOptions } from '../sync.options';
import { SyncMetrics } from '../metrics/sync-metrics';
import { SYNC_QUEUE, type SyncQueueDriver } from '../queue/sync-queue';
import type { SyncCheckpointEntity } from '../runs/sync-checkpoint.entity';
import { SyncRunEntity, type RunNote } from '../runs/sync-run.entity';
import { RunStore } from '../runs/run-store';
import type { CommitContext } from './batch-committer';
import { loadCheckpoint, planReadStart, resetFullRead } from './checkpoint-store';
import { consumeStream, runImport, type ImportDeps } from './import-read';
import { mayNeedSweep } from './sweep';
import { failureOutcome, RunStopped, type StopReason } from './run-outcome';
import { fieldsKey, readFields, sweepAllowed, tableTarget } from './run-target';
import { pairOf } from './pairing';
import { runWriteJob } from './write-job';

/**
 * The page-size hint of jobs that set none. Plugins clamp it to what their CRM allows, so REST
 * pages stay at the CRM's maximum (2,000 Salesforce, 5,000 Dataverse) while bulk result pages are
 * held to this size: with one page committing and one read ahead, a run's memory stays in the tens
 * of megabytes whatever the plugin's own default.
 */
export const DEFAULT_PAGE_SIZE_HINT = 10_000;

/** A run refused for want of an account slot is offered again after this long. */
const SLOT_RETRY_MS = 2_000;

/** One run being executed by this process. */
interface LocalRun {
  controller: AbortController;
  session?: ConnectorSession;
  limits?: RunLimits;
}

/** What an import read of one run works with. */
interface ImportRead {
  run: SyncRunEntity;
  job: SyncJobEntity;
  local: LocalRun;
  notes: RunNote[];
  objectName: string;
  context: CommitContext;
  key: string;
  allowSweep: boolean;
}

/**
 * Executes runs handed over by the queue: claims the run and its job's lease (so it runs once,
 * whichever process got it), opens a connector on the job's account, reads and commits, keeps the
 * lease and the run's heartbeat alive, and ends the run as succeeded, failed (with a masked
 * reason), paused (CRM quota used up: it tries again later) or cancelled. On shutdown, runs in
 * progress stop at once and go back to the queue: they resume from their last committed checkpoint.
 */
@Injectable()
export class RunExecutor implements OnApplicationShutdown {
  private readonly logger = new Logger('SyncRuns');
  private readonly local = new Map<string, LocalRun>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SyncJobEntity) private readonly jobs: Repository<SyncJobEntity>,
    private readonly store: RunStore,
    private readonly leases: LeaseService,
    private readonly accounts: AccountsService,
    private readonly schemas: SchemasService,
    private readonly sessions: ConnectorSessions,
    private readonly redactor: SecretRedactor,
    private readonly metrics: SyncMetrics,
    @Inject(SYNC_QUEUE) private readonly queue: SyncQueueDriver,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
    private readonly registry: PluginRegistry,
    @Inject(SYNC_LIMITS) private readonly limits: SyncLimits,
  ) {}

  /** Runs executing in this process now (for \`/metrics\`). */
  get inFlight(): number {
    return this.local.size;
  }

  /** Stops a run executed here (cancel, disable); false when it is not running in this process. */
  stopLocal(runId: string, reason: StopReason): boolean {
    const run = this.local.get(runId);
    if (!run) return false;
    run.controller.abort(new RunStopped(reason));
    return true;
  }

  async execute(runId: string): Promise<void> {
    const run = await this.store.find(runId);
    if (!run || !['queued', 'running', 'paused'].includes(run.status)) return;
    if (run.status === 'paused' && run.nextAttemptAt && run.nextAttemptAt.getTime() > Date.now()) {
      await this.queue.enqueue(runId, { delayMs: run.nextAttemptAt.getTime() - Date.now(), attempt: run.attempts });
      return;
    }
    const job = await this.jobs.findOneBy({ id: run.jobId });
    if (!job) return;
    // Continuous runs hold their slot for ever: the per-account limit is for runs that end.
    const slotted = run.trigger !== 'continuous';
    if (slotted && !(await this.limits.slots.take(job.accountId, run.id).catch(() => true))) {
      await this.queue.enqueue(runId, { delayMs: SLOT_RETRY_MS, attempt: run.attempts });
      return;
    }
    try {
      if (!(await this.leases.acquire(job.id, run.id))) return; // another process runs it; recovery takes over if it dies
      const claimed = await this.store.claim(run.id, this.options.workerName);
      if (!claimed) return await this.leases.release(job.id, run.id);
      if (claimed.cancelRequested) {
        await this.store.finish(run.id, 'cancelled', {});
        return await this.leases.release(job.id, run.id);
      }
      await this.work(claimed, job);
    } finally {
      if (slotted) await this.limits.slots.release(job.accountId, run.id).catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const run of this.local.values()) run.controller.abort(new RunStopped({ kind: 'shutdown' }));
    await this.queue.stop();
    await this.limits.close();
  }

  private async work(run: SyncRunEntity, job: SyncJobEntity): Promise<void> {
    const local: LocalRun = { controller: new AbortController() };
    this.local.set(run.id, local);
    const notes: RunNote[] = [...run.notes];
    const baseCalls = run.apiCalls;
    // Renew the lease, record the heartbeat and look for a cancel request: six times per lease lifetime.
    const heartbeat = setInterval(() => void this.beat(run, job, local, baseCalls), Math.max(100, Math.floor(this.options.leaseTtlMs / 6)));
    const started = Date.now();
    try {
      const account = await this.accounts.findEntity(job.accountId);
      local.limits = new RunLimits(this.limits, orgKeyOf(account));
      await local.limits.checkOrg();
      const stop = (until: Date) => local.controller.abort(new RunStopped({ kind: 'org-backoff', until }));
      local.session = await this.sessions.open(account, { signal: local.controller.signal, meterListener: local.limits.meter(stop) });
      await this.operate(run, job, local, notes);
      await this.store.finish(run.id, 'succeeded', { notes, apiCalls: baseCalls + local.session.meter.total });
      this.metrics.runFinished('succeeded', job.operation, (Date.now() - started) / 1000);
    } catch (error) {
      await this.ended(run, job, local, notes, baseCalls, error, (Date.now() - started) / 1000);
    } finally {
      clearInterval(heartbeat);
      this.local.delete(run.id);
      await local.session?.close();
      await this.leases.release(job.id, run.id).catch(() => undefined);
    }
  }

  private async operate(run: SyncRunEntity, job: SyncJobEntity, local: LocalRun, notes: RunNote[]): Promise<void> {
    const schema = await this.schemas.findEntity(job.schemaId);
    const target = tableTarget(job, schema, dialectOf(this.dataSource));
    const key = fieldsKey(job);
    const allowSweep = sweepAllowed(job);
    if (job.operation === 'export' || job.operation === 'delete') {
      return runWriteJob(
        {
          dataSource: this.dataSource,
          connector: (local.session as ConnectorSession).connector,
          signal: local.controller.signal,
          runId: run.id,
          full: run.full,
          maxBatch: this.registry.get((await this.accounts.findEntity(job.accountId)).pluginId)?.capabilities.write.maxBatch ?? 200,
          note: (note) => notes.push({ code: note.code, message: this.redactor.redact(note.message) }),
          rowFilter: (params) => rowFilterSql(this.dataSource, schema, job.filter, params),
          throttled: (until) => void local.limits?.backOff(until),
        },
        job,
        schema,
      );
    }
    const pair = await pairOf(this.jobs, job, run.id);
    const context: CommitContext = { jobId: job.id, runId: run.id, target, recordSeen: false, ...(pair ? { pair } : {}) };
    const saved = await loadCheckpoint(this.dataSource, job.id);
    const read: ImportRead = { run, job, local, notes, objectName: schema.objectName, context, key, allowSweep };
    if (job.mode === 'continuous' && run.trigger === 'continuous') {
      // A change stream without a checkpoint begins "now": records that exist already would never
      // come. So the stream's first run reads everything (or finishes that read, or reads again
      // when the mapped fields changed), then follows the changes from where that read ended.
      const start = planReadStart(saved, { runId: run.id, full: false, incremental: true, fieldsKey: key, sweepAllowed: allowSweep });
      if (start.freshFull || start.sweeping) await this.importRecords(read, saved);
      const checkpoint = (await loadCheckpoint(this.dataSource, job.id))?.checkpoint ?? undefined;
      const changes = (local.session as ConnectorSession).connector.changes({ object: schema.objectName, fields: readFields(job), ...(checkpoint ? { checkpoint } : {}) });
      await consumeStream(this.importDeps(run, job, local, { ...context, recordSeen: false }, notes), changes, { ...(checkpoint ? { checkpoint } : {}), fieldsKey: key, sweeping: false });
      throw new Error('The change stream ended unexpectedly; it will be restarted');
    }
    await this.importRecords(read, saved);
  }

  /** An import read (or a deleted-records read), from where the job's checkpoint says. */
  private async importRecords(read: ImportRead, saved: SyncCheckpointEntity | undefined): Promise<void> {
    const { run, job, local, notes, context, key, allowSweep } = read;
    const start = planReadStart(saved, { runId: run.id, full: run.full, incremental: job.options.incremental, fieldsKey: key, sweepAllowed: allowSweep && job.operation === 'import' });
    if (start.freshFull && start.sweeping && !(await mayNeedSweep(this.dataSource, context.target))) start.sweeping = false;
    if (start.freshFull) await resetFullRead(this.dataSource, context, key, start.sweeping);
    if (start.reason) notes.push({ code: 'FULL_READ', message: `Reading everything: ${start.reason}` });
    if (start.checkpoint === undefined && !run.full) await this.store.markFull(run.id);
    context.recordSeen = start.sweeping;
    const deps = this.importDeps(run, job, local, context, notes);
    const deletedOnly = job.operation === 'import-deleted';
    await runImport(deps, {
      object: read.objectName,
      fields: deletedOnly ? [] : readFields(job),
      ...(job.filter ? { filter: job.filter } : {}),
      deletes: deletedOnly ? (start.sweeping ? 'exclude' : 'only') : job.options.deletes === 'ignore' ? 'exclude' : 'include',
      ...(deletedOnly && job.options.window ? { window: job.options.window } : {}),
      pageSize: job.options.pageSize ?? DEFAULT_PAGE_SIZE_HINT,
      fieldsKey: key,
      ...(start.checkpoint ? { checkpoint: start.checkpoint } : {}),
      sweeping: start.sweeping,
      sweepAllowed: allowSweep,
    });
  }

  private importDeps(run: SyncRunEntity, job: SyncJobEntity, local: LocalRun, context: CommitContext, notes: RunNote[]): ImportDeps {
    return {
      dataSource: this.dataSource,
      connector: (local.session as ConnectorSession).connector,
      context,
      signal: local.controller.signal,
      note: (note) => {
        notes.push({ code: note.code, message: this.redactor.redact(note.message) });
        void this.store.saveNotes(run.id, notes).catch(() => undefined);
      },
      status: (message: StatusMessage) => this.status(run, job, message),
      throttled: (until) => void local.limits?.backOff(until),
      committed: (records, lastModifiedAt) => {
        this.metrics.recordsWritten(job.operation, records);
        if (job.mode === 'continuous' && lastModifiedAt) this.metrics.changeLag((Date.now() - Date.parse(lastModifiedAt)) / 1000);
      },
    };
  }

  private status(run: SyncRunEntity, job: SyncJobEntity, message: StatusMessage): void {
    if (typeof message.total === 'number') void this.store.setExpectedTotal(run.id, message.total).catch(() => undefined);
    const text = this.redactor.redact(`${message.code}: ${message.message}`);
    if (message.level === 'warn') this.logger.warn(`Job '${job.name}' run ${run.id}: ${text}`);
    else this.logger.log(`Job '${job.name}' run ${run.id}: ${text}`);
  }

  private async beat(run: SyncRunEntity, job: SyncJobEntity, local: LocalRun, baseCalls: number): Promise<void> {
    try {
      if (!(await this.leases.renew(job.id, run.id))) {
        local.controller.abort(new RunStopped({ kind: 'lease-lost' }));
        return;
      }
      if (run.trigger !== 'continuous') await this.limits.slots.keep(job.accountId, run.id).catch(() => undefined);
      const state = await this.store.heartbeat(run.id, baseCalls + (local.session?.meter.total ?? 0));
      if (state?.cancelRequested) local.controller.abort(new RunStopped({ kind: 'cancel' }));
    } catch (error) {
      this.logger.warn(`Heartbeat of run ${run.id} failed: ${(error as Error).message}`);
    }
  }

  private async ended(run: SyncRunEntity, job: SyncJobEntity, local: LocalRun, notes: RunNote[], baseCalls: number, error: unknown, seconds: number): Promise<void> {
    const apiCalls = baseCalls + (local.session?.meter.total ?? 0);
    const stop = local.controller.signal.reason instanceof RunStopped ? local.controller.signal.reason.reason : undefined;
    if (stop?.kind === 'lease-lost') {
      this.logger.warn(`Run ${run.id} of job '${job.name}' lost its lease (another process took over); stopping here`);
      return;
    }
    if (stop?.kind === 'shutdown') {
      await this.store.requeue(run.id, apiCalls, { code: 'INTERRUPTED', message: 'The hub stopped during the run; it resumes from its last checkpoint' });
      return;
    }
    if (stop?.kind === 'org-backoff' || error instanceof OrgBackedOff) {
      const until = stop?.kind === 'org-backoff' ? stop.until : (error as OrgBackedOff).until;
      await this.store.pause(run.id, until, { code: 'ORG_BACKOFF', message: new OrgBackedOff(until).message }, apiCalls, notes);
      await this.queue.enqueue(run.id, { delayMs: until.getTime() - Date.now(), attempt: run.attempts });
      this.metrics.runFinished('paused', job.operation, seconds);
      return;
    }
    if (stop?.kind === 'cancel' || stop?.kind === 'disabled') {
      await this.store.finish(run.id, 'cancelled', { notes, apiCalls });
      this.metrics.runFinished('cancelled', job.operation, seconds);
      return;
    }
    const outcome = failureOutcome(error, new Date(), this.options.quotaPauseMs);
    const masked = { code: outcome.error.code, message: this.redactor.redact(outcome.error.message) };
    if (outcome.status === 'paused') {
      // Told by the CRM to stop (quota, throttling): every worker backs off for this org.
      await local.limits?.backOff(outcome.nextAttemptAt);
      await this.store.pause(run.id, outcome.nextAttemptAt, masked, apiCalls, notes);
      await this.queue.enqueue(run.id, { delayMs: outcome.nextAttemptAt.getTime() - Date.now(), attempt: run.attempts });
    } else {
      await this.store.finish(run.id, 'failed', { notes, apiCalls, error: masked });
      this.logger.warn(`Run ${run.id} of job '${job.name}' failed: ${masked.message}`);
    }
    this.metrics.runFinished(outcome.status, job.operation, seconds);
  }
}
