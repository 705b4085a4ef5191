import { ResourceRegistry } from '@crm-hub/access';
import { AccountUsageRegistry } from '@crm-hub/accounts';
import { SchemaUsageRegistry } from '@crm-hub/schemas';
import { type DynamicModule, Module, type ModuleMetadata, type OnModuleInit, Optional } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunExecutor } from './executor/run-executor.service';
import { JobsController } from './jobs/jobs.controller';
import { JobsService } from './jobs/jobs.service';
import { SyncJobEntity } from './jobs/sync-job.entity';
import { JobLeaseEntity } from './leases/job-lease.entity';
import { LeaseService } from './leases/lease.service';
import { SyncMetrics } from './metrics/sync-metrics';
import { inProcessLimits } from './limits/in-process-limits';
import { redisLimits } from './limits/redis-limits';
import { SYNC_LIMITS } from './limits/sync-limits';
import { WorkerMetrics } from './metrics/worker-metrics';
import { BullMqQueueDriver } from './queue/bullmq-queue.driver';
import { InProcessQueueDriver } from './queue/in-process-queue.driver';
import { SYNC_QUEUE } from './queue/sync-queue';
import { RunStore } from './runs/run-store';
import { toRunView } from './runs/run-views';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { SyncCheckpointEntity } from './runs/sync-checkpoint.entity';
import { SyncRejectEntity } from './runs/sync-reject.entity';
import { SyncConflictEntity } from './runs/sync-conflict.entity';
import { SyncRunEntity } from './runs/sync-run.entity';
import { SchedulerLeadership } from './scheduler/scheduler-leadership';
import { SyncScheduler } from './scheduler/sync-scheduler.service';
import { SYNC_OPTIONS, type SyncOptions } from './sync.options';

/** Options of {@link SyncModule.forRoot}. */
export interface SyncModuleOptions extends SyncOptions {
  /** Must provide the accounts, schemas and plugin-registry features. */
  imports: ModuleMetadata['imports'];
}

/** Runs of one account at once across workers, unless set. */
const DEFAULT_ACCOUNT_CONCURRENCY = 4;
/** CRM calls kept back from an org's reported quota, unless set. */
const DEFAULT_BUDGET_RESERVE = 50;

/**
 * The sync engine: jobs, runs, checkpoints, leases, rejects, the executor, the scheduler and the run
 * queue. With `redisUrl`, runs queue in BullMQ for any worker process, and the per-account slots and
 * per-org API budgets are shared through Redis; without, all of it lives in this process.
 */
@Module({})
export class SyncModule implements OnModuleInit {
  static readonly entities = [SyncJobEntity, SyncRunEntity, SyncCheckpointEntity, SyncRejectEntity, SyncConflictEntity, JobLeaseEntity];

  constructor(
    private readonly accountUsage: AccountUsageRegistry,
    private readonly schemaUsage: SchemaUsageRegistry,
    private readonly jobs: JobsService,
    private readonly runStore: RunStore,
    @Optional() private readonly resources?: ResourceRegistry,
  ) {}

  static forRoot(options: SyncModuleOptions): DynamicModule {
    const { imports: _imports, ...settings } = options;
    return {
      module: SyncModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(SyncModule.entities), ScheduleModule.forRoot()],
      controllers: [JobsController, RunsController],
      providers: [
        { provide: SYNC_OPTIONS, useValue: settings },
        {
          provide: SYNC_QUEUE,
          useFactory: () => (options.redisUrl ? new BullMqQueueDriver(options.redisUrl, options.concurrency, settings.workerName ?? 'hub') : new InProcessQueueDriver(options.concurrency)),
        },
        {
          provide: SYNC_LIMITS,
          useFactory: () => {
            const shared = { reserve: options.budgetReserve ?? DEFAULT_BUDGET_RESERVE, pauseMs: options.quotaPauseMs, perAccount: options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY };
            return options.redisUrl ? redisLimits(options.redisUrl, { ...shared, slotTtlMs: options.leaseTtlMs * 1.5 }) : inProcessLimits(shared);
          },
        },
        SchedulerLeadership,
        WorkerMetrics,
        JobsService,
        RunsService,
        RunStore,
        RunExecutor,
        LeaseService,
        SyncMetrics,
        SyncScheduler,
      ],
      exports: [JobsService, RunsService, SYNC_QUEUE],
    };
  }

  /** Accounts and schemas that jobs use cannot be deleted. */
  onModuleInit(): void {
    this.accountUsage.register({ kind: 'sync job', find: (accountId) => this.jobs.namesOnAccount(accountId) });
    this.schemaUsage.register({ kind: 'sync job', find: (schemaId) => this.jobs.namesOnSchema(schemaId) });
    // Jobs and runs belong to their job's account: keys limited to accounts see only theirs.
    this.resources?.register('job', {
      ownerOf: async (id) => (await this.jobs.find(id).catch(() => undefined))?.accountId,
      snapshot: (id) => this.jobs.get(id),
    });
    this.resources?.register('run', {
      ownerOf: async (id) => {
        const run = await this.runStore.get(id).catch(() => undefined);
        return run && (await this.jobs.find(run.jobId).catch(() => undefined))?.accountId;
      },
      snapshot: async (id) => toRunView(await this.runStore.get(id)),
    });
  }
}
