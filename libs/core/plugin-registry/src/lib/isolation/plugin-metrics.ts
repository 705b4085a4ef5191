import { Counter, Gauge, register } from 'prom-client';

// One registration per process (several hubs in one test process share prom-client's registry).
const crashes =
  (register.getSingleMetric('crm_hub_plugin_crashes_total') as Counter<'plugin'> | undefined) ??
  new Counter({ name: 'crm_hub_plugin_crashes_total', help: 'Plugin worker crashes (exit, uncaught error, out of memory, unresponsive)', labelNames: ['plugin'] });

const heap =
  (register.getSingleMetric('crm_hub_plugin_heap_bytes') as Gauge<'plugin' | 'kind'> | undefined) ??
  new Gauge({
    name: 'crm_hub_plugin_heap_bytes',
    help: "V8 heap of each plugin's worker thread (kind: used, total), updated with every heartbeat",
    labelNames: ['plugin', 'kind'],
  });

/** Counts a crash of a plugin's worker, so operators can alert on plugins that keep restarting. */
export function countCrash(pluginId: string): void {
  crashes.inc({ plugin: pluginId });
}

/**
 * Records a plugin worker's heap, as its heartbeat reports it: the process's RSS covers every
 * thread, so this is how an operator tells which plugin holds memory (or leaks it, before its
 * limit ends the worker).
 */
export function recordHeap(pluginId: string, bytes: { used: number; total: number }): void {
  heap.set({ plugin: pluginId, kind: 'used' }, bytes.used);
  heap.set({ plugin: pluginId, kind: 'total' }, bytes.total);
}

/** Drops a plugin's heap series when its worker ends: a refused or stopped plugin holds no memory. */
export function forgetHeap(pluginId: string): void {
  heap.remove({ plugin: pluginId, kind: 'used' });
  heap.remove({ plugin: pluginId, kind: 'total' });
}
