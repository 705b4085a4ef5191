import { CheckpointExpiredError, type CrmConnector, type SyncMessage, toAsyncIterable } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import { lastValueFrom, toArray } from 'rxjs';
import { PluginRegistry } from '../plugin-registry.service';
import { connectorContext } from '../test-support/connector-context';
import { commonJsPlugin, connectorSource, manifest, packageJson } from '../test-support/plugin-fixtures';
import { PluginSandbox } from '../test-support/plugin-sandbox';
import { ConnectorProxy } from './connector-proxy';

/** A paced read of `pages` pages of 10 upserts and a checkpoint; every page fetched is metered. */
const PAGED_READ = `read(req) {
  return sdk.pacedStream(async function* () {
    try {
      for (let page = 0; page < 20; page++) {
        ctx.meter.call('page');
        await new Promise((resolve) => setTimeout(resolve, 1));
        const rows = Array.from({ length: 10 }, (_, i) => ({ kind: 'upsert', object: req.object, id: String(page * 10 + i), data: { n: page * 10 + i } }));
        yield [...rows, { kind: 'checkpoint', object: req.object, checkpoint: { page } }];
      }
    } finally {
      ctx.meter.call('closed');
    }
  });
}`;

const CONNECTOR = connectorSource([], {
  read: PAGED_READ,
  // contract 1 (SDK 1.0): a plain Observable, then a failure the host must see as the SDK class
  changes: `changes(req) {
    return new Observable((s) => {
      s.next({ kind: 'upsert', object: req.object, id: 'a', data: {} });
      s.error(new sdk.CheckpointExpiredError('delta token expired', { code: 'EXPIRED' }));
    });
  }`,
  check: `async check() {
    if (ctx.config.apiToken === 'exit-now') process.exit(3);
    ctx.logger.warn('checking', { account: ctx.accountId });
    ctx.meter.quota('api', 5, 100);
    return { ok: true, details: { hubSecret: process.env.HUB_SECRET_KEY ?? null, databaseUrl: process.env.DATABASE_URL ?? null, hasPath: Boolean(process.env.PATH) } };
  }`,
  discover: `async discover() {
    if (!ctx.signal.aborted) await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
    return { objects: [], enums: [], aborted: ctx.signal.reason.message };
  }`,
});

describe(ConnectorProxy.name, () => {
  let sandbox: PluginSandbox;
  let registry: PluginRegistry;
  let connector: CrmConnector;
  let ctx: ReturnType<typeof connectorContext>;
  const saved = { ...process.env };

  beforeEach(async () => {
    for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
    process.env['HUB_SECRET_KEY'] = 'hub-secret-must-not-reach-plugins';
    process.env['DATABASE_URL'] = 'postgres://hub:password@db/hub';
    sandbox = new PluginSandbox();
    sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme'), CONNECTOR) });
    registry = new PluginRegistry(sandbox.options({ restartBackoffMs: 50 }));
    await registry.onModuleInit();
    ctx = connectorContext();
    connector = await registry.createConnector('acme', ctx);
  });
  afterEach(async () => {
    await connector.dispose();
    await registry.onModuleDestroy();
    sandbox.dispose();
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  const pagesFetched = () => ctx.meter.call.mock.calls.filter(([kind]) => kind === 'page').length;

  it('keeps a paced read paced across the worker boundary: a paused consumer holds the plugin at most two pages ahead', async () => {
    const iterator = toAsyncIterable(connector.read({ object: 'Contact', fields: [] }))[Symbol.asyncIterator]();

    await iterator.next();
    // let any read-ahead happen: the count must settle, not grow with time
    for (let settled = -1; settled !== pagesFetched(); ) {
      settled = pagesFetched();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(pagesFetched()).toBeLessThanOrEqual(3); // the page being consumed + at most 2 ahead
    const rest: SyncMessage[] = [];
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) rest.push(step.value);
    expect(rest).toHaveLength(219);
    expect(rest.at(-1)).toEqual({ kind: 'checkpoint', object: 'Contact', checkpoint: { page: 19 } });
    expect(pagesFetched()).toBe(20);
  });

  it('also serves rxjs subscribers, in order', async () => {
    const messages = await lastValueFrom(connector.read({ object: 'Contact', fields: [] }).pipe(toArray()));

    expect(messages.filter((m) => m.kind === 'upsert').map((m) => (m.kind === 'upsert' ? Number(m.id) : -1))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('stops the plugin’s stream when the consumer leaves early', async () => {
    for await (const message of toAsyncIterable(connector.read({ object: 'Contact', fields: [] }))) {
      if (message.kind === 'checkpoint') break;
    }

    while (!ctx.meter.call.mock.calls.some(([kind]) => kind === 'closed')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pagesFetched()).toBeLessThan(20);
  });

  it('delivers what a plain Observable (contract 1) emitted, then its error as the SDK class', async () => {
    const received: SyncMessage[] = [];
    const error = await (async () => {
      for await (const message of toAsyncIterable(connector.changes({ object: 'Contact', fields: [] }))) received.push(message);
    })().catch((e: unknown) => e);

    expect(received).toEqual([{ kind: 'upsert', object: 'Contact', id: 'a', data: {} }]);
    expect(error).toBeInstanceOf(CheckpointExpiredError);
    expect(error).toMatchObject({ message: 'delta token expired', code: 'EXPIRED' });
  });

  it("hands the plugin's logs and meter readings to the host's logger and meter", async () => {
    await connector.check();

    expect(ctx.logger.warn).toHaveBeenCalledWith('checking', { account: 'account-1' });
    expect(ctx.meter.quota).toHaveBeenCalledWith('api', 5, 100);
  });

  it("gives the plugin none of the hub's secrets in its environment", async () => {
    await expect(connector.check()).resolves.toEqual({ ok: true, details: { hubSecret: null, databaseUrl: null, hasPath: true } });
  });

  it("aborts the plugin's signal when the host aborts its own", async () => {
    const abort = new AbortController();
    const aborting = await registry.createConnector('acme', { ...connectorContext(), signal: abort.signal });

    const discovered = aborting.discover();
    abort.abort(new Error('run cancelled'));

    await expect(discovered).resolves.toEqual({ objects: [], enums: [], aborted: 'run cancelled' });
    await aborting.dispose();
  });

  it('opens the connector again in the new worker after a crash', async () => {
    const crasher = await registry.createConnector('acme', { ...connectorContext(), config: { instanceUrl: 'https://acme.example.com', apiToken: 'exit-now' } });
    await expect(crasher.check()).rejects.toThrow(/exited with code 3/);
    await crasher.dispose();

    await expect(connector.check()).resolves.toMatchObject({ ok: true });
    expect(registry.get('acme')?.health).toMatchObject({ state: 'running', restarts: 1 });
  });
});
