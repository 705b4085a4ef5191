import { Counter, register } from 'prom-client';

/** One registration per process (several hubs in one test process share prom-client's registry). */
const crashes =
  (register.getSingleMetric('crm_hub_plugin_crashes_total') as Counter<'plugin'> | undefined) ??
  new Counter({ name: 'crm_hub_plugin_crashes_total', help: 'Plugin worker crashes (exit, uncaught error, out of memory, unresponsive)', labelNames: ['plugin'] });

/** Counts a crash of a plugin's worker, so operators can alert on plugins that keep restarting. */
export function countCrash(pluginId: string): void {
  crashes.inc({ plugin: pluginId });
}
