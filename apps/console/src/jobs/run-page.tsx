import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { RejectsTable } from './rejects-table';

type Run = components['schemas']['RunView'];

const LIVE: Run['status'][] = ['queued', 'running', 'paused'];

/** One run, live while it goes: progress, records/s, API calls, ETA; then its rejects and conflicts. */
export function RunPage() {
  const { id = '' } = useParams();
  const run = useQuery({
    queryKey: ['runs', id],
    queryFn: () => unwrap(hub.GET('/api/sync/runs/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && !LIVE.includes(query.state.data.status) ? false : 1_000),
  });
  return (
    <Loaded query={run}>
      {(r) => (
        <>
          <h1>
            Run <span className={`status-${r.status}`}>{r.status}</span>
          </h1>
          <p>
            <Link to={`/jobs/${r.jobId}`}>Back to the job</Link> · {r.trigger}
            {r.full ? ', full read' : ''} · queued {new Date(r.queuedAt).toLocaleString()}
            {r.worker ? ` · on ${r.worker}` : ''}
          </p>
          <Progress run={r} />
          <Counters run={r} />
          {r.notes.length > 0 && (
            <ul className="notes">
              {r.notes.map((n, i) => (
                <li key={i}>
                  <code>{n.code}</code> {n.message}
                </li>
              ))}
            </ul>
          )}
          {r.error && <ErrorNotice error={new Error(describeError(r.error))} />}
          {LIVE.includes(r.status) ? <Cancel run={r} /> : <RunOutcome run={r} />}
        </>
      )}
    </Loaded>
  );
}

function describeError(error: unknown): string {
  const e = error as { message?: string; code?: string };
  return [e.code, e.message].filter(Boolean).join(': ') || JSON.stringify(error);
}

function Progress({ run }: { run: Run }) {
  const { records, total, recordsPerSecond } = run.progress;
  const done = !LIVE.includes(run.status);
  const eta = !done && total && recordsPerSecond ? Math.max(0, (total - records) / recordsPerSecond) : undefined;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Progress</h2>
      <progress id="run-progress" max={total ?? undefined} value={total ? Math.min(records, total) : done ? 1 : undefined} aria-describedby="progress-text" />
      <p id="progress-text" aria-live="polite">
        {records.toLocaleString()} {total ? `of ${total.toLocaleString()} ` : ''}records
        {recordsPerSecond ? ` · ${Math.round(recordsPerSecond).toLocaleString()} records/s` : ''} · {run.apiCalls} API calls
        {eta !== undefined ? ` · about ${eta < 60 ? `${Math.ceil(eta)} s` : `${Math.ceil(eta / 60)} min`} left` : ''}
        {done && run.durationSeconds !== undefined ? ` · took ${run.durationSeconds.toFixed(1)} s` : ''}
      </p>
    </section>
  );
}

function Counters({ run }: { run: Run }) {
  const c = run.counters;
  return (
    <table className="counters">
      <caption className="visually-hidden">Counters</caption>
      <thead>
        <tr>
          {['Read', 'Inserted', 'Updated', 'Deleted', 'Rejected', 'Skipped'].map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{c.read}</td>
          <td>{c.inserted}</td>
          <td>{c.updated}</td>
          <td>{c.deleted}</td>
          <td className={c.rejected ? 'failed' : undefined}>{c.rejected}</td>
          <td>{c.skipped}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Cancel({ run }: { run: Run }) {
  const cancel = useMutation({ mutationFn: () => unwrap(hub.POST('/api/sync/runs/{id}/cancel', { params: { path: { id: run.id } } })) });
  return (
    <>
      <button type="button" className="secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending || run.cancelRequested}>
        {run.cancelRequested ? 'Cancelling…' : 'Cancel run'}
      </button>
      <ErrorNotice error={cancel.error} />
    </>
  );
}

function RunOutcome({ run }: { run: Run }) {
  const rejects = useQuery({ queryKey: ['rejects', { runId: run.id }], queryFn: () => unwrap(hub.GET('/api/sync/runs/{id}/rejects', { params: { path: { id: run.id } } })) });
  const conflicts = useQuery({ queryKey: ['conflicts', { runId: run.id }], queryFn: () => unwrap(hub.GET('/api/sync/runs/{id}/conflicts', { params: { path: { id: run.id } } })) });
  return (
    <>
      <section aria-labelledby="rejects-title">
        <h2 id="rejects-title">Rejects</h2>
        <Loaded query={rejects}>{({ rejects: list }) => <RejectsTable rejects={list} />}</Loaded>
      </section>
      {(conflicts.data?.conflicts.length ?? 0) > 0 && (
        <section aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">Conflicts</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Field</th>
                <th scope="col">Hub value</th>
                <th scope="col">CRM value</th>
                <th scope="col">Winner</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.data?.conflicts.map((c, i) => (
                <tr key={i}>
                  <td>
                    <code>{c.crmId ?? c.hubId}</code>
                  </td>
                  <td>{c.field}</td>
                  <td>
                    <code>{JSON.stringify(c.hubValue)}</code>
                  </td>
                  <td>
                    <code>{JSON.stringify(c.crmValue)}</code>
                  </td>
                  <td>
                    {c.winner} ({c.policy})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
