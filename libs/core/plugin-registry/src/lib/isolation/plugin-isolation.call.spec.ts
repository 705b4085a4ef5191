import { CrmRateLimitError, CrmTransientError } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import { register } from 'prom-client';
import { PluginNotAvailableError } from '../errors';
import type { PluginIsolationLimits } from '../plugin-registry.options';
import { PluginRegistry } from '../plugin-registry.service';
import { connectorContext } from '../test-support/connector-context';
import { commonJsPlugin, connectorSource, manifest, packageJson } from '../test-support/plugin-fixtures';
import { PluginSandbox } from '../test-support/plugin-sandbox';

/** check() sources of plugins that misbehave when called; every other method is well-behaved. */
const BAD_CHECKS: Record<string, string> = {
  quitter: 'async check() { process.exit(0); }',
  looper: 'async check() { for (;;) {} }',
  // grows a step per turn of the event loop, so the worker keeps answering: memory, not the heartbeat, ends it
  hog: 'check() { const kept = []; return new Promise(() => { const grow = () => { kept.push(new Array(1e5).fill({ n: kept.length })); setImmediate(grow); }; grow(); }); }',
  // an exception nobody can catch: thrown from a timer, after check() returned
  thrower: "async check() { setTimeout(() => { throw new TypeError('token ' + ctx.config.apiToken + ' rejected'); }); return new Promise(() => undefined); }",
  throttled: "async check() { throw new sdk.CrmRateLimitError('slow down', { retryAfterMs: 1500, status: 429, code: 'REQUEST_LIMIT' }); }",
  silent: 'async check() { return new Promise(() => undefined); }',
};

describe(`${PluginRegistry.name}: plugins that misbehave when called`, () => {
  let sandbox: PluginSandbox;
  let registry: PluginRegistry;
  let logged: string[];

  async function start(isolation: Partial<PluginIsolationLimits> = {}): Promise<void> {
    registry = new PluginRegistry(sandbox.options(isolation));
    await registry.onModuleInit();
  }

  beforeEach(() => {
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(`${level}: ${String(args[0])}`));
    }
    sandbox = new PluginSandbox();
    sandbox.dropIn('good', { 'package.json': packageJson('good'), 'dist/index.js': commonJsPlugin(manifest('good')) });
    for (const [id, check] of Object.entries(BAD_CHECKS)) {
      sandbox.dropIn(id, { 'package.json': packageJson(id), 'dist/index.js': commonJsPlugin(manifest(id), connectorSource([], { check })) });
    }
  });
  afterEach(async () => {
    await registry.onModuleDestroy();
    sandbox.dispose();
    jest.restoreAllMocks();
  });

  async function checkOf(pluginId: string): Promise<unknown> {
    const connector = await registry.createConnector(pluginId, connectorContext());
    try {
      return await connector.check();
    } catch (error) {
      return error;
    } finally {
      await connector.dispose();
    }
  }

  async function waitUntilRunning(pluginId: string): Promise<void> {
    while (registry.get(pluginId)?.health.state !== 'running') await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('survives process.exit() in a call: the call fails with a retryable error naming the plugin, which restarts and works again', async () => {
    await start();

    const error = await checkOf('quitter');

    expect(error).toBeInstanceOf(CrmTransientError);
    expect((error as Error).message).toBe(
      'CRM plugin "quitter" exited with code 0: the plugin called process.exit(); the call did not complete: retry (the hub restarts the plugin)',
    );
    await expect(checkOf('good')).resolves.toEqual({ ok: true });
    await waitUntilRunning('quitter');
    expect(registry.get('quitter')?.health).toEqual({
      state: 'running',
      restarts: 1,
      lastCrash: { at: expect.any(String), reason: 'exited with code 0: the plugin called process.exit()' },
    });
    const connector = await registry.createConnector('quitter', connectorContext());
    await expect(connector.discover()).resolves.toEqual({ objects: [], enums: [] });
    await connector.dispose();
    expect(logged).toContainEqual('error: CRM plugin "quitter" crashed: its worker exited with code 0: the plugin called process.exit()');
  });

  it('ends a worker that stops answering (a busy loop) and fails its call', async () => {
    await start({ unresponsiveAfterMs: 1_000 });

    const error = await checkOf('looper');

    expect(error).toBeInstanceOf(CrmTransientError);
    expect((error as Error).message).toMatch(/^CRM plugin "looper" stopped answering for \d+ ms \(a busy loop or a blocking call\): its worker was ended; the call did not complete/);
    await expect(checkOf('good')).resolves.toEqual({ ok: true });
  });

  it("reports each plugin worker's own heap in /metrics: the one that holds memory shows it, the others do not", async () => {
    // keeps 32 MB of doubles once called
    const check = 'async check() { globalThis.kept = new Array(4e6).fill(1.5); return { ok: true }; }';
    sandbox.dropIn('holder', { 'package.json': packageJson('holder'), 'dist/index.js': commonJsPlugin(manifest('holder'), connectorSource([], { check })) });
    await start();
    const heapOf = async (pluginId: string, kind = 'used') =>
      (await register.getSingleMetric('crm_hub_plugin_heap_bytes')?.get())?.values.find((v) => v.labels['plugin'] === pluginId && v.labels['kind'] === kind)?.value ?? 0;
    const until = async (what: () => Promise<boolean>) => {
      const deadline = Date.now() + 10_000;
      while (!(await what()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // a plugin's worker runs from its first use on
    const inUse = await Promise.all(['good', 'holder'].map((id) => registry.createConnector(id, connectorContext())));
    await until(async () => (await heapOf('good')) > 0 && (await heapOf('holder')) > 0);
    const good = await heapOf('good');
    const before = await heapOf('holder');
    expect(good).toBeGreaterThan(1e6);
    expect(await heapOf('good', 'total')).toBeGreaterThanOrEqual(good);

    await expect(checkOf('holder')).resolves.toEqual({ ok: true });
    await until(async () => (await heapOf('holder')) > before + 20e6);
    expect(await heapOf('holder')).toBeGreaterThan(before + 20e6);
    expect(await heapOf('good')).toBeLessThan(good + 8e6);

    await Promise.all(inUse.map((connector) => connector.dispose()));
    await registry.onModuleDestroy(); // stopped workers hold nothing: their series go
    expect(await heapOf('holder')).toBe(0);
    expect(await heapOf('good')).toBe(0);
  });

  it('ends a worker that leaks past its memory limit', async () => {
    await start({ memoryLimitMb: 64 });

    const error = await checkOf('hog');

    expect(error).toBeInstanceOf(CrmTransientError);
    expect((error as Error).message).toMatch(/^CRM plugin "hog" ran out of memory \(its limit is 64 MB\)/);
    await expect(checkOf('good')).resolves.toEqual({ ok: true });
  });

  it('ends a worker on an uncaught exception, logging its message but never showing it in the health', async () => {
    await start();

    const error = await checkOf('thrower');

    expect((error as Error).message).toMatch(/^CRM plugin "thrower" threw an uncaught TypeError; the call did not complete/);
    expect(logged).toContainEqual('error: CRM plugin "thrower" crashed: its worker threw an uncaught TypeError (TypeError: token secret-token rejected)');
    expect(JSON.stringify(registry.get('thrower')?.health ?? registry.refusals())).not.toContain('secret-token');
  });

  it('passes an error the plugin throws as the SDK class it is, and keeps the worker', async () => {
    await start();

    const error = await checkOf('throttled');

    expect(error).toBeInstanceOf(CrmRateLimitError);
    expect(error).toMatchObject({ message: 'slow down', retryAfterMs: 1500, status: 429, code: 'REQUEST_LIMIT', retryable: true });
    expect(registry.get('throttled')?.health).toEqual({ state: 'running', restarts: 0 });
  });

  it('fails a call that takes longer than the call time limit, without ending a worker that answers', async () => {
    await start({ callTimeoutMs: 300 });

    const error = await checkOf('silent');

    expect(error).toBeInstanceOf(CrmTransientError);
    expect((error as Error).message).toBe('CRM plugin "silent" did not answer check() within 300 ms');
    expect(registry.get('silent')?.health).toEqual({ state: 'running', restarts: 0 });
  });

  it('refuses a plugin that crashes again and again, until the hub restarts', async () => {
    await start({ maxCrashes: 3, restartBackoffMs: 50 });

    for (let crash = 1; crash <= 2; crash++) {
      expect(await checkOf('quitter')).toBeInstanceOf(CrmTransientError);
      await waitUntilRunning('quitter');
    }
    expect(await checkOf('quitter')).toBeInstanceOf(CrmTransientError);

    const reason = 'its worker crashed 3 times within 10 min (last: it exited with code 0: the plugin called process.exit()): refused until the hub restarts; fix or replace the plugin';
    expect(registry.get('quitter')).toBeUndefined();
    expect(registry.refusals()).toContainEqual(expect.objectContaining({ package: '@acme/crm-hub-plugin-quitter@1.0.0', reason }));
    await expect(registry.createConnector('quitter', connectorContext())).rejects.toThrow(PluginNotAvailableError);
    await expect(checkOf('good')).resolves.toEqual({ ok: true });
  });
});
