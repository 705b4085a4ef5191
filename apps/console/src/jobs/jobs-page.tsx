import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';
import { RunStatus } from './run-status';

/** Every sync job with its mode, next scheduled run and last run. */
export function JobsPage() {
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: () => unwrap(hub.GET('/api/sync/jobs')), refetchInterval: 5_000 });
  return (
    <>
      <div className="page-head">
        <h1>Jobs</h1>
        <Link className="button" to="/jobs/new">
          New job
        </Link>
      </div>
      <Loaded query={jobs}>
        {(list) =>
          list.length === 0 ? (
            <p>No job yet: create one to import a schema's records or export the table's changes.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Operation</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Next run</th>
                  <th scope="col">Last run</th>
                </tr>
              </thead>
              <tbody>
                {list.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <Link to={`/jobs/${j.id}`}>{j.name}</Link> <code>{j.object}</code>
                      {!j.enabled && <span className="badge warn">disabled</span>}
                    </td>
                    <td>{j.operation}</td>
                    <td>{j.mode === 'scheduled' && j.schedule ? `${j.mode} (${j.schedule.cron}, ${j.schedule.timeZone})` : j.mode}</td>
                    <td>{j.nextRunAt ? new Date(j.nextRunAt).toLocaleString() : '—'}</td>
                    <td>{j.lastRun ? <RunStatus status={j.lastRun.status} runId={j.lastRun.id} /> : <span className="muted">never run</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}
