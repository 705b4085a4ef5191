import type { Command } from 'commander';
import { withHub, type CommandContext } from '../command-context';
import { answer, type Schema } from '../hub/hub-client';
import { accountId, jobId, schemaId } from '../hub/lookup';
import { formatInstant, parseJsonOption } from '../output/format';
import { runSummary, watchRun } from '../output/run-watch';
import { table } from '../output/table';
import { UsageError } from '../usage-error';

type JobView = Schema<'JobView'>;
type CreateJob = Schema<'CreateJobDto'>;

const OPERATIONS = ['import', 'import-deleted', 'export', 'delete'];

interface CreateOptions {
  name: string;
  account: string;
  schema: string;
  operation: string;
  mode?: string;
  cron?: string;
  timeZone?: string;
  mapping?: string;
  filter?: string;
  options?: string;
  disabled?: boolean;
}

async function createBody(context: CommandContext, options: CreateOptions): Promise<CreateJob> {
  if (!OPERATIONS.includes(options.operation)) throw new UsageError(`--operation must be one of ${OPERATIONS.join(', ')}`);
  const account = await accountId(context.hub, options.account);
  return {
    name: options.name,
    accountId: account,
    schemaId: await schemaId(context.hub, options.schema, account),
    operation: options.operation as CreateJob['operation'],
    ...(options.mode ? { mode: options.mode as CreateJob['mode'] } : {}),
    ...(options.cron ? { schedule: { cron: options.cron, ...(options.timeZone ? { timeZone: options.timeZone } : {}) } } : {}),
    ...(options.mapping ? { mapping: parseJsonOption('--mapping', options.mapping) } : {}),
    ...(options.filter ? { filter: parseJsonOption('--filter', options.filter) } : {}),
    ...(options.options ? { options: parseJsonOption('--options', options.options) } : {}),
    ...(options.disabled ? { enabled: false } : {}),
  };
}

function jobRows(jobs: JobView[]): unknown[][] {
  return jobs.map((j) => [j.id, j.name, j.operation, j.object, j.mode + (j.schedule ? ` ${j.schedule.cron}` : ''), j.enabled, j.lastRun ? `${j.lastRun.status} ${formatInstant(j.lastRun.finishedAt ?? j.lastRun.queuedAt)}` : '']);
}

async function setEnabled({ hub, show }: CommandContext, job: string, enabled: boolean): Promise<void> {
  const id = await jobId(hub, job);
  const updated = await answer(hub, hub.api.PATCH('/api/sync/jobs/{id}', { params: { path: { id } }, body: { enabled } }));
  show(updated, () => `Job '${updated.name}' is ${updated.enabled ? 'enabled' : 'disabled'}`);
}

/** `crm-hub jobs list|create|run|enable|disable`: sync jobs and starting their runs. */
export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('sync jobs: import, import-deleted, export, delete');

  jobs
    .command('list')
    .description('list the jobs')
    .option('--account <account>', 'only those of this account (id or name)')
    .action(
      withHub(async ({ hub, show }, options: { account?: string }) => {
        const query = options.account ? { accountId: await accountId(hub, options.account) } : {};
        const list = await answer(hub, hub.api.GET('/api/sync/jobs', { params: { query } }));
        show(list, () => table(['id', 'name', 'operation', 'object', 'mode', 'enabled', 'last run'], jobRows(list)));
      }),
    );

  jobs
    .command('create')
    .description('create a job on a schema (checked against the schema and the plugin before it is stored)')
    .requiredOption('--name <name>', 'the job name')
    .requiredOption('--account <account>', 'account id or name')
    .requiredOption('--schema <schema>', 'schema id, or the CRM object of that account')
    .requiredOption('--operation <operation>', OPERATIONS.join(' | '))
    .option('--mode <mode>', 'manual | scheduled | continuous (follows the CRM change stream)')
    .option('--cron <expression>', 'run on a cron schedule (seconds optional)')
    .option('--time-zone <zone>', 'IANA time zone of the schedule')
    .option('--mapping <json>', 'field → column mapping, e.g. \'[{"field":"Name"}]\' (default: every active field)')
    .option('--filter <json>', 'a filter pushed down to the CRM, e.g. \'{"field":"Plan__c","op":"eq","value":"Premium"}\'')
    .option('--options <json>', 'job options, e.g. \'{"writeMode":"upsert","matchField":"External_Id__c"}\'')
    .option('--disabled', 'create it disabled')
    .action(
      withHub(async (context, options: CreateOptions) => {
        const created = await answer(context.hub, context.hub.api.POST('/api/sync/jobs', { body: await createBody(context, options) }));
        context.show(created, () => `Created job '${created.name}' (${created.id})${created.warning ? `\nNote: ${created.warning}` : ''}\nRun it: crm-hub jobs run ${created.id} --watch`);
      }),
    );

  jobs
    .command('run')
    .description('start a run of a job; with --watch, follow it and exit 1 if it fails')
    .argument('<job>', 'job id or name')
    .option('--full', 'read everything, not only what changed since the last run')
    .option('--watch', 'show a progress bar until the run ends')
    .option('--interval <ms>', 'how often --watch asks the hub', '500')
    .action(
      withHub(async ({ hub, json, show, fail }, job: string, options: { full?: boolean; watch?: boolean; interval: string }) => {
        const id = await jobId(hub, job);
        const queued = await answer(hub, hub.api.POST('/api/sync/jobs/{id}/runs', { params: { path: { id } }, body: options.full ? { full: true } : {} }));
        if (!options.watch) {
          show(queued, () => `Run ${queued.id} ${queued.status}. Follow it: crm-hub runs show ${queued.id}`);
          return;
        }
        if (!json) process.stderr.write(`Run ${queued.id} of job '${job}' ${queued.status}\n`);
        const look = () => answer(hub, hub.api.GET('/api/sync/runs/{id}', { params: { path: { id: queued.id } } }));
        const ended = await watchRun(look, { intervalMs: Math.max(100, Number(options.interval) || 500), bar: !json });
        show(ended, () => runSummary(ended));
        if (ended.status !== 'succeeded') fail();
      }),
    );

  jobs
    .command('enable')
    .description('enable a job (its schedule or change stream runs again)')
    .argument('<job>', 'job id or name')
    .action(withHub(async (context, job: string) => setEnabled(context, job, true)));

  jobs
    .command('disable')
    .description('disable a job (a continuous run stops)')
    .argument('<job>', 'job id or name')
    .action(withHub(async (context, job: string) => setEnabled(context, job, false)));
}
