import { Link } from 'react-router';

const CLASS: Record<string, string> = { succeeded: 'ok', failed: 'failed', cancelled: 'muted', paused: 'warn-text' };

/** A run's status, linking to the run. */
export function RunStatus({ status, runId }: { status: string; runId: string }) {
  return (
    <Link to={`/runs/${runId}`} className={CLASS[status]}>
      {status}
    </Link>
  );
}
