import { register } from 'prom-client';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_ISOLATION_LIMITS } from '../plugin-registry.options';
import { PluginWorker } from './plugin-worker';

const heapSeries = async () => (await register.getSingleMetric('crm_hub_plugin_heap_bytes')?.get())?.values.filter((v) => v.labels['plugin'] === 'late') ?? [];

describe(PluginWorker.name, () => {
  it('ignores what the worker sent before it was stopped and arrives after (a last heap reading leaves no series behind)', async () => {
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const worker = await PluginWorker.start({ label: 'CRM plugin "late"', pluginId: 'late', limits: { ...DEFAULT_ISOLATION_LIMITS, heartbeatIntervalMs: 50 }, logger });
    try {
      worker.watch();
      const deadline = Date.now() + 10_000;
      while ((await heapSeries()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await heapSeries()).not.toEqual([]);
    } finally {
      await worker.stop('the test is over');
    }
    expect(await heapSeries()).toEqual([]);
    // A heartbeat answer already on its way when the worker was stopped: delivered now.
    (worker as unknown as { worker: Worker }).worker.emit('message', { t: 'pong', seq: 1, heap: { used: 1_000_000, total: 2_000_000 } });

    expect(await heapSeries()).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
