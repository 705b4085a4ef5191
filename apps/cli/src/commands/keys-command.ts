import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answer, type Hub, type Schema } from '../hub/hub-client';
import { pickKey, shownPrefix } from '../hub/key-lookup';
import { accountId } from '../hub/lookup';
import { formatInstant, parseDateTimeOption } from '../output/format';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

type KeyView = Schema<'KeyView'>;
type CreateKey = Schema<'CreateKeyDto'>;

const SCOPES = ['read', 'operate', 'admin'];

/** Account names by id, so that lists say which accounts a key is limited to in words. */
async function accountNames(hub: Hub): Promise<Map<string, string>> {
  const accounts = await answer(hub, hub.api.GET('/api/accounts'));
  return new Map(accounts.map((a) => [a.id, a.name]));
}

function limitedTo(key: KeyView, names: Map<string, string>): string {
  return key.accounts ? key.accounts.map((id) => names.get(id) ?? id).join(', ') : 'every account';
}

function keyRows(keys: KeyView[], names: Map<string, string>): unknown[][] {
  return keys.map((k) => [
    k.id,
    k.name,
    shownPrefix(k),
    k.scope,
    limitedTo(k, names),
    k.status,
    k.source === 'environment' ? 'HUB_API_KEYS' : formatInstant(k.createdAt),
    k.expiresAt ? formatInstant(k.expiresAt) : 'never',
    formatInstant(k.lastUsedAt),
  ]);
}

const KEY_HEADERS = ['id', 'name', 'prefix', 'scope', 'accounts', 'status', 'created', 'expires', 'last used'];

/** Repeatable `--account`: each occurrence adds one. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The lines printed once after a key is created: the secret, that it is not shown again, how to use it. */
function createdText(created: Schema<'CreatedKeyView'>, names: string[]): string {
  const limits = names.length > 0 ? `limited to ${names.join(', ')}` : 'every account';
  return [
    `Created API key '${created.name}' (${shownPrefix(created)}, id ${created.id}): scope ${created.scope}, ${limits}, ${created.expiresAt ? `expires ${formatInstant(created.expiresAt)}` : 'does not expire'}`,
    '',
    `  ${created.key}`,
    '',
    'Store it now: it will not be shown again (the hub keeps only a hash).',
    'Use it as CRM_HUB_API_KEY=<key> (or --api-key <key>) with crm-hub, or send Authorization: Bearer <key>.',
  ].join('\n');
}

/** `crm-hub keys list|create|revoke`: the hub's API keys (needs an admin key for every account). */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys: scopes, account limits, revocation (needs an admin key not limited to accounts)');

  keys
    .command('list')
    .description('list the API keys (HUB_API_KEYS first, revoked and expired ones included), never the keys themselves')
    .action(
      withHub(async ({ hub, show, json }) => {
        const list = await answer(hub, hub.api.GET('/api/keys'));
        // JSON is the API's answer as it is: account names are looked up only for people.
        const names = json ? new Map<string, string>() : await accountNames(hub);
        show(list, () => table(KEY_HEADERS, keyRows(list, names)));
      }),
    );

  keys
    .command('create')
    .description('create an API key; it is printed once, store it')
    .requiredOption('--name <name>', 'who or what uses the key')
    .requiredOption('--scope <scope>', 'read (everything readable, no secrets) | operate (also run jobs, test connections) | admin (everything)')
    .option('--account <account>', 'limit the key to this account (id or name); repeat for several; omit for every account', collect)
    .option('--expires <date-time>', 'when the key stops working (ISO 8601, e.g. 2027-01-31T00:00:00Z); default: never', (text) => parseDateTimeOption('--expires', text))
    .action(
      withHub(async ({ hub, show }, options: { name: string; scope: string; account?: string[]; expires?: string }) => {
        if (!SCOPES.includes(options.scope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}`);
        const accounts = await Promise.all((options.account ?? []).map((account) => accountId(hub, account)));
        const body: CreateKey = {
          name: options.name,
          scope: options.scope as CreateKey['scope'],
          ...(accounts.length > 0 ? { accounts } : {}),
          ...(options.expires ? { expiresAt: options.expires } : {}),
        };
        const created = await answer(hub, hub.api.POST('/api/keys', { body }));
        show(created, () => createdText(created, options.account ?? []));
      }),
    );

  keys
    .command('revoke')
    .description('revoke an API key: it stops working at once, in every hub process (it stays listed, as revoked)')
    .argument('<key>', 'key id, prefix (as `keys list` shows it) or name')
    .action(
      withHub(async ({ hub, show }, reference: string) => {
        const key = pickKey(await answer(hub, hub.api.GET('/api/keys')), reference);
        const revoked = await answer(hub, hub.api.DELETE('/api/keys/{id}', { params: { path: { id: key.id } } }));
        show(revoked, () =>
          key.revokedAt
            ? `API key '${revoked.name}' (${shownPrefix(revoked)}) was already revoked, at ${formatInstant(key.revokedAt)}`
            : `Revoked API key '${revoked.name}' (${shownPrefix(revoked)}): it no longer opens anything`,
        );
      }),
    );
}
