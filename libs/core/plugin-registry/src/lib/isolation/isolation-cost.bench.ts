import { batchIterator, type ConnectorContext, type CrmConnector, type CrmPlugin, type UpsertMessage } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DEFAULT_ISOLATION_LIMITS } from '../plugin-registry.options';
import { PluginRegistry } from '../plugin-registry.service';
import { commonJsPlugin, connectorSource, manifest, packageJson } from '../test-support/plugin-fixtures';
import { PluginSandbox } from '../test-support/plugin-sandbox';

/**
 * What isolation costs: a 100,000-record read of a synthetic in-memory plugin (pages of 2,000
 * records of 12 typical CRM fields, each page ending with a checkpoint), consumed by a bare loop —
 * the worst case for the boundary, since a real consumer's database writes dwarf it — in the hub's
 * thread (as before isolation) and through the worker boundary. Two plugins: one that builds its
 * records from nothing (the boundary's cost laid bare) and one that parses each page from JSON
 * text, as a CRM plugin parses its HTTP responses (work that isolation moves off the hub's thread).
 * Runs alternate between the two set-ups so a busy machine weighs on both alike. Prints records/s,
 * the ratio and the hub thread's busy time. A plain Node.js script, not a Jest test: Jest's module
 * sandbox would add costs of its own to one side. Run with `npx nx run plugin-registry:bench`.
 */
const RECORDS = 100_000;
const PAGE = 2_000;
const RUNS = 5;

const RECORD = `{ kind: 'upsert', object: req.object, id: '003' + String(i).padStart(15, '0'), modifiedAt: '2026-01-01T10:00:00.000Z', data: {
  Id: '003' + String(i).padStart(15, '0'), FirstName: 'Ada' + i, LastName: 'Lovelace', Email: 'ada' + i + '@example.com',
  Phone: '+44 20 7946 0958', AnnualRevenue: '1250000.50', NumberOfEmployees: i % 5000, IsActive: i % 2 === 0,
  CreatedDate: '2025-06-01T08:30:00.000Z', Birthdate: '1815-12-10', Interests__c: ['math', 'poetry'],
  MailingAddress: { street: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' } } }`;

/** The plugin's top-level code: how it builds a page, and the pages as JSON text (made once, when it loads). */
const START_UP = `const build = (start, req) => { const page = []; for (let i = start; i < start + ${PAGE}; i++) page.push(${RECORD}); return page; };
const texts = Array.from({ length: ${RECORDS / PAGE} }, (_, p) => JSON.stringify(build(p * ${PAGE}, { object: 'Contact' })));`;

/** `parse`: each page is parsed from its JSON text, as a plugin parses a CRM's answer; otherwise built. */
function readSource(parse: boolean): string {
  return `read(req) {
  return sdk.pacedStream(async function* () {
    for (let start = 0, p = 0; start < ${RECORDS}; start += ${PAGE}, p++) {
      const page = ${parse} ? JSON.parse(texts[p]) : build(start, req);
      page.push({ kind: 'checkpoint', object: req.object, checkpoint: { after: start + ${PAGE} } });
      yield page;
    }
  });
}`;
}

interface Measure {
  perSecond: number;
  /** Seconds the hub's thread was busy during the read (event-loop utilisation × elapsed time). */
  hubBusy: number;
}

/** What the consumer does with each upsert, and at each checkpoint (the end of a page). */
interface Consumer {
  upsert(message: UpsertMessage): void;
  checkpoint(): void;
}

interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): { run(...values: unknown[]): unknown };
  transaction<A>(work: (arg: A) => void): (arg: A) => void;
}

const bareLoop: Consumer = { upsert: () => undefined, checkpoint: () => undefined };

/**
 * A lower bound of what the hub's storage costs: each page upserted into an in-memory SQLite table
 * in one transaction (the hub writes to a file or to PostgreSQL, through TypeORM: slower still).
 */
function sqliteWriter(): Consumer {
  // the hub's own SQLite driver; it ships no types, and these few calls need none
  const Database = require('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new Database(':memory:');
  db.exec('create table contact (crm_id text primary key, first_name text, last_name text, email text, revenue text, employees integer, active integer, created text, address text)');
  const upsert = db.prepare(
    'insert into contact values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (crm_id) do update set first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email',
  );
  let page: UpsertMessage[] = [];
  const writePage = db.transaction((messages: UpsertMessage[]) => {
    for (const { id, data } of messages) {
      upsert.run(id, data['FirstName'], data['LastName'], data['Email'], data['AnnualRevenue'], data['NumberOfEmployees'], data['IsActive'] ? 1 : 0, data['CreatedDate'], JSON.stringify(data['MailingAddress']));
    }
  });
  return {
    upsert: (message) => void page.push(message),
    checkpoint: () => {
      writePage(page);
      page = [];
    },
  };
}

async function timeRead(connector: CrmConnector, consumer: Consumer): Promise<Measure> {
  const before = performance.eventLoopUtilization();
  const started = process.hrtime.bigint();
  let upserts = 0;
  // Read as the hub reads: a fetched page's messages in one step.
  const batches = batchIterator(connector.read({ object: 'Contact', fields: [] }));
  for (let step = await batches.next(Infinity); !step.done; step = await batches.next(Infinity)) {
    for (const message of step.value) {
      if (message.kind === 'upsert') {
        upserts++;
        consumer.upsert(message);
      } else if (message.kind === 'checkpoint') consumer.checkpoint();
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const busy = performance.eventLoopUtilization(before);
  if (upserts !== RECORDS) throw new Error(`read ${upserts} records instead of ${RECORDS}`);
  return { perSecond: RECORDS / seconds, hubBusy: busy.active / 1000 };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** Warms both up, then alternates runs; answers the medians. */
async function compare(a: () => Promise<Measure>, b: () => Promise<Measure>): Promise<[Measure, Measure]> {
  await a();
  await b();
  const runs: [Measure[], Measure[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    runs[0].push(await a());
    runs[1].push(await b());
  }
  return runs.map((r) => ({ perSecond: median(r.map((m) => m.perSecond)), hubBusy: median(r.map((m) => m.hubBusy)) })) as [Measure, Measure];
}

function report(title: string, [inProcess, isolated]: [Measure, Measure]): string {
  const line = (label: string, m: Measure) =>
    `  ${label.padEnd(20)} ${Math.round(m.perSecond).toLocaleString('en-US').padStart(9)} records/s, hub thread busy ${m.hubBusy.toFixed(2)} s`;
  return [title, line('in the hub thread', inProcess), line('through a worker', isolated), `  isolated / in-process: ${(isolated.perSecond / inProcess.perSecond).toFixed(2)}`].join('\n');
}

function context(): ConnectorContext {
  const ignore = () => undefined;
  return {
    accountId: 'bench',
    config: {},
    http: () => Promise.reject(new Error('no network in the benchmark')),
    logger: { debug: ignore, info: ignore, warn: ignore, error: ignore },
    meter: { call: ignore, quota: ignore },
    signal: new AbortController().signal,
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const sandbox = new PluginSandbox();
  const ids = ['building', 'parsing'] as const;
  const dirs = ids.map((id) =>
    sandbox.dropIn(id, {
      'package.json': packageJson(id),
      'dist/index.js': commonJsPlugin(manifest(id), connectorSource([], { read: readSource(id === 'parsing') }), START_UP),
    }),
  );
  // the hub's own limits; a longer load time limit, as the plugins build their JSON pages while loading
  const registry = new PluginRegistry({ ...sandbox.options(), loadTimeoutMs: 30_000, isolation: DEFAULT_ISOLATION_LIMITS });
  try {
    await registry.onModuleInit(); // also links the SDK and rxjs for the drop-ins, which the in-process loads need too
    const lines = [`100,000-record read, pages of ${PAGE}, median of ${RUNS} alternating runs:`];
    const scenarios = [
      ['building', bareLoop, 'plugin builds its records, bare consumer (the boundary alone):'],
      ['parsing', bareLoop, 'plugin parses each page from JSON (as CRM plugins do), bare consumer:'],
      ['parsing', sqliteWriter(), 'plugin parses each page from JSON, consumer writes each page to SQLite:'],
    ] as const;
    for (const [id, consumer, title] of scenarios) {
      // the plugin as the hub loaded it before isolation: in the hub's own thread
      const inProcessPlugin = require(`${dirs[ids.indexOf(id)]}/dist/index.js`) as { default?: CrmPlugin } & CrmPlugin;
      const inProcess = await (inProcessPlugin.default ?? inProcessPlugin).createConnector(context());
      const isolated = await registry.createConnector(id, context());
      lines.push(report(title, await compare(() => timeRead(inProcess, consumer), () => timeRead(isolated, consumer))));
      await isolated.dispose();
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await registry.onModuleDestroy();
    sandbox.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
