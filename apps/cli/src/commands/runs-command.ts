import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answer, type Schema } from '../hub/hub-client';
import { jobId } from '../hub/lookup';
import { formatCounters, formatDuration, formatInstant } from '../output/format';
import { runSummary } from '../output/run-watch';
import { details, table } from '../output/table';
import { UsageError } from '../usage-error';

type RunView = Schema<'RunView'>;

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'paused', 'cancelled'];

function runRows(runs: RunView[]): unknown[][] {
  return runs.map((r) => [r.id, r.status, r.trigger, r.full ? 'full' : 'incremental', formatCounters(r.counters), r.apiCalls, formatDuration(r.durationSeconds), formatInstant(r.queuedAt)]);
}

function runDetails(run: RunView): string {
  return details([
    ['id', run.id],
    ['job', run.jobId],
    ['status', run.status],
    ['trigger', run.trigger],
    ['read', run.full ? 'full' : 'incremental'],
    ['counters', formatCounters(run.counters)],
    ['progress', `${run.progress.records.toLocaleString('en-US')}${run.progress.total ? ` of ${run.progress.total.toLocaleString('en-US')}` : ''} records`],
    ['API calls', run.apiCalls],
    ['attempts', run.attempts],
    ['queued', formatInstant(run.queuedAt)],
    ['started', formatInstant(run.startedAt)],
    ['finished', formatInstant(run.finishedAt)],
    ['duration', formatDuration(run.durationSeconds)],
    ['next attempt', run.nextAttemptAt ? formatInstant(run.nextAttemptAt) : undefined],
    ['error', run.error ? `${run.error.code}: ${run.error.message}` : undefined],
    ...run.notes.map((n): [string, unknown] => [`note ${n.code}`, n.message]),
  ]);
}

const limitOption = (text: string): number => {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number from 1, not '${text}'`);
  return limit;
};

/** `crm-hub runs list|show|rejects|conflicts|cancel`: what sync runs did. */
export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('sync runs: progress, counters, rejects, conflicts');

  runs
    .command('list')
    .description('list runs, newest first')
    .option('--job <job>', 'only the runs of this job (id or name)')
    .option('--status <status>', STATUSES.join(' | '))
    .option('--limit <n>', 'at most this many (1-200)', limitOption, 20)
    .action(
      withHub(async ({ hub, show }, options: { job?: string; status?: string; limit: number }) => {
        if (options.status && !STATUSES.includes(options.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
        const query = {
          limit: options.limit,
          ...(options.job ? { jobId: await jobId(hub, options.job) } : {}),
          ...(options.status ? { status: options.status as RunView['status'] } : {}),
        };
        const page = await answer(hub, hub.api.GET('/api/sync/runs', { params: { query } }));
        show(page, () => table(['id', 'status', 'trigger', 'read', 'counters', 'API calls', 'duration', 'queued'], runRows(page.runs)));
      }),
    );

  runs
    .command('show')
    .description('show one run: status, counters, progress, API calls, error and notes')
    .argument('<run>', 'run id')
    .action(
      withHub(async ({ hub, show }, id: string) => {
        const run = await answer(hub, hub.api.GET('/api/sync/runs/{id}', { params: { path: { id } } }));
        show(run, () => runDetails(run));
      }),
    );

  runs
    .command('rejects')
    .description('what a run could not store or write: record, field, value, code and reason')
    .argument('<run>', 'run id')
    .option('--limit <n>', 'at most this many (1-1000)', limitOption, 100)
    .action(
      withHub(async ({ hub, show }, id: string, options: { limit: number }) => {
        const page = await answer(hub, hub.api.GET('/api/sync/runs/{id}/rejects', { params: { path: { id }, query: { limit: options.limit } } }));
        show(page, () =>
          table(
            ['record', 'field', 'value', 'code', 'reason', 'status'],
            page.rejects.map((r) => [r.crmId ?? (r.hubId ? `hub row ${r.hubId}` : ''), r.field ?? (r.fields ?? []).join(', '), r.value ?? '', r.code, r.reason, r.status]),
          ),
        );
      }),
    );

  runs
    .command('conflicts')
    .description('fields a bidirectional run found changed on both sides: both values and the winner')
    .argument('<run>', 'run id')
    .option('--limit <n>', 'at most this many (1-1000)', limitOption, 100)
    .action(
      withHub(async ({ hub, show }, id: string, options: { limit: number }) => {
        const page = await answer(hub, hub.api.GET('/api/sync/runs/{id}/conflicts', { params: { path: { id }, query: { limit: options.limit } } }));
        show(page, () =>
          table(
            ['hub row', 'CRM record', 'field', 'hub value', 'CRM value', 'winner', 'policy'],
            page.conflicts.map((c) => [c.hubId, c.crmId ?? '', c.field, c.hubValue, c.crmValue, c.winner, c.policy]),
          ),
        );
      }),
    );

  runs
    .command('cancel')
    .description('cancel a run (a queued or paused one at once, a running one within seconds)')
    .argument('<run>', 'run id')
    .action(
      withHub(async ({ hub, show }, id: string) => {
        const run = await answer(hub, hub.api.POST('/api/sync/runs/{id}/cancel', { params: { path: { id } } }));
        show(run, () => (run.status === 'cancelled' ? runSummary(run) : `Run ${run.id} will stop within seconds (cancel requested)`));
      }),
    );
}
