import Table from 'cli-table3';
import type { RunView } from '../support/api-shapes';
import type { HubRest } from '../support/hub-rest';
import { n } from '../support/step-printer';

/** What one job did over all its runs. */
export interface JobReport {
  crm: string;
  job: string;
  operation: 'import' | 'import-deleted' | 'export' | 'delete';
  runs: number;
  read: number;
  inserted: number;
  updated: number;
  deleted: number;
  rejected: number;
  apiCalls: number;
  seconds: number;
}

/** Per CRM: records brought in, sent out, deleted (on either side) and refused. */
export interface CrmTotals {
  crm: string;
  imported: number;
  exported: number;
  deleted: number;
  rejected: number;
  apiCalls: number;
}

export interface DemoReport {
  jobs: JobReport[];
  totals: CrmTotals[];
}

/** Adds a job's runs up. */
export function jobReport(crm: string, job: { name: string; operation: JobReport['operation'] }, runs: RunView[]): JobReport {
  const sum = (pick: (run: RunView) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    crm,
    job: job.name,
    operation: job.operation,
    runs: runs.length,
    read: sum((r) => r.counters.read),
    inserted: sum((r) => r.counters.inserted),
    updated: sum((r) => r.counters.updated),
    deleted: sum((r) => r.counters.deleted),
    rejected: sum((r) => r.counters.rejected),
    apiCalls: sum((r) => r.apiCalls),
    seconds: sum((r) => r.durationSeconds ?? 0),
  };
}

/** Imported: inserted or updated by imports; exported: written by exports; deleted: by any job. */
export function crmTotals(jobs: JobReport[]): CrmTotals[] {
  const crms = [...new Set(jobs.map((j) => j.crm))];
  return crms.map((crm) => {
    const mine = jobs.filter((j) => j.crm === crm);
    const sum = (filter: (j: JobReport) => boolean, pick: (j: JobReport) => number) => mine.filter(filter).reduce((total, j) => total + pick(j), 0);
    return {
      crm,
      imported: sum((j) => j.operation === 'import', (j) => j.inserted + j.updated),
      exported: sum((j) => j.operation === 'export', (j) => j.inserted + j.updated),
      deleted: sum(() => true, (j) => j.deleted),
      rejected: sum(() => true, (j) => j.rejected),
      apiCalls: sum(() => true, (j) => j.apiCalls),
    };
  });
}

/** Reads every job and its runs through the API. */
export async function collectReport(rest: HubRest, crmOfAccount: Map<string, string>): Promise<DemoReport> {
  const jobs = await rest.get<{ id: string; name: string; accountId: string; operation: JobReport['operation'] }[]>('/api/sync/jobs');
  const reports: JobReport[] = [];
  for (const job of jobs) {
    const { runs } = await rest.get<{ runs: RunView[] }>(`/api/sync/runs?jobId=${job.id}&limit=200`);
    reports.push(jobReport(crmOfAccount.get(job.accountId) ?? job.accountId, job, runs));
  }
  return { jobs: reports, totals: crmTotals(reports) };
}

const PLAIN = { head: [] as string[], border: [] as string[] };

/** The report as two tables: per job, then per CRM. */
export function reportText(report: DemoReport): string {
  const perJob = new Table({ head: ['CRM', 'job', 'operation', 'runs', 'read', 'inserted', 'updated', 'deleted', 'rejected', 'API calls', 'duration'], style: PLAIN });
  for (const j of report.jobs) {
    perJob.push([j.crm, j.job, j.operation, n(j.runs), n(j.read), n(j.inserted), n(j.updated), n(j.deleted), n(j.rejected), n(j.apiCalls), `${j.seconds.toFixed(1)} s`]);
  }
  const perCrm = new Table({ head: ['CRM', 'imported', 'exported', 'deleted', 'rejected', 'API calls'], style: PLAIN });
  for (const t of report.totals) perCrm.push([t.crm, n(t.imported), n(t.exported), n(t.deleted), n(t.rejected), n(t.apiCalls)]);
  return `${perJob.toString()}\n${perCrm.toString()}`;
}
