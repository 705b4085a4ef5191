import { Command } from 'commander';
import { registerAccountsCommand } from './commands/accounts-command';
import { registerAuditCommand } from './commands/audit-command';
import { registerDiscoveryCommands } from './commands/discovery-command';
import { registerEnumsCommand } from './commands/enums-command';
import { registerJobsCommand } from './commands/jobs-command';
import { registerKeysCommand } from './commands/keys-command';
import { registerPluginsCommand } from './commands/plugins-command';
import { registerRunsCommand } from './commands/runs-command';
import { registerSchemasCommand } from './commands/schemas-command';
import { DEFAULT_HUB_URL } from './hub/connection';

const EXAMPLES = `
Examples:
  export CRM_HUB_URL=${DEFAULT_HUB_URL} CRM_HUB_API_KEY=chub_…
  crm-hub accounts list
  crm-hub objects "Salesforce demo"
  crm-hub jobs run "Dataverse contacts in" --watch
  crm-hub runs list --job "Dataverse contacts in" --json
  crm-hub keys create --name dashboard --scope read --account "Salesforce demo"
  crm-hub audit --action account. --since 2026-12-01T00:00:00Z`;

/** The `crm-hub` command line: global options, then one command per resource of the REST API. */
export function buildProgram(version: string): Command {
  const program = new Command('crm-hub')
    .description('Drive a CRM Hub through its REST API: accounts, discovery, schemas, enumerations, sync jobs and runs, API keys and the audit log.')
    .version(version)
    .option('--url <url>', `the hub's address (env CRM_HUB_URL, default ${DEFAULT_HUB_URL})`)
    .option('--api-key <key>', 'an API key of the hub (env CRM_HUB_API_KEY)')
    .option('--json', 'print the API answers as JSON, for scripts')
    .showHelpAfterError('(crm-hub --help lists the commands)')
    .addHelpText('after', EXAMPLES);
  registerPluginsCommand(program);
  registerAccountsCommand(program);
  registerDiscoveryCommands(program);
  registerSchemasCommand(program);
  registerEnumsCommand(program);
  registerJobsCommand(program);
  registerRunsCommand(program);
  registerKeysCommand(program);
  registerAuditCommand(program);
  return program;
}
