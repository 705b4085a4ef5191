import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { JobView, RecordView, RejectView, RunView, SchemaView } from '../support/api-shapes';
import { insertRowsWithPlainSql, plainSqlExample } from '../support/plain-sql';
import { n } from '../support/step-printer';
import { describeRun, followRun, runJob } from './run-follow';
import type { StepContext, TrackState } from './setup-steps';

const jobOf = (state: TrackState, role: keyof TrackState['jobIds']): string => state.jobIds[role] as string;

export async function fullImport({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Full import, with a live progress line', 'POST /api/sync/jobs/:id/runs {"full":true}   GET /api/sync/runs/:id');
  for (const state of states) {
    const run = await runJob(rest, jobOf(state, 'importJob'), { full: true, progress: { label: `${state.track.crm} ${state.track.importObject}` } });
    print.detail(`${state.track.jobs.importJob}: ${describeRun(run)}`);
  }
}

export function changeInCrms({ print }: StepContext, states: TrackState[]): void {
  print.step('Change and delete records in the CRMs, as their users would', '(the emulators\' control interface: no hub involved)');
  for (const { track } of states) print.detail(`${track.crm}: ${track.changeInCrm()}`);
}

export async function incrementalImport({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Incremental import: only what changed since the last checkpoint', 'POST /api/sync/jobs/:id/runs');
  for (const state of states) {
    const run = await runJob(rest, jobOf(state, 'importJob'));
    print.detail(`${state.track.jobs.importJob}: ${describeRun(run)}`);
  }
  for (const state of states.filter((s) => s.track.deleteMoreInCrm && s.jobIds.deletedImportJob)) {
    print.detail(`${state.track.crm}: ${state.track.deleteMoreInCrm?.()}`);
    const run = await runJob(rest, jobOf(state, 'deletedImportJob'));
    print.detail(`${state.track.jobs.deletedImportJob}: ${describeRun(run)}`);
  }
}

export function writeRowsWithPlainSql({ print }: StepContext, states: TrackState[], databaseFile: string): void {
  print.step('Write rows into the hub tables with plain SQL, as the platform does', `INSERT INTO … (straight into ${databaseFile}; triggers capture the changes)`);
  for (const state of states) {
    const rows = state.track.plainSqlRows(state.schemas.get(state.track.exportObject) as SchemaView);
    const inserted = insertRowsWithPlainSql(databaseFile, rows.table, rows.columns, rows.rows);
    print.detail(`${state.track.crm}: ${n(inserted)} rows into ${rows.table}, ${rows.why}\n  e.g. ${plainSqlExample(rows.table, rows.columns, rows.rows[0] as unknown[])}`);
  }
}

export async function exportWithRejects({ rest, print }: StepContext, states: TrackState[]): Promise<Map<string, RunView>> {
  print.step('Export the new rows to the CRMs (some are refused)', 'POST /api/sync/jobs/:id/runs');
  const runs = new Map<string, RunView>();
  for (const state of states) {
    const run = await runJob(rest, jobOf(state, 'exportJob'), { progress: { label: `${state.track.crm} ${state.track.exportObject}` } });
    runs.set(state.track.crm, run);
    print.detail(`${state.track.jobs.exportJob}: ${describeRun(run)}`);
  }
  return runs;
}

export async function showRejects({ rest, print }: StepContext, exports: Map<string, RunView>): Promise<void> {
  print.step('Show the rejects: kept open, with the CRM\'s code and message, until the row is written', 'GET /api/sync/runs/:id/rejects');
  for (const [crm, run] of exports) {
    const { rejects } = await rest.get<{ rejects: RejectView[] }>(`/api/sync/runs/${run.id}/rejects?limit=3`);
    print.detail(`${crm}: ${n(run.counters.rejected)} rejects, e.g.`);
    for (const r of rejects) print.detail(`  hub row ${r.hubId}: ${r.code} ${(r.fields ?? []).join(', ')}: ${r.reason}`);
  }
}

export async function deleteInCrms({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Delete in the CRMs the rows deleted in the hub', 'DELETE /api/schemas/:id/records/:hubId   POST /api/sync/jobs/:id/runs');
  for (const state of states) {
    const schema = state.schemas.get(state.track.exportObject) as SchemaView;
    // The rows the demo wrote and exported (their match field starts with DEMO-), not imported ones.
    const filter = encodeURIComponent(JSON.stringify({ field: state.track.exportOptions['matchField'], op: 'startsWith', value: 'DEMO-' }));
    const { records } = await rest.get<{ records: RecordView[] }>(`/api/schemas/${schema.id}/records?limit=100&filter=${filter}`);
    const exported = records.filter((r) => r.crmId).slice(0, 10);
    for (const record of exported) await rest.delete(`/api/schemas/${schema.id}/records/${record.hubId}`);
    const run = await runJob(rest, jobOf(state, 'deleteJob'));
    print.detail(`${state.track.crm}: soft-deleted ${exported.length} exported rows in the hub; ${state.track.jobs.deleteJob}: ${describeRun(run)}`);
  }
}

/** The name of the continuous job (the README and the report refer to it). */
export const CONTINUOUS_JOB = 'Salesforce accounts live';

/**
 * A continuous job reads the accounts, then follows the CRM's change stream: the demo waits for it
 * to run and poll once, then renames an account in Salesforce and times how long the hub takes to have it.
 */
export async function continuousJob({ rest, print }: StepContext, salesforce: TrackState, sf: SalesforceEmulator): Promise<string> {
  print.step('A continuous job catches a CRM change', 'POST /api/sync/jobs {"mode":"continuous"}   GET /api/schemas/:id/records?filter=…');
  const schema = salesforce.schemas.get('Account') as SchemaView;
  const job = await rest.post<JobView>('/api/sync/jobs', { name: CONTINUOUS_JOB, accountId: salesforce.accountId, schemaId: schema.id, operation: 'import', mode: 'continuous' });
  const pollMs = Number(salesforce.track.settings['pollIntervalMs'] ?? 1_000);
  for (let i = 0; ; i++) {
    const { runs } = await rest.get<{ runs: RunView[] }>(`/api/sync/runs?jobId=${job.id}&limit=1`);
    if (runs[0]?.status === 'running') break;
    if (i > 300) throw new Error('The continuous job did not start within a minute');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, pollMs + 500));
  const [account] = sf.records('Account');
  const newName = `Renamed while the demo watched ${new Date().toISOString().slice(11, 19)}`;
  const changedAt = Date.now();
  sf.update('Account', [String(account?.['Id'])], { Name: newName });
  print.detail(`Renamed Salesforce account ${String(account?.['Id'])} to '${newName}'`);
  const filter = encodeURIComponent(JSON.stringify({ field: 'Name', op: 'eq', value: newName }));
  for (;;) {
    const { records } = await rest.get<{ records: RecordView[] }>(`/api/schemas/${schema.id}/records?filter=${filter}`);
    if (records.length > 0) break;
    if (Date.now() - changedAt > 30_000) throw new Error('The continuous job did not bring the change within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  print.detail(`'${CONTINUOUS_JOB}' had it in the hub table ${n(Date.now() - changedAt)} ms later (the plugin polls every ${n(pollMs)} ms)`);
  return job.id;
}

/** Stops the continuous job (before the hub stops, so its run ends as cancelled, not interrupted). */
export async function stopContinuousJob(rest: StepContext['rest'], jobId: string): Promise<void> {
  await rest.patch(`/api/sync/jobs/${jobId}`, { enabled: false });
  const { runs } = await rest.get<{ runs: RunView[] }>(`/api/sync/runs?jobId=${jobId}&limit=1`);
  if (runs[0]) await followRun(rest, runs[0].id);
}
