import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answerAs } from '../hub/hub-client';
import { accountId } from '../hub/lookup';
import type { DescribeAnswer, ObjectsAnswer } from '../hub/undocumented-answers';
import { table } from '../output/table';

/** What a field allows, in a few letters: required, read-only, external id, computed. */
function fieldFlags(field: DescribeAnswer['object']['fields'][number]): string {
  const flags: string[] = [];
  if (field.required || (!field.nullable && field.createable)) flags.push('required');
  if (!field.createable && !field.updateable) flags.push('read-only');
  else if (!field.updateable) flags.push('create-only');
  if (field.externalId) flags.push('external id');
  if (field.computed) flags.push('computed');
  return flags.join(', ');
}

/** `crm-hub objects <account>` and `crm-hub describe <account> <object>`: the discovery wizard. */
export function registerDiscoveryCommands(program: Command): void {
  program
    .command('objects')
    .description("list the CRM's objects (tables), and the hub schema of each one that has one")
    .argument('<account>', 'account id or name')
    .option('--refresh', 'ask the CRM again instead of the cached listing')
    .action(
      withHub(async ({ hub, show }, account: string, options: { refresh?: boolean }) => {
        const id = await accountId(hub, account);
        const query = options.refresh ? { refresh: true } : {};
        const listing = await answerAs<ObjectsAnswer>(hub, hub.api.GET('/api/accounts/{id}/objects', { params: { path: { id }, query } }));
        show(listing, () =>
          table(
            ['object', 'label', 'custom', 'incremental', 'schema'],
            listing.objects.map((o) => [o.name, o.label, o.custom, o.incremental, o.schemaId ?? '']),
          ),
        );
      }),
    );

  program
    .command('describe')
    .description("describe a CRM object: its fields (canonical and native types, what they allow) and picklists")
    .argument('<account>', 'account id or name')
    .argument('<object>', 'the CRM object, e.g. Contact')
    .option('--refresh', 'ask the CRM again instead of the cached describe')
    .action(
      withHub(async ({ hub, show }, account: string, object: string, options: { refresh?: boolean }) => {
        const id = await accountId(hub, account);
        const query = options.refresh ? { refresh: true } : {};
        const described = await answerAs<DescribeAnswer>(hub, hub.api.GET('/api/accounts/{id}/objects/{object}', { params: { path: { id, object }, query } }));
        show(described, () => {
          const fields = table(
            ['field', 'label', 'type', 'native type', 'allows', 'references', 'picklist'],
            described.object.fields.map((f) => [f.name, f.label, f.type, f.nativeType, fieldFlags(f), f.referenceTo ?? [], f.enumId ?? '']),
          );
          const picklists = table(
            ['picklist', 'values', 'multi-select', 'restricted'],
            described.picklists.map((p) => [p.id, p.values.length, p.multiSelect, p.restricted]),
          );
          const schema = described.schemaId ? `Hub schema: ${described.schemaId}` : `No hub schema yet: crm-hub schemas create "${account}" ${described.object.name}`;
          return `${described.object.name}: ${described.object.fields.length} fields\n${fields}\nPicklists:\n${picklists}\n${schema}`;
        });
      }),
    );
}
