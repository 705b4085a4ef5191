import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { JobForm } from './job-form';
import { jobBody, jobValuesOf, type JobFormValues } from './job-form-values';
import { RejectsTable } from './rejects-table';
import { RunStatus } from './run-status';

type Job = components['schemas']['JobView'];

/** One job: what it does, "Run now", its runs, and the rejects still open. */
export function JobPage() {
  const { id = '' } = useParams();
  const job = useQuery({ queryKey: ['jobs', id], queryFn: () => unwrap(hub.GET('/api/sync/jobs/{id}', { params: { path: { id } } })) });
  return (
    <Loaded query={job}>
      {(j) => (
        <>
          <h1>
            {j.name} <code>{j.object}</code>
          </h1>
          <JobSummary job={j} />
          <RunNow job={j} />
          <JobRuns jobId={j.id} />
          <OpenRejects job={j} />
          <EditJob job={j} />
          <JobSettings job={j} />
        </>
      )}
    </Loaded>
  );
}

function JobSummary({ job }: { job: Job }) {
  return (
    <>
      <dl className="facts">
        <dt>Operation</dt>
        <dd>{job.operation}</dd>
        <dt>Table</dt>
        <dd>
          <Link to={`/schemas/${job.schemaId}`}>
            <code>{job.table}</code>
          </Link>{' '}
          · <Link to={`/schemas/${job.schemaId}/records`}>records</Link>
        </dd>
        <dt>Runs</dt>
        <dd>
          {job.mode}
          {job.schedule ? ` — ${job.schedule.cron} (${job.schedule.timeZone})` : ''}
          {job.nextRunAt ? `; next: ${new Date(job.nextRunAt).toLocaleString()}` : ''}
          {!job.enabled && <span className="badge warn">disabled</span>}
        </dd>
        <dt>Filter</dt>
        <dd>{job.filter ? <code>{JSON.stringify(job.filter)}</code> : 'none'}</dd>
        <dt>Fields</dt>
        <dd>{job.mapping.length} mapped</dd>
      </dl>
      {job.warning && (
        <p className="warning" role="note">
          {job.warning}
        </p>
      )}
    </>
  );
}

function RunNow({ job }: { job: Job }) {
  const [full, setFull] = useState(false);
  const navigate = useNavigate();
  const queries = useQueryClient();
  const run = useMutation({
    mutationFn: () => unwrap(hub.POST('/api/sync/jobs/{id}/runs', { params: { path: { id: job.id } }, body: job.operation === 'import' ? { full } : {} })),
    onSuccess: async (started) => {
      await queries.invalidateQueries({ queryKey: ['jobs'] });
      navigate(`/runs/${started.id}`);
    },
  });
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">Run</h2>
      {job.operation === 'import' && (
        <div className="field checkbox">
          <input id="run-full" type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
          <label htmlFor="run-full">Read everything again (a full read instead of the changes since the last run)</label>
        </div>
      )}
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
        Run now
      </button>
      <ErrorNotice error={run.error} />
    </section>
  );
}

function JobRuns({ jobId }: { jobId: string }) {
  const runs = useQuery({ queryKey: ['runs', { jobId }], queryFn: () => unwrap(hub.GET('/api/sync/runs', { params: { query: { jobId, limit: 20 } } })), refetchInterval: 5_000 });
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <Loaded query={runs}>
        {({ runs: list }) =>
          list.length === 0 ? (
            <p>No run yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Queued</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Read</th>
                  <th scope="col">Inserted / updated / deleted</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">API calls</th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <RunStatus status={r.status} runId={r.id} />
                    </td>
                    <td>{new Date(r.queuedAt).toLocaleString()}</td>
                    <td>
                      {r.trigger}
                      {r.full ? ' (full)' : ''}
                    </td>
                    <td>{r.counters.read}</td>
                    <td>
                      {r.counters.inserted} / {r.counters.updated} / {r.counters.deleted}
                    </td>
                    <td className={r.counters.rejected ? 'failed' : undefined}>{r.counters.rejected}</td>
                    <td>{r.apiCalls}</td>
                    <td>{r.durationSeconds !== undefined ? `${r.durationSeconds.toFixed(1)} s` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function OpenRejects({ job }: { job: Job }) {
  const rejects = useQuery({ queryKey: ['rejects', { jobId: job.id }], queryFn: () => unwrap(hub.GET('/api/sync/jobs/{id}/rejects', { params: { path: { id: job.id } } })) });
  const navigate = useNavigate();
  const retry = useMutation({
    mutationFn: async () => {
      await unwrap(hub.PATCH('/api/sync/jobs/{id}', { params: { path: { id: job.id } }, body: { options: { ...job.options, retryRejects: true } } }));
      return unwrap(hub.POST('/api/sync/jobs/{id}/runs', { params: { path: { id: job.id } }, body: {} }));
    },
    onSuccess: (started) => navigate(`/runs/${started.id}`),
  });
  return (
    <section aria-labelledby="open-rejects-title">
      <h2 id="open-rejects-title">Open rejects</h2>
      <Loaded query={rejects}>
        {({ rejects: list }) => (
          <>
            <RejectsTable rejects={list} />
            {job.operation === 'export' && list.some((r) => r.retryable) && (
              <>
                <p className="hint">A corrected row is sent again by the next run anyway. "Retry rejects" also re-sends the unchanged ones (it turns the job's retryRejects option on).</p>
                <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
                  Retry rejects
                </button>
                <ErrorNotice error={retry.error} />
              </>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function EditJob({ job }: { job: Job }) {
  const schema = useQuery({ queryKey: ['schemas', job.schemaId], queryFn: () => unwrap(hub.GET('/api/schemas/{id}', { params: { path: { id: job.schemaId } } })) });
  const account = useQuery({ queryKey: ['accounts', job.accountId], queryFn: () => unwrap(hub.GET('/api/accounts/{id}', { params: { path: { id: job.accountId } } })) });
  const plugin = useQuery({
    queryKey: ['plugins', account.data?.pluginId],
    queryFn: () => unwrap(hub.GET('/api/plugins/{id}', { params: { path: { id: account.data?.pluginId ?? '' } } })),
    enabled: account.data?.pluginAvailable === true,
  });
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (values: JobFormValues) => unwrap(hub.PATCH('/api/sync/jobs/{id}', { params: { path: { id: job.id } }, body: jobBody(values, job.operation, schema.data, job) })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const error = save.error instanceof HubError ? save.error : undefined;
  const fieldError = (field: string) => {
    const message = error?.problem.errors?.find((e) => e.field === field || e.field?.startsWith(`${field}.`))?.message;
    return message ? <p className="field-error">{message}</p> : null;
  };
  return (
    <section aria-labelledby="edit-job-title">
      <h2 id="edit-job-title">Edit</h2>
      <Loaded query={schema}>
        {(s) => <EditJobForm key={job.updatedAt} job={job} schema={s} operators={plugin.data?.capabilities.filterOperators ?? []} fieldError={fieldError} onSave={(v) => save.mutate(v)} saving={save.isPending} />}
      </Loaded>
      {save.isSuccess && <p role="status">Saved.</p>}
      <ErrorNotice error={save.error} shownFields={['name', 'filter', 'schedule', 'schedule.cron', 'schedule.timeZone', 'mapping', 'options']} />
    </section>
  );
}

function EditJobForm({ job, schema, operators, fieldError, onSave, saving }: {
  job: Job;
  schema: components['schemas']['SchemaView'];
  operators: readonly components['schemas']['PluginCapabilitiesDto']['filterOperators'][number][];
  fieldError: (field: string) => React.ReactNode;
  onSave: (values: JobFormValues) => void;
  saving: boolean;
}) {
  const [values, setValues] = useState<JobFormValues>(() => jobValuesOf(job, schema));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(values);
  };
  return (
    <form onSubmit={submit} noValidate>
      <JobForm values={values} onChange={setValues} schema={schema} operation={job.operation} operators={operators} fieldError={fieldError} />
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}

function JobSettings({ job }: { job: Job }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const toggle = useMutation({
    mutationFn: () => unwrap(hub.PATCH('/api/sync/jobs/{id}', { params: { path: { id: job.id } }, body: { enabled: !job.enabled } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(hub.DELETE('/api/sync/jobs/{id}', { params: { path: { id: job.id } } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['jobs'] });
      navigate('/jobs');
    },
  });
  return (
    <section aria-labelledby="job-settings-title">
      <h2 id="job-settings-title">Settings</h2>
      <div className="buttons">
        <button type="button" className="secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {job.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="danger" onClick={() => window.confirm(`Delete the job "${job.name}" and its run history?`) && remove.mutate()} disabled={remove.isPending}>
          Delete job
        </button>
      </div>
      <ErrorNotice error={toggle.error ?? remove.error} />
    </section>
  );
}
