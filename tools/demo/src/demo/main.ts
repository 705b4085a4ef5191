import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_SEED, startDemoCrms, type DemoCrms } from '../support/emulators';
import { startHubChild, type HubChild } from '../support/hub-child';
import { hubRest } from '../support/hub-rest';
import { portIsFree, waitForStopSignal } from '../support/process-control';
import { n, StepPrinter } from '../support/step-printer';
import { collectReport, reportText } from './report';
import { checkAccounts, createAccounts, createJobs, discover, generateSchemas, syncEnumerations, type StepContext } from './setup-steps';
import { changeInCrms, CONTINUOUS_JOB, continuousJob, deleteInCrms, exportWithRejects, fullImport, incrementalImport, showRejects, stopContinuousJob, writeRowsWithPlainSql } from './sync-steps';
import { dataverseTrack, salesforceTrack } from './tracks';

interface DemoOptions {
  exit: boolean;
  port: number;
}

function parseOptions(args: string[]): DemoOptions {
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : Number(process.env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port takes a port number, not '${args[portAt + 1]}'`);
  return { exit: args.includes('--exit'), port };
}

/** What to try once the demo is done: the docs, the key, and CLI commands over the demo's data. */
function tryItText(url: string, apiKey: string, envFile: string): string {
  return [
    '',
    'The hub and both CRM emulators keep running; Ctrl-C stops them.',
    `  API docs (OpenAPI):  ${url}/docs`,
    `  API key:             ${apiKey}   (this demo's own; also in ${envFile})`,
    '',
    'Try the CLI in another terminal:',
    `  source ${envFile}            # sets CRM_HUB_URL and CRM_HUB_API_KEY`,
    '  npx crm-hub accounts list',
    '  npx crm-hub objects "Salesforce demo"',
    '  npx crm-hub jobs list',
    '  npx crm-hub jobs run "Dataverse contacts in" --watch',
    '  npx crm-hub runs list --job "Salesforce subscriptions out"',
    `  npx crm-hub runs list --job "${CONTINUOUS_JOB}" --json`,
    '',
  ].join('\n');
}

/**
 * `npm run demo`: both CRM emulators, a hub on a fresh SQLite database under <data dir>/hub, and
 * the whole workflow through the public REST API, step by step; then a report. With --exit it
 * stops everything and exits 0; otherwise it keeps running until Ctrl-C.
 */
export async function main({ args, dataDir }: { args: string[]; dataDir: string; caPath: string }): Promise<number> {
  const options = parseOptions(args);
  const print = new StepPrinter();
  const started = Date.now();
  if (!(await portIsFree(options.port))) throw new Error(`Port ${options.port} is in use (a hub, or another demo?): stop it, or pass --port <another>`);
  const hubData = join(dataDir, 'hub');
  rmSync(hubData, { recursive: true, force: true });
  mkdirSync(hubData, { recursive: true, mode: 0o700 });
  const apiKey = `chub_demo_${randomBytes(24).toString('base64url')}`;
  const shown = (path: string) => relative(process.cwd(), path) || '.';

  print.line('CRM Hub demo: the whole workflow through the public REST API, against a Salesforce and a Dataverse emulator');
  let crms: DemoCrms | undefined;
  let hub: HubChild | undefined;
  const stopAll = async () => {
    await hub?.stop();
    await crms?.close();
  };
  // Ctrl-C in the middle of the workflow: stop the hub and the emulators before leaving.
  const interrupted = (signal: NodeJS.Signals) => {
    print.line(`\n${signal}: stopping the hub and the emulators…`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    print.step('Start the CRM emulators (HTTPS, with a CA generated for the demo)');
    crms = await startDemoCrms(DEMO_SEED);
    print.detail(`Salesforce ${crms.salesforce.url}: ${n(DEMO_SEED.salesforceSubscriptions)} Subscription__c, ${n(DEMO_SEED.salesforceAccounts)} Account`);
    print.detail(`Dataverse  ${crms.dataverse.url}: ${n(DEMO_SEED.dataverseContacts)} contact`);

    print.step(`Start the hub on a fresh SQLite database (${shown(hubData)})`, `node dist/apps/hub/main.js   (log: ${shown(join(dataDir, 'hub.log'))})`);
    hub = await startHubChild({
      cwd: dataDir,
      port: options.port,
      logFile: join(dataDir, 'hub.log'),
      env: { HOST: '127.0.0.1', HUB_DATA_DIR: hubData, HUB_API_KEYS: apiKey, NODE_EXTRA_CA_CERTS: join(dataDir, 'tls', 'ca.pem'), LOG_LEVEL: 'info' },
    });
    print.detail(`listening on ${hub.url}`);

    const context: StepContext = { rest: hubRest(hub.url, apiKey), print };
    const tracks = [salesforceTrack(crms.salesforce), dataverseTrack(crms.dataverse)];
    const states = await createAccounts(context, tracks);
    await checkAccounts(context, states);
    await discover(context, states);
    await generateSchemas(context, states);
    await syncEnumerations(context, states);
    await createJobs(context, states);
    await fullImport(context, states);
    changeInCrms(context, states);
    await incrementalImport(context, states);
    writeRowsWithPlainSql(context, states, join(hubData, 'hub.sqlite'));
    await showRejects(context, await exportWithRejects(context, states));
    await deleteInCrms(context, states);
    const continuous = await continuousJob(context, states[0] as (typeof states)[number], crms.salesforce);

    print.step('Report: per job, over all its runs', 'GET /api/sync/jobs   GET /api/sync/runs?jobId=…');
    const report = await collectReport(context.rest, new Map(states.map((s) => [s.accountId, s.track.crm])));
    print.line(reportText(report));
    writeFileSync(join(dataDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    print.line(`The whole workflow took ${((Date.now() - started) / 1000).toFixed(1)} s (report: ${shown(join(dataDir, 'report.json'))}).`);

    const missing = report.totals.flatMap((t) => (['imported', 'exported', 'deleted', 'rejected'] as const).filter((what) => t[what] === 0).map((what) => `${what} (${t.crm})`));
    if (missing.length > 0) {
      // The demo doubles as a smoke test (.ci/run): every kind of record movement must have happened.
      print.line(`Self-check failed: nothing ${missing.join(', ')}`);
      return 1;
    }

    const envFile = join(dataDir, 'demo.env');
    writeFileSync(envFile, `export CRM_HUB_URL=${hub.url}\nexport CRM_HUB_API_KEY=${apiKey}\n`, { mode: 0o600 });
    if (options.exit) {
      await stopContinuousJob(context.rest, continuous);
      return 0;
    }
    // Listen for the final Ctrl-C before removing the first listener and before inviting it: with no
    // listener for a moment, a signal would kill the demo with the hub and emulators left running.
    const stopped = waitForStopSignal();
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    print.line(tryItText(hub.url, apiKey, shown(envFile)));
    const signal = await stopped;
    print.line(`\n${signal}: stopping the hub and the emulators…`);
    return 0;
  } finally {
    await stopAll();
  }
}
