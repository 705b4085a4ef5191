import { AccountsService } from '@crm-hub/accounts';
import { PluginRegistry } from '@crm-hub/plugin-registry';
import { SchemasService, type CrmSchemaEntity } from '@crm-hub/schemas';
import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import { SYNC_QUEUE, type SyncQueueDriver } from '../queue/sync-queue';
import { RunStore } from '../runs/run-store';
import { SyncRunEntity } from '../runs/sync-run.entity';
import { SyncScheduler } from '../scheduler/sync-scheduler.service';
import type { CreateJobDto, PairDto, StartRunDto, UpdateJobDto } from './dto/job-input.dto';
import type { JobView } from './dto/job.view';
import { checkJob, type JobProblem, type JobSpec, type JobSpecInput } from './job-rules';
import { toJobView } from './job-views';
import { SyncJobEntity } from './sync-job.entity';

/**
 * Sync jobs: saved only when everything checks out against the schema and the plugin (each problem
 * a 400 naming its field), kept in step with the scheduler, and run on demand.
 */
@Injectable()
export class JobsService {
  private readonly logger = new Logger('SyncJobs');

  constructor(
    @InjectRepository(SyncJobEntity) private readonly jobs: Repository<SyncJobEntity>,
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    private readonly accounts: AccountsService,
    private readonly schemas: SchemasService,
    private readonly registry: PluginRegistry,
    private readonly runStore: RunStore,
    private readonly scheduler: SyncScheduler,
    @Inject(SYNC_QUEUE) private readonly queue: SyncQueueDriver,
  ) {}

  async list(filter: { accountId?: string; schemaId?: string } = {}): Promise<JobView[]> {
    const jobs = await this.jobs.find({ where: { ...(filter.accountId ? { accountId: filter.accountId } : {}), ...(filter.schemaId ? { schemaId: filter.schemaId } : {}) }, order: { name: 'ASC' } });
    return Promise.all(jobs.map((job) => this.view(job)));
  }

  async get(id: string): Promise<JobView> {
    return this.view(await this.find(id));
  }

  async find(id: string): Promise<SyncJobEntity> {
    const job = await this.jobs.findOneBy({ id });
    if (!job) throw new NotFoundException(`No sync job has id '${id}'`);
    return job;
  }

  async create(dto: CreateJobDto): Promise<JobView> {
    const problems: JobProblem[] = [];
    const account = await this.accounts.findEntity(dto.accountId).catch(() => undefined);
    if (!account) throw invalid([{ field: 'accountId', message: `no account has id '${dto.accountId}' (see GET /api/accounts)` }]);
    const schema = await this.schemas.findEntity(dto.schemaId).catch(() => undefined);
    if (!schema) throw invalid([{ field: 'schemaId', message: `no schema has id '${dto.schemaId}' (see GET /api/schemas?accountId=${account.id})` }]);
    if (schema.accountId !== account.id) throw invalid([{ field: 'schemaId', message: `schema '${schema.id}' (${schema.objectName}) belongs to another account` }]);
    const spec = checkJob(dto, { schema, manifest: this.manifestOf(account.pluginId) }, problems);
    await this.checkPair(spec, dto.options?.pair, schema.id, undefined, problems);
    if (problems.length) throw invalid(problems);
    const now = new Date();
    const job = this.jobs.create({
      id: randomUUID(),
      name: dto.name.trim(),
      accountId: account.id,
      schemaId: schema.id,
      ...spec,
      enabled: dto.enabled ?? true,
      nextRunAt: null,
      nextRefreshAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.jobs.save(job);
    await this.scheduler.refresh(job.id);
    return this.get(job.id);
  }

  async update(id: string, dto: UpdateJobDto): Promise<JobView> {
    const job = await this.find(id);
    const schema = await this.schemas.findEntity(job.schemaId);
    const account = await this.accounts.findEntity(job.accountId);
    const input: JobSpecInput = {
      operation: job.operation,
      mapping: dto.mapping ?? job.mapping,
      filter: dto.filter === undefined ? (job.filter as Record<string, unknown> | null) : dto.filter,
      // Only the options sent change (a DTO instance has every declared key, undefined when not sent).
      options: dto.options ? { ...job.options, ...definedOnly(dto.options) } : job.options,
      schedule: dto.schedule === undefined ? (job.cron ? { cron: job.cron, timeZone: job.timeZone ?? 'UTC' } : undefined) : (dto.schedule ?? undefined),
      mode: dto.mode ?? (dto.schedule === null && job.mode === 'scheduled' ? 'manual' : dto.schedule && job.mode === 'manual' ? 'scheduled' : job.mode),
    };
    const problems: JobProblem[] = [];
    const spec = checkJob(input, { schema, manifest: this.manifestOf(account.pluginId) }, problems);
    await this.checkPair(spec, input.options?.pair ?? undefined, schema.id, job.id, problems);
    if (problems.length) throw invalid(problems);
    const changes = { ...(dto.name !== undefined ? { name: dto.name.trim() } : {}), ...spec, ...(dto.enabled !== undefined ? { enabled: dto.enabled } : {}) };
    const changed = Object.entries(changes).some(([key, value]) => JSON.stringify(value) !== JSON.stringify((job as unknown as Record<string, unknown>)[key]));
    if (!changed) return this.view(job);
    const scheduleChanged = spec.cron !== job.cron || spec.timeZone !== job.timeZone || spec.mode !== job.mode;
    await this.jobs.save({ ...job, ...changes, ...(scheduleChanged ? { nextRunAt: null, nextRefreshAt: null } : {}), updatedAt: new Date() });
    await this.scheduler.refresh(id);
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const job = await this.find(id);
    const active = await this.runStore.active(job.id);
    if (active && !(job.mode === 'continuous' && active.trigger === 'continuous')) {
      throw new ConflictException(`The job has a ${active.status} run (${active.id}): cancel it first with POST /api/sync/runs/${active.id}/cancel`);
    }
    const partner = (await this.jobs.findBy({ schemaId: job.schemaId, operation: 'export' })).find((e) => e.options.pair?.importJobId === job.id);
    if (partner) throw new ConflictException(`Export job '${partner.name}' pairs with this job (bidirectional): remove its pair first (PATCH options.pair) or delete it`);
    if (active) await this.scheduler.stopContinuous(job.id, active.id);
    await this.jobs.delete({ id });
    await this.scheduler.refresh(id);
  }

  /** Queues a run (202); 409 names the job's run in progress. */
  async startRun(id: string, dto: StartRunDto): Promise<SyncRunEntity> {
    const job = await this.find(id);
    if (job.mode === 'continuous' && job.enabled) {
      const active = await this.runStore.active(job.id);
      if (active) throw new ConflictException(`The job follows the change stream continuously (run ${active.id}): disable it (PATCH enabled=false) to run it on demand`);
    }
    const run = await this.runStore.create(job.id, 'manual', dto.full === true);
    // The run is stored as queued: if the queue cannot take it now, the scheduler queues it again.
    await this.queue.enqueue(run.id).catch((error: unknown) => this.logger.warn(`Run ${run.id} waits in the database: the queue did not take it (${(error as Error).message})`));
    return run;
  }

  /** The jobs on a schema (DELETE /api/schemas/:id is refused while there are any). */
  async namesOnSchema(schemaId: string): Promise<string[]> {
    return (await this.jobs.findBy({ schemaId })).map((j) => j.name);
  }

  async namesOnAccount(accountId: string): Promise<string[]> {
    return (await this.jobs.findBy({ accountId })).map((j) => j.name);
  }

  /** An export job's pair: an import job on the same schema, not paired with another export yet. */
  private async checkPair(spec: JobSpec, pair: PairDto | undefined, schemaId: string, self: string | undefined, problems: JobProblem[]): Promise<void> {
    if (!pair) return;
    if (spec.operation !== 'export') {
      problems.push({ field: 'options.pair', message: 'a pair is declared on the export job' });
      return;
    }
    const partner = await this.jobs.findOneBy({ id: pair.importJobId });
    if (!partner || partner.operation !== 'import' || partner.schemaId !== schemaId) {
      problems.push({ field: 'options.pair.importJobId', message: `'${pair.importJobId}' is not an import job on the same schema` });
      return;
    }
    const others = (await this.jobs.findBy({ schemaId, operation: 'export' })).filter((j) => j.id !== self && j.options.pair?.importJobId === pair.importJobId);
    if (others.length) problems.push({ field: 'options.pair.importJobId', message: `import job '${partner.name}' already pairs with export job '${others[0]?.name}'` });
    else spec.options.pair = { importJobId: pair.importJobId, conflictPolicy: pair.conflictPolicy };
  }

  private manifestOf(pluginId: string) {
    const plugin = this.registry.get(pluginId);
    if (!plugin) throw new ConflictException(`The account's plugin '${pluginId}' is not loaded: ${this.registry.refusalReason(pluginId) ?? 'it is not installed'}`);
    return plugin;
  }

  private async view(job: SyncJobEntity): Promise<JobView> {
    const schema: CrmSchemaEntity = await this.schemas.findEntity(job.schemaId);
    const [lastRun] = await this.runs.find({ where: { jobId: In([job.id]) }, order: { queuedAt: 'DESC' }, take: 1 });
    return toJobView(job, schema, lastRun);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function invalid(errors: JobProblem[]): BadRequestException {
  return new BadRequestException({ message: 'The sync job is invalid (see errors)', errors });
}
