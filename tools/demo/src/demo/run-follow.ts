import { Presets, SingleBar } from 'cli-progress';
import type { RunView } from '../support/api-shapes';
import type { HubRest } from '../support/hub-rest';
import { n } from '../support/step-printer';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** A run that ended otherwise than `succeeded` stops the demo with its reason. */
export class RunDidNotSucceed extends Error {}

/** Polls a run until it ends; with `progress`, draws a live line (records, total, rate, API calls). */
export async function followRun(rest: HubRest, runId: string, progress?: { label: string }): Promise<RunView> {
  let bar: SingleBar | undefined;
  try {
    for (;;) {
      const run = await rest.get<RunView>(`/api/sync/runs/${runId}`);
      if (progress) {
        const total = run.progress.total ?? 0;
        const payload = { label: progress.label, rate: n(Math.round(run.progress.recordsPerSecond ?? 0)), apiCalls: n(run.apiCalls), records: n(run.progress.records) };
        if (!bar && run.status !== 'queued') {
          const format = total > 0 ? '    {label} {bar} {value}/{total} records | {rate}/s | {apiCalls} API calls' : '    {label} {records} records | {rate}/s | {apiCalls} API calls';
          bar = new SingleBar({ format, hideCursor: false, noTTYOutput: true, notTTYSchedule: 1_000, barsize: 24 }, Presets.shades_classic);
          bar.start(Math.max(total, 1), run.progress.records, payload);
        }
        if (bar && total > 0) bar.setTotal(total);
        bar?.update(run.progress.records, payload);
      }
      if (ENDED.has(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    bar?.stop();
  }
}

/** Starts a run of a job and waits for its end; anything but success stops the demo. */
export async function runJob(rest: HubRest, jobId: string, options: { full?: boolean; progress?: { label: string } } = {}): Promise<RunView> {
  const queued = await rest.post<RunView>(`/api/sync/jobs/${jobId}/runs`, options.full ? { full: true } : {});
  const run = await followRun(rest, queued.id, options.progress);
  if (run.status !== 'succeeded') throw new RunDidNotSucceed(`Run ${run.id} ${run.status}: ${run.error ? `${run.error.code}: ${run.error.message}` : 'no reason given'}`);
  return run;
}

/** A run's counters in one line, zeros left out. */
export function describeRun(run: RunView): string {
  const c = run.counters;
  const parts = [`read ${n(c.read)}`];
  for (const key of ['inserted', 'updated', 'deleted', 'rejected'] as const) if (c[key] > 0) parts.push(`${key} ${n(c[key])}`);
  return `${parts.join(', ')} · ${n(run.apiCalls)} API calls · ${(run.durationSeconds ?? 0).toFixed(1)} s${run.full ? ' (full read)' : ''}`;
}
