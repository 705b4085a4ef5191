import { startDataverseEmulator, startSalesforceEmulator } from '@crm-hub/crm-emulators';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { exportScenario } from './scenarios/export-scenario';
import { importScenarios } from './scenarios/import-scenarios';
import { latencyScenario } from './scenarios/latency-scenario';
import { memoryScenario } from './scenarios/memory-scenario';
import { scaleOutScenario } from './scenarios/scale-out-scenario';
import { seedCrm, type Crm } from './scenarios/crm-setup';
import type { DatabaseKind } from './support/bench-database';
import { FULL_SIZES, QUICK_SIZES, type BenchContext } from './support/context';
import { currentLoad, machineInfo } from './support/machine';
import { resultsTable } from './support/report-table';
import { checkTargets } from './support/targets';

const RESULTS_DIR = resolve(__dirname, '../results');

/** `npm run bench [-- --quick] [--only=1,3] [--db=sqlite] [--records=N] [--repeat=R] [--export-rows=N] [--memory-records=N,M] [--sf-rest] [--profile] [--hub-flags="--flag …"]` */
interface Options {
  quick: boolean;
  only: Set<number>;
  databases: DatabaseKind[];
  records?: number;
  /** Rounds of each full import (scenarios 1–2), hub then baseline; the round of median ratio is reported. */
  repeat: number;
  /** Scenario 4's size instead of the mode's. */
  exportRows?: number;
  /** Scenario 5's sizes instead of the mode's. */
  memoryRecords?: number[];
  salesforceRest: boolean;
  profile: boolean;
  /** Node flags for every hub process started, after npm start's own. */
  hubFlags: string[];
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value('only');
  const records = value('records');
  const memoryRecords = value('memory-records');
  const exportRows = value('export-rows');
  const repeat = Number(value('repeat') ?? 1);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat=${value('repeat')}: give a whole number of rounds, 1 or more (--repeat=5)`);
  return {
    quick: argv.includes('--quick'),
    only: new Set(only ? only.split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7]),
    databases: (value('db')?.split(',') ?? ['sqlite', 'postgres']) as DatabaseKind[],
    ...(records ? { records: Number(records) } : {}),
    repeat,
    ...(exportRows ? { exportRows: Number(exportRows) } : {}),
    ...(memoryRecords ? { memoryRecords: memoryRecords.split(',').map(Number) } : {}),
    salesforceRest: argv.includes('--sf-rest'),
    profile: argv.includes('--profile'),
    hubFlags: value('hub-flags')?.split(' ').filter(Boolean) ?? [],
  };
}

export async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const mode = options.quick ? 'quick' : 'full';
  const sizes = {
    ...(options.quick ? QUICK_SIZES : FULL_SIZES),
    ...(options.records ? { importRecords: options.records } : {}),
    ...(options.exportRows ? { exportRows: options.exportRows } : {}),
    ...(options.memoryRecords ? { memoryRecords: options.memoryRecords } : {}),
  };
  const machine = machineInfo();
  const log = (message: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  log(`${mode} run on ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAtStart}`);
  const profileDir = options.profile ? join(RESULTS_DIR, 'profiles', stamp) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const sf = await startSalesforceEmulator();
  const dv = await startDataverseEmulator({ requestLimit: { requests: 1_000_000, windowMs: 300_000 } });
  const ctx: BenchContext = { sizes, databases: options.databases, sf, dv, results: [], log, repeat: options.repeat, hubStart: { nodeFlags: options.hubFlags, ...(profileDir ? { profileDir } : {}) } };
  const started = Date.now();
  try {
    for (const crm of ['salesforce', 'dataverse'] as Crm[]) {
      const wanted = (crm === 'salesforce' ? options.only.has(1) : options.only.has(2)) || options.only.has(3);
      if (!wanted) continue;
      log(`Scenarios ${crm === 'salesforce' ? 1 : 2} and 3 on ${crm}: seeding ${sizes.importRecords} records`);
      const ids = seedCrm(crm, { sf, dv }, sizes.importRecords);
      for (const database of ctx.databases) {
        await importScenarios(ctx, crm, database, ids);
        if (crm === 'salesforce' && options.salesforceRest) {
          await importScenarios(ctx, crm, database, ids, { label: 'REST reads (bulkReadThreshold above N)', account: { bulkReadThreshold: 100_000_000 } });
        }
      }
    }
    if (options.only.has(4)) for (const database of ctx.databases) await exportScenario(ctx, database);
    if (options.only.has(5)) await memoryScenario(ctx);
    if (options.only.has(6)) for (const database of ctx.databases) await latencyScenario(ctx, database);
    // Scale-out needs PostgreSQL and Redis, whatever --db says.
    if (options.only.has(7)) await scaleOutScenario(ctx);
  } finally {
    await sf.close();
    await dv.close();
  }
  const targets = checkTargets(ctx.results, sizes);
  const table = resultsTable(ctx.results);
  process.stdout.write(`\n${table}\n\nTargets:\n${targets.map((t) => `- ${t.met ? 'met' : 'MISSED'}: ${t.target} — ${t.detail}`).join('\n')}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${mode}-${stamp}.json`);
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  writeFileSync(
    file,
    `${JSON.stringify({ command, mode, sizes, machine: { ...machine, loadAtEnd: currentLoad() }, minutes: Math.round((Date.now() - started) / 600) / 100, results: ctx.results, targets, table }, null, 2)}\n`,
  );
  log(`results: ${relative(process.cwd(), file)}${profileDir ? `; CPU profiles: ${relative(process.cwd(), profileDir)}` : ''}`);
}
