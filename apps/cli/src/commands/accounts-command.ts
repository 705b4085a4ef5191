import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { withHub } from '../command-context';
import { answer, type Schema } from '../hub/hub-client';
import { accountId } from '../hub/lookup';
import { formatInstant, parseJsonOption } from '../output/format';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

type AccountView = Schema<'AccountView'>;

function accountRows(accounts: AccountView[]): unknown[][] {
  return accounts.map((a) => [
    a.id,
    a.name,
    a.pluginId + (a.pluginAvailable ? '' : ' (not loaded)'),
    a.lastCheck ? `${a.lastCheck.status} ${formatInstant(a.lastCheck.at)}` : 'never',
    formatInstant(a.createdAt),
  ]);
}

const ACCOUNT_HEADERS = ['id', 'name', 'plugin', 'last check', 'created'];

/** Settings from --config (JSON) or --config-file (a JSON file); secrets are never echoed back. */
function settingsFrom(options: { config?: string; configFile?: string }): Record<string, unknown> {
  if (options.config && options.configFile) throw new UsageError('Give the settings once: --config or --config-file, not both');
  if (options.configFile) return parseJsonOption('--config-file', readFileSync(options.configFile, 'utf8'));
  if (options.config) return parseJsonOption('--config', options.config);
  throw new UsageError("The account's settings are missing: pass --config '<json>' or --config-file <path> (`crm-hub plugins --json` shows each plugin's connectionSpec)");
}

/** `crm-hub accounts list|create|check`: external accounts, the hub's connections to CRMs. */
export function registerAccountsCommand(program: Command): void {
  const accounts = program.command('accounts').description('external accounts: the connections to CRMs');

  accounts
    .command('list')
    .description('list the accounts')
    .action(
      withHub(async ({ hub, show }) => {
        const list = await answer(hub, hub.api.GET('/api/accounts'));
        show(list, () => table(ACCOUNT_HEADERS, accountRows(list)));
      }),
    );

  accounts
    .command('create')
    .description('create an account (settings are checked against the plugin; secrets are stored encrypted, never shown)')
    .requiredOption('--name <name>', 'a unique name')
    .requiredOption('--plugin <id>', 'the plugin id (see `crm-hub plugins`)')
    .option('--config <json>', 'the settings as JSON')
    .option('--config-file <path>', 'the settings in a JSON file (keeps secrets out of the shell history)')
    .action(
      withHub(async ({ hub, show }, options: { name: string; plugin: string; config?: string; configFile?: string }) => {
        const body = { name: options.name, pluginId: options.plugin, config: settingsFrom(options) };
        const created = await answer(hub, hub.api.POST('/api/accounts', { body }));
        show(created, () => `Created account '${created.name}' (${created.id}). Test it: crm-hub accounts check ${created.id}`);
      }),
    );

  accounts
    .command('check')
    .description('test the connection to the CRM (exit code 1 when it fails)')
    .argument('<account>', 'account id or name')
    .action(
      withHub(async ({ hub, show, fail }, account: string) => {
        const id = await accountId(hub, account);
        const result = await answer(hub, hub.api.POST('/api/accounts/{id}/check', { params: { path: { id } } }));
        show(result, () =>
          result.ok
            ? `OK: connected in ${result.durationMs} ms with ${result.apiCalls} API call(s)`
            : `FAILED after ${result.durationMs} ms: ${result.reason ?? 'no reason given'}`,
        );
        if (!result.ok) fail();
      }),
    );
}
