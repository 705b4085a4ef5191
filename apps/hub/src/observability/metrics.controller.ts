import { PluginRegistry } from '@crm-hub/plugin-registry';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Gauge, collectDefaultMetrics, register } from 'prom-client';
import { publicMetrics } from './public-metrics';

/**
 * Prometheus metrics at `/metrics`, open like `/health` so a scraper needs no API key. An open
 * scrape sees process and HTTP metrics (by route pattern, never a raw URL), plugin counts, and CRM
 * API calls and quotas by plugin — never an account id (see {@link publicMetrics}).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(registry: PluginRegistry) {
    if (!register.getSingleMetric('crm_hub_process_cpu_seconds_total')) collectDefaultMetrics({ prefix: 'crm_hub_' });
    register.removeSingleMetric('crm_hub_plugins');
    new Gauge({
      name: 'crm_hub_plugins',
      help: 'Plugins found at start-up, by state',
      labelNames: ['state'],
      collect() {
        this.set({ state: 'loaded' }, registry.list().length);
        this.set({ state: 'refused' }, registry.refusals().length);
      },
    });
  }

  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return publicMetrics(register);
  }
}
