import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answer, answerAs, type Schema } from '../hub/hub-client';
import { accountId, schemaId } from '../hub/lookup';
import type { ApplyDriftAnswer, DriftAnswer } from '../hub/undocumented-answers';
import { formatInstant, parseList } from '../output/format';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

function schemaRows(schemas: Schema<'SchemaView'>[]): unknown[][] {
  return schemas.map((s) => [s.id, s.object, s.table, s.fields.filter((f) => f.active).length, s.incremental, formatInstant(s.createdAt)]);
}

const SCHEMA_HEADERS = ['id', 'object', 'table', 'fields', 'incremental', 'created'];

function driftText(drift: DriftAnswer): string {
  if (drift.upToDate) return 'Up to date: the table matches the CRM.';
  const rows: unknown[][] = [
    ...drift.added.map((a) => ['added', a.field, a.columnType ?? a.type, a.returning ? 'returning field' : '']),
    ...drift.removed.map((r) => ['removed', r.field, r.column ?? '', 'column and data are kept']),
    ...drift.retyped.map((r) => ['retyped', r.field, `${r.from} → ${r.to}`, r.safe ? 'safe' : `unsafe: ${r.reason}`]),
    ...drift.picklists.map((p) => ['picklist', p.field, p.picklist, `+${p.added.length} −${p.removed.length} ~${p.relabeled.length}`]),
  ];
  return `${table(['change', 'field', 'type', 'note'], rows)}\nApply it: crm-hub schemas apply-drift ${drift.schemaId}`;
}

/** `crm-hub schemas create|list|drift|apply-drift`: the hub tables generated from CRM objects. */
export function registerSchemasCommand(program: Command): void {
  const schemas = program.command('schemas').description('hub schemas: a table per CRM object, and its drift');

  schemas
    .command('create')
    .description('generate hub tables for CRM objects (all their fields, or --fields)')
    .argument('<account>', 'account id or name')
    .argument('<objects...>', 'CRM objects, e.g. Contact Subscription__c')
    .option('--fields <names>', 'comma-separated fields (one object only)')
    .action(
      withHub(async ({ hub, show }, account: string, objects: string[], options: { fields?: string }) => {
        if (options.fields && objects.length > 1) throw new UsageError('--fields applies to one object: create the schemas one at a time');
        const id = await accountId(hub, account);
        const selection = objects.map((name) => ({ name, ...(options.fields ? { fields: parseList(options.fields) } : {}) }));
        const created = await answer(hub, hub.api.POST('/api/accounts/{id}/schemas', { params: { path: { id } }, body: { objects: selection } }));
        show(created, () => table(SCHEMA_HEADERS, schemaRows(created.schemas)));
      }),
    );

  schemas
    .command('list')
    .description('list the hub schemas')
    .option('--account <account>', 'only those of this account (id or name)')
    .action(
      withHub(async ({ hub, show }, options: { account?: string }) => {
        const query = options.account ? { accountId: await accountId(hub, options.account) } : {};
        const list = await answer(hub, hub.api.GET('/api/schemas', { params: { query } }));
        show(list, () => table(SCHEMA_HEADERS, schemaRows(list)));
      }),
    );

  schemas
    .command('drift')
    .description('compare a schema with the CRM now: added, removed and retyped fields, changed picklists')
    .argument('<schema>', 'schema id, or the CRM object with --account')
    .option('--account <account>', 'the account of the object (id or name)')
    .action(
      withHub(async ({ hub, show }, schema: string, options: { account?: string }) => {
        const id = await schemaId(hub, schema, options.account);
        const drift = await answerAs<DriftAnswer>(hub, hub.api.GET('/api/schemas/{id}/drift', { params: { path: { id } } }));
        show(drift, () => driftText(drift));
      }),
    );

  schemas
    .command('apply-drift')
    .description('apply the drift: new columns, safe widenings; removed fields become inactive (data kept)')
    .argument('<schema>', 'schema id, or the CRM object with --account')
    .option('--account <account>', 'the account of the object (id or name)')
    .option('--skip-unsafe', 'apply the rest when a type change could lose data (default: refuse)')
    .option('--add-fields <names>', 'add only these new fields (comma-separated)')
    .action(
      withHub(async ({ hub, show }, schema: string, options: { account?: string; skipUnsafe?: boolean; addFields?: string }) => {
        const id = await schemaId(hub, schema, options.account);
        const body = { ...(options.skipUnsafe ? { skipUnsafe: true } : {}), ...(options.addFields ? { addFields: parseList(options.addFields) } : {}) };
        const applied = await answerAs<ApplyDriftAnswer>(hub, hub.api.POST('/api/schemas/{id}/apply-drift', { params: { path: { id } }, body }));
        show(applied, () =>
          [
            `added: ${applied.added.join(', ') || 'none'}`,
            `widened: ${applied.widened.join(', ') || 'none'}`,
            `deactivated: ${applied.deactivated.join(', ') || 'none'}`,
            `picklists updated: ${applied.picklistsUpdated.join(', ') || 'none'}`,
            ...applied.skipped.map((s) => `skipped ${s.field}: ${s.reason}`),
          ].join('\n'),
        );
      }),
    );
}
