import { HubError } from '../api/problem';

/** The hub's problem detail (and its field errors not shown next to a field), announced to screen readers. */
export function ErrorNotice({ error, shownFields = [] }: { error: unknown; shownFields?: readonly string[] }) {
  if (!error) return null;
  const problem = error instanceof HubError ? error.problem : undefined;
  const message = problem?.detail ?? (error as Error).message ?? String(error);
  const others = (problem?.errors ?? []).filter((e) => !e.field || !shownFields.includes(e.field));
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {others.length > 0 && (
        <ul>
          {others.map((e, i) => (
            <li key={i}>
              {e.field ? <code>{e.field}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
