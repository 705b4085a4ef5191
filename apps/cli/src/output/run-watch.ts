import { Presets, SingleBar } from 'cli-progress';
import type { Schema } from '../hub/hub-client';
import { formatCounters, formatDuration } from './format';

type RunView = Schema<'RunView'>;

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** Whether a run has ended (a paused run has not: it resumes by itself). */
export function hasEnded(run: Pick<RunView, 'status'>): boolean {
  return ENDED.has(run.status);
}

/** The values the progress bar shows for one look at a run. */
export function progressPayload(run: RunView): { records: number; total: number; rate: string; apiCalls: string; status: string } {
  const total = run.progress.total ?? 0;
  return {
    records: run.progress.records,
    total,
    rate: Math.round(run.progress.recordsPerSecond ?? 0).toLocaleString('en-US'),
    apiCalls: run.apiCalls.toLocaleString('en-US'),
    status: run.status === 'paused' && run.nextAttemptAt ? `paused until ${run.nextAttemptAt}` : run.status,
  };
}

/** With a known total: a bar, percentage and ETA; without: the counts alone (an ETA would be a guess). */
export function progressFormat(totalKnown: boolean): string {
  return totalKnown
    ? '{bar} {percentage}% | {value}/{total} records | {rate}/s | {apiCalls} API calls | ETA {eta_formatted} | {status}'
    : '{records} records | {rate}/s | {apiCalls} API calls | {status}';
}

/** The line printed when a run ended. */
export function runSummary(run: RunView): string {
  const took = formatDuration(run.durationSeconds);
  const lines = [`Run ${run.id} ${run.status}${took ? ` in ${took}` : ''}: ${formatCounters(run.counters)} · ${run.apiCalls.toLocaleString('en-US')} API calls`];
  if (run.error) lines.push(`  error ${run.error.code}: ${run.error.message}`);
  for (const note of run.notes) lines.push(`  note ${note.code}: ${note.message}`);
  if (run.counters.rejected > 0) lines.push(`  rejects: crm-hub runs rejects ${run.id}`);
  return lines.join('\n');
}

/**
 * Follows a run until it ends, drawing a progress bar on stderr (stdout stays for the result):
 * records, rate, API calls, and the ETA when the CRM said how many records there are.
 */
export async function watchRun(look: () => Promise<RunView>, options: { intervalMs: number; bar: boolean }): Promise<RunView> {
  let bar: SingleBar | undefined;
  let totalKnown = false;
  for (;;) {
    const run = await look();
    if (options.bar) {
      const payload = progressPayload(run);
      const knowsTotal = payload.total > 0;
      if (!bar || knowsTotal !== totalKnown) {
        bar?.stop();
        totalKnown = knowsTotal;
        bar = new SingleBar(
          { format: progressFormat(totalKnown), hideCursor: false, noTTYOutput: true, notTTYSchedule: 2_000, etaBuffer: 20, stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(Math.max(payload.total, 1), payload.records, payload);
      }
      if (totalKnown) bar.setTotal(payload.total);
      bar.update(payload.records, payload);
    }
    if (hasEnded(run)) {
      bar?.stop();
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
