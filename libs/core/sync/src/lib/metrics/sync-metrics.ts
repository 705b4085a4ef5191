import { Injectable } from '@nestjs/common';
import { Counter, Histogram, register } from 'prom-client';

function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/** Records per second are averaged over this window. */
const RATE_WINDOW_MS = 30_000;

/**
 * The sync engine's Prometheus series. Labels carry no job or account ids: `/metrics` is open,
 * and what a scrape may see is the engine's health, not the hub's contents.
 */
@Injectable()
export class SyncMetrics {
  private readonly runs = metric(
    'crm_hub_sync_runs_total',
    () => new Counter({ name: 'crm_hub_sync_runs_total', help: 'Sync runs that ended, by status and operation', labelNames: ['status', 'operation'] }),
  );
  private readonly records = metric(
    'crm_hub_sync_records_total',
    () => new Counter({ name: 'crm_hub_sync_records_total', help: 'Records committed by sync runs, by operation', labelNames: ['operation'] }),
  );
  private readonly duration = metric(
    'crm_hub_sync_run_duration_seconds',
    () =>
      new Histogram({
        name: 'crm_hub_sync_run_duration_seconds',
        help: 'Duration of sync runs, by operation',
        labelNames: ['operation'],
        buckets: [1, 5, 15, 60, 300, 900, 3600, 14400],
      }),
  );
  private readonly lag = metric(
    'crm_hub_sync_change_lag_seconds',
    () =>
      new Histogram({
        name: 'crm_hub_sync_change_lag_seconds',
        help: 'Continuous jobs: time from a change in the CRM to its commit in the hub',
        buckets: [0.5, 1, 2, 5, 10, 30, 60, 300],
      }),
  );

  runFinished(status: string, operation: string, seconds: number): void {
    this.runs.inc({ status, operation });
    this.duration.observe({ operation }, seconds);
  }

  /** Records committed in the last {@link RATE_WINDOW_MS}, per second of it. */
  private readonly recent: { at: number; count: number }[] = [];

  recordsWritten(operation: string, count: number): void {
    if (count <= 0) return;
    this.records.inc({ operation }, count);
    this.recent.push({ at: Date.now(), count });
  }

  recordsPerSecond(now = Date.now()): number {
    while (this.recent.length && (this.recent[0] as { at: number }).at < now - RATE_WINDOW_MS) this.recent.shift();
    return this.recent.reduce((sum, r) => sum + r.count, 0) / (RATE_WINDOW_MS / 1000);
  }

  changeLag(seconds: number): void {
    if (seconds >= 0) this.lag.observe(seconds);
  }
}
