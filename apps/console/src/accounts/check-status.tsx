import type { components } from '../generated/hub-api';

type LastCheck = components['schemas']['LastCheckView'];

export function CheckStatus({ check }: { check: LastCheck | null }) {
  if (!check) return <span className="muted">never tested</span>;
  const when = new Date(check.at).toLocaleString();
  return check.status === 'ok' ? (
    <span className="ok">connected ({when})</span>
  ) : (
    <span className="failed">
      failed ({when}): {check.reason}
    </span>
  );
}
