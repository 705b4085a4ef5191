import type { components } from '../generated/hub-api';

type Reject = components['schemas']['RejectView'];

/** The refused value: the one the reject names, or (an export's reject) the field's value in the payload sent. */
function valueOf(r: Reject): string | undefined {
  if (r.value !== undefined) return r.value;
  const field = r.field ?? r.fields?.[0];
  const sent = field && r.payload ? (r.payload as Record<string, unknown>)[field] : undefined;
  return sent === undefined ? undefined : typeof sent === 'string' ? sent : JSON.stringify(sent);
}

/** Records the table or the CRM refused: which record, the field and value, the CRM's code and reason. */
export function RejectsTable({ rejects }: { rejects: Reject[] }) {
  if (rejects.length === 0) return <p>No reject.</p>;
  return (
    <table className="rejects">
      <thead>
        <tr>
          <th scope="col">Record</th>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Code</th>
          <th scope="col">Reason</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rejects.map((r) => (
          <tr key={r.id}>
            <td>
              <code>{r.crmId ?? r.hubId ?? '—'}</code>
            </td>
            <td>{r.field ?? r.fields?.join(', ') ?? '—'}</td>
            <td>{valueOf(r) !== undefined ? <code>{valueOf(r)}</code> : '—'}</td>
            <td>
              <code>{r.code}</code>
            </td>
            <td className="reason">{r.reason}</td>
            <td>
              {r.status}
              {r.retryable ? ' (retryable)' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
