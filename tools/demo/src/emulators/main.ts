import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_SEED, dataverseSettings, salesforceSettings, startDemoCrms } from '../support/emulators';
import { portIsFree, waitForStopSignal } from '../support/process-control';
import { n } from '../support/step-printer';

const DEFAULT_PORTS = { salesforce: 7443, dataverse: 7444 };

function portOption(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const port = Number(args[at + 1]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} takes a port number, not '${args[at + 1]}'`);
  return port;
}

/** How to create an account with these settings: REST and CLI, side by side. */
function howToCreate(name: string, pluginId: string, settingsFile: string, settings: Record<string, unknown>): string {
  const body = JSON.stringify({ name, pluginId, config: settings });
  return [
    `  Settings to paste into POST /api/accounts (also in ${settingsFile}):`,
    `    ${body}`,
    `  curl -X POST http://localhost:3000/api/accounts -H "Authorization: Bearer $CRM_HUB_API_KEY" -H 'content-type: application/json' -d '${body}'`,
    `  npx crm-hub accounts create --name "${name}" --plugin ${pluginId} --config-file ${settingsFile}`,
  ].join('\n');
}

/**
 * `npm run emulators`: the Salesforce and Dataverse emulators on fixed ports with seeded data, and
 * what a developer needs to point a hub (or a plugin under development) at them.
 */
export async function main({ args, dataDir, caPath }: { args: string[]; dataDir: string; caPath: string }): Promise<number> {
  const ports = { salesforce: portOption(args, '--salesforce-port', DEFAULT_PORTS.salesforce), dataverse: portOption(args, '--dataverse-port', DEFAULT_PORTS.dataverse) };
  for (const [crm, port] of Object.entries(ports)) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} (${crm}) is in use: stop what listens there, or pass --${crm}-port <another>`);
  }
  // Listen for Ctrl-C before saying it stops the emulators: a signal that came between the words and
  // the listener would kill the process outright, servers unclosed and exit code lost.
  const stopped = waitForStopSignal();
  const crms = await startDemoCrms(DEMO_SEED, ports);
  try {
    const shown = (path: string) => relative(process.cwd(), path) || '.';
    const folder = join(dataDir, 'emulators');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const sfSettings = salesforceSettings(crms.salesforce);
    const dvSettings = dataverseSettings(crms.dataverse);
    const sfFile = join(folder, 'salesforce-settings.json');
    const dvFile = join(folder, 'dataverse-settings.json');
    // The emulators' own client secrets, readable by this user only like any credentials file.
    writeFileSync(sfFile, `${JSON.stringify(sfSettings, null, 2)}\n`, { mode: 0o600 });
    writeFileSync(dvFile, `${JSON.stringify(dvSettings, null, 2)}\n`, { mode: 0o600 });
    process.stdout.write(
      [
        'CRM emulators running (HTTPS; their certificates come from a CA generated for them)',
        '',
        `Salesforce  ${crms.salesforce.url}   ${n(DEMO_SEED.salesforceSubscriptions)} Subscription__c, ${n(DEMO_SEED.salesforceAccounts)} Account; OAuth client credentials`,
        howToCreate('Salesforce emulator', 'salesforce', shown(sfFile), sfSettings),
        '',
        `Dataverse   ${crms.dataverse.url}   ${n(DEMO_SEED.dataverseContacts)} contact; Entra client credentials (tenant ${crms.dataverse.credentials.tenantId})`,
        howToCreate('Dataverse emulator', 'dynamics', shown(dvFile), dvSettings),
        '',
        'The hub must trust the CA (and only the hub needs to):',
        `  CA file: ${caPath}`,
        `  NODE_EXTRA_CA_CERTS=${caPath} npm start`,
        '',
        `Control API, to act as a CRM user or admin (no auth, never counted): ${crms.salesforce.url}/__emulator/ and ${crms.dataverse.url}/__emulator/`,
        'Ctrl-C stops the emulators.',
        '',
      ].join('\n'),
    );
    const signal = await stopped;
    process.stdout.write(`${signal}: stopping the emulators\n`);
    return 0;
  } finally {
    await crms.close();
  }
}
