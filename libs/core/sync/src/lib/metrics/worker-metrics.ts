import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { RunExecutor } from '../executor/run-executor.service';
import { SYNC_LIMITS, type SyncLimits } from '../limits/sync-limits';
import { SYNC_QUEUE, type SyncQueueDriver } from '../queue/sync-queue';
import { executesRuns, SYNC_OPTIONS, type SyncOptions } from '../sync.options';
import { SyncMetrics } from './sync-metrics';

/**
 * What each hub process reports of the queue and its own work, read when `/metrics` is scraped:
 * queue depth (shared, so any process can say), runs in flight, records per second and the API
 * budget left per org, labelled with the process's worker name. Orgs are opaque hashes.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  constructor(
    @Inject(SYNC_QUEUE) private readonly queue: SyncQueueDriver,
    @Inject(SYNC_LIMITS) private readonly limits: SyncLimits,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
    private readonly executor: RunExecutor,
    private readonly metrics: SyncMetrics,
  ) {}

  onModuleInit(): void {
    const worker = this.options.workerName ?? 'hub';
    const queue = this.queue;
    gauge('crm_hub_sync_queue_depth', 'Sync runs in the queue, by state (waiting, delayed, active)', ['state'], async function (this: Gauge<string>) {
      this.reset();
      const depth = await queue.depth();
      if (depth) for (const [state, count] of Object.entries(depth)) this.set({ state }, count);
    });
    if (!executesRuns(this.options)) return;
    const executor = this.executor;
    const metrics = this.metrics;
    const budget = this.limits.budget;
    gauge('crm_hub_sync_runs_in_flight', 'Sync runs this worker is executing', ['worker'], function (this: Gauge<string>) {
      this.set({ worker }, executor.inFlight);
    });
    gauge('crm_hub_sync_records_per_second', 'Records this worker committed per second (30 s average)', ['worker'], function (this: Gauge<string>) {
      this.set({ worker }, Math.round(metrics.recordsPerSecond() * 10) / 10);
    });
    gauge('crm_hub_crm_api_budget_left', 'CRM calls left before the reserve, per org, as this worker last estimated it', ['worker', 'org'], function (this: Gauge<string>) {
      for (const [org, left] of budget.lastLeft()) this.set({ worker, org }, left);
    });
  }
}

function gauge(name: string, help: string, labelNames: string[], collect: (this: Gauge<string>) => void | Promise<void>): void {
  const existing = register.getSingleMetric(name);
  if (existing) register.removeSingleMetric(name);
  new Gauge({ name, help, labelNames, collect });
}
