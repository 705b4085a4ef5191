import { Logger } from '@nestjs/common';
import { register } from 'prom-client';
import { PluginRegistry } from '../plugin-registry.service';
import { connectorContext } from '../test-support/connector-context';
import { commonJsPlugin, connectorSource, manifest, packageJson } from '../test-support/plugin-fixtures';
import { PluginSandbox } from '../test-support/plugin-sandbox';

const IDLE_STOP_MS = 400;

/** check() answers which worker thread it ran in, so a test can tell a new worker from the old one. */
const CONNECTOR = connectorSource([], { check: "async check() { return { ok: true, details: { thread: require('node:worker_threads').threadId } }; }" });

describe(`${PluginRegistry.name}: plugin workers that go unused`, () => {
  let sandbox: PluginSandbox;
  let registry: PluginRegistry;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(`${level}: ${String(args[0])}`));
    }
    sandbox = new PluginSandbox();
    sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme'), CONNECTOR) });
    registry = new PluginRegistry(sandbox.options({ idleStopMs: IDLE_STOP_MS }));
    await registry.onModuleInit();
  });
  afterEach(async () => {
    await registry.onModuleDestroy();
    sandbox.dispose();
    jest.restoreAllMocks();
  });

  const state = () => registry.get('acme')?.health.state;
  const untilState = async (wanted: string) => {
    while (state() !== wanted) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const threadOf = async (connector: { check(): Promise<unknown> }) => ((await connector.check()) as { details: { thread: number } }).details.thread;
  const heapSeries = async () => (await register.getSingleMetric('crm_hub_plugin_heap_bytes')?.get())?.values.filter((v) => v.labels['plugin'] === 'acme') ?? [];

  it('keeps no worker for a plugin nobody uses once it is checked at start-up, and starts one (not as a restart) on first use', async () => {
    expect(registry.get('acme')?.health).toEqual({ state: 'idle', restarts: 0 });
    expect(await heapSeries()).toEqual([]);

    const connector = await registry.createConnector('acme', connectorContext());
    try {
      expect(state()).toBe('running');
      await expect(connector.check()).resolves.toMatchObject({ ok: true });
    } finally {
      await connector.dispose();
    }
    expect(registry.get('acme')?.health).toEqual({ state: 'running', restarts: 0 });
    expect(logged.join('\n')).not.toContain('worker stopped');
  });

  it('stops the worker once no connector has been open for the idle time, and says so', async () => {
    const connector = await registry.createConnector('acme', connectorContext());
    await connector.dispose();

    await untilState('idle');
    expect(logged).toContain(`log: CRM plugin "acme": worker stopped after 400 ms unused; it starts again when the plugin is next used`);
    expect(await heapSeries()).toEqual([]);
  });

  it('keeps the worker while a connector is open, however long, and lets it go once the last one is disposed', async () => {
    const first = await registry.createConnector('acme', connectorContext());
    const second = await registry.createConnector('acme', connectorContext());
    const thread = await threadOf(first);

    await first.dispose();
    await new Promise((resolve) => setTimeout(resolve, IDLE_STOP_MS * 3));
    expect(state()).toBe('running');
    await expect(threadOf(second)).resolves.toBe(thread);

    await second.dispose();
    await untilState('idle');
    const next = await registry.createConnector('acme', connectorContext());
    try {
      const woken = await threadOf(next);
      expect(woken).not.toBe(thread);
    } finally {
      await next.dispose();
    }
  });

  it('starts one worker for connectors opened at the same moment on a stopped plugin', async () => {
    const connectors = await Promise.all([1, 2, 3].map(() => registry.createConnector('acme', connectorContext())));
    try {
      const threads = await Promise.all(connectors.map(threadOf));
      expect(new Set(threads).size).toBe(1);
    } finally {
      await Promise.all(connectors.map((c) => c.dispose()));
    }
  });

  it('keeps the worker from start-up on when the idle stop is off (0)', async () => {
    await registry.onModuleDestroy();
    registry = new PluginRegistry(sandbox.options({ idleStopMs: 0 }));
    await registry.onModuleInit();
    expect(state()).toBe('running');

    const connector = await registry.createConnector('acme', connectorContext());
    const thread = await threadOf(connector);
    await connector.dispose();
    await new Promise((resolve) => setTimeout(resolve, IDLE_STOP_MS * 3));

    expect(state()).toBe('running');
    const next = await registry.createConnector('acme', connectorContext());
    try {
      await expect(threadOf(next)).resolves.toBe(thread);
    } finally {
      await next.dispose();
    }
  });
});
