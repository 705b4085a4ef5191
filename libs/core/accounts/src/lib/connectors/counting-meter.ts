import type { ApiMeter } from '@crm-hub/plugin-sdk';
import { Counter, Gauge, register } from 'prom-client';

/** Prometheus series shared by every connector (one registration per process). */
const apiCalls =
  (register.getSingleMetric('crm_hub_crm_api_calls_total') as Counter<'plugin' | 'kind'> | undefined) ??
  new Counter({ name: 'crm_hub_crm_api_calls_total', help: 'CRM API calls made by plugins', labelNames: ['plugin', 'kind'] });
const quotaUsed =
  (register.getSingleMetric('crm_hub_crm_quota_ratio') as Gauge<'plugin' | 'account' | 'kind'> | undefined) ??
  new Gauge({
    name: 'crm_hub_crm_quota_ratio',
    help: 'Share of a CRM quota used, as last reported by the CRM (0..1)',
    labelNames: ['plugin', 'account', 'kind'],
  });

/** Counts one connector session's CRM calls (for run statistics) and feeds the process metrics. */
export class CountingMeter implements ApiMeter {
  readonly calls: Record<string, number> = {};
  readonly quotas: Record<string, { used: number; limit: number }> = {};

  /** `listener` also hears every call and quota report (the sync engine's shared org budget). */
  constructor(
    private readonly pluginId: string,
    private readonly accountId: string,
    private readonly listener?: ApiMeter,
  ) {}

  call(kind: string, count = 1): void {
    this.calls[kind] = (this.calls[kind] ?? 0) + count;
    apiCalls.inc({ plugin: this.pluginId, kind }, count);
    this.listener?.call(kind, count);
  }

  quota(kind: string, used: number, limit: number): void {
    this.quotas[kind] = { used, limit };
    if (limit > 0) quotaUsed.set({ plugin: this.pluginId, account: this.accountId, kind }, used / limit);
    this.listener?.quota(kind, used, limit);
  }

  get total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }
}
