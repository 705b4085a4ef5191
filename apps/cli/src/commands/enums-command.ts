import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answer } from '../hub/hub-client';
import { accountId } from '../hub/lookup';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

/** `Subscription__c.Plan__c=plan` → a binding of that picklist to the hub enumeration `plan`. */
export function parseBinding(text: string, replace: boolean): { enumId: string; enumeration: string; replace: boolean } {
  const at = text.lastIndexOf('=');
  const enumId = text.slice(0, at).trim();
  const enumeration = text.slice(at + 1).trim();
  if (at <= 0 || !enumId || !enumeration) {
    throw new UsageError(`'${text}' is not a binding: write <picklist>=<enumeration>, e.g. Subscription__c.Plan__c=plan (picklist ids: crm-hub enums sync --help)`);
  }
  return { enumId, enumeration, replace };
}

/** `crm-hub enums sync`: CRM picklists into hub enumerations. */
export function registerEnumsCommand(program: Command): void {
  const enums = program.command('enums').description('hub enumerations filled from CRM picklists');

  enums
    .command('sync')
    .description('sync picklists into hub enumerations; without bindings, sync the remembered ones again')
    .argument('<account>', 'account id or name')
    .argument('[bindings...]', '<picklist>=<enumeration>, e.g. Subscription__c.Plan__c=plan or global:new_channel=channels')
    .option('--replace', 'make the enumerations exactly the CRM values (default: add new values, keep the others)')
    .action(
      withHub(async ({ hub, show }, account: string, bindings: string[], options: { replace?: boolean }) => {
        const id = await accountId(hub, account);
        const body = bindings.length ? { bindings: bindings.map((b) => parseBinding(b, options.replace === true)) } : {};
        const synced = await answer(hub, hub.api.POST('/api/accounts/{id}/enum-sync', { params: { path: { id } }, body }));
        show(synced, () =>
          table(
            ['picklist', 'enumeration', 'mode', 'created', 'added', 'changed', 'removed'],
            synced.results.map((r) => [r.picklist, r.enumeration, r.replace ? 'replace' : 'add', r.created, r.added.length, r.changed.length, r.removed.length]),
          ),
        );
      }),
    );
}
