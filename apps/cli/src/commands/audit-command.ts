import type { Command } from 'commander';
import { withHub } from '../command-context';
import type { operations } from '../generated/hub-api';
import { answer, type Hub, type Schema } from '../hub/hub-client';
import { pickKey } from '../hub/key-lookup';
import { accountId } from '../hub/lookup';
import { AUDIT_HEADERS, auditRows } from '../output/audit-format';
import { parseDateTimeOption } from '../output/format';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

type AuditEntryView = Schema<'AuditEntryView'>;
type AuditQuery = NonNullable<operations['AuditController_list']['parameters']['query']>;

interface AuditOptions {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  account?: string;
  key?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit?: number;
  all?: boolean;
}

/** pending: the change is under way, or its hub process stopped before it could record the end. */
const OUTCOMES = ['succeeded', 'failed', 'pending'];
const DEFAULT_LIMIT = 50;
/** The hub's largest page: `--all` reads with it unless --limit says otherwise. */
const LARGEST_PAGE = 200;

const limitOption = (text: string): number => {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > LARGEST_PAGE) throw new UsageError(`--limit takes a whole number from 1 to ${LARGEST_PAGE}, not '${text}'`);
  return limit;
};

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|env:\d+)$/i;

/** A key id as is; a prefix or name is looked up among the keys (which only an admin key may list). */
async function keyId(hub: Hub, reference: string): Promise<string> {
  if (KEY_ID.test(reference)) return reference;
  return pickKey(await answer(hub, hub.api.GET('/api/keys')), reference).id;
}

async function auditQuery(hub: Hub, options: AuditOptions): Promise<AuditQuery> {
  if (options.outcome && !OUTCOMES.includes(options.outcome)) throw new UsageError(`--outcome must be one of ${OUTCOMES.join(', ')}`);
  return {
    limit: options.limit ?? (options.all ? LARGEST_PAGE : DEFAULT_LIMIT),
    ...(options.action ? { action: options.action } : {}),
    ...(options.resourceType ? { resourceType: options.resourceType } : {}),
    ...(options.resourceId ? { resourceId: options.resourceId } : {}),
    ...(options.account ? { accountId: await accountId(hub, options.account) } : {}),
    ...(options.key ? { keyId: await keyId(hub, options.key) } : {}),
    ...(options.outcome ? { outcome: options.outcome as AuditQuery['outcome'] } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
}

/** One page, or with `all` every page: `next` is followed until the hub says there is no more. */
async function readEntries(hub: Hub, query: AuditQuery, all: boolean): Promise<{ entries: AuditEntryView[]; more: boolean }> {
  const entries: AuditEntryView[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await answer(hub, hub.api.GET('/api/audit', { params: { query: { ...query, ...(before ? { before } : {}) } } }));
    entries.push(...page.entries);
    // A cursor that does not move would loop for ever: stop there rather than trust it.
    if (!all || !page.next || page.next === before) return { entries, more: !all && page.next !== null };
    before = page.next;
  }
}

/** `crm-hub audit`: who changed what through the API, newest first. */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('the audit log: every change made through the API, who made it (key name and prefix), what changed and how it ended; newest first')
    .option('--action <action>', 'an action (account.update), or a resource type and a dot for all its actions (account.)')
    .option('--resource-type <type>', 'account | schema | job | run | key | …')
    .option('--resource-id <id>', 'changes to this resource')
    .option('--account <account>', 'changes to this account and what hangs off it (id or name)')
    .option('--key <key>', 'changes made with this API key (id; a prefix or name needs an admin key to look it up)')
    .option('--outcome <outcome>', OUTCOMES.join(' | '))
    .option('--since <date-time>', 'entries at or after this time (ISO 8601)', (text) => parseDateTimeOption('--since', text))
    .option('--until <date-time>', 'entries before this time (ISO 8601)', (text) => parseDateTimeOption('--until', text))
    .option('--limit <n>', `at most this many (1-${LARGEST_PAGE}, default ${DEFAULT_LIMIT}); with --all, per request`, limitOption)
    .option('--all', 'every matching entry, page after page')
    .action(
      withHub(async ({ hub, show }, options: AuditOptions) => {
        const { entries, more } = await readEntries(hub, await auditQuery(hub, options), options.all === true);
        show(entries, () => table(AUDIT_HEADERS, auditRows(entries)) + (more ? '\n(older entries match too: --all lists them)' : ''));
      }),
    );
}
