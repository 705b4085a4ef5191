import { useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../generated/hub-api';
import { changeLines } from './audit-changes';

type Entry = components['schemas']['AuditEntryView'];

/** Where the console shows a resource of each type (records, keys: no page of their own). */
const PAGES: Record<string, (id: string) => string> = {
  account: (id) => `/accounts/${id}`,
  schema: (id) => `/schemas/${id}`,
  job: (id) => `/jobs/${id}`,
  run: (id) => `/runs/${id}`,
};

/** The columns of the audit page's table, which an expanded entry spans. */
const COLUMNS = 6;

const OUTCOME_CLASS: Record<Entry['outcome'], string> = { succeeded: 'status-succeeded', failed: 'status-failed', pending: 'warn-text' };

/** One audit entry as a table row, and, once expanded, a row below it with its request, error and changes. */
export function AuditEntryRows({ entry }: { entry: Entry }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-entry-${entry.id}`;
  const at = new Date(entry.at).toLocaleString();
  return (
    <>
      <tr>
        <td>{at}</td>
        <td>
          {entry.key.name} <code>{entry.key.prefix}…</code>
        </td>
        <td>
          <code>{entry.action}</code>
        </td>
        <td>
          <Resource entry={entry} />
        </td>
        <td>
          <span className={OUTCOME_CLASS[entry.outcome]}>{entry.outcome}</span>
          {entry.status !== null && ` (${entry.status})`}
        </td>
        <td>
          {/* aria-controls only while the details exist: it must name an element of the page. */}
          <button type="button" id={`audit-toggle-${entry.id}`} className="link" aria-expanded={open} aria-controls={open ? detailsId : undefined} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Details'}
            <span className="visually-hidden">
              {' '}
              of {entry.action} at {at}
            </span>
          </button>
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="audit-details">
          <td colSpan={COLUMNS}>
            <EntryDetails entry={entry} />
          </td>
        </tr>
      )}
    </>
  );
}

function Resource({ entry }: { entry: Entry }) {
  if (!entry.resourceType) return <span className="muted">—</span>;
  const page = entry.resourceId ? PAGES[entry.resourceType] : undefined;
  return (
    <>
      {entry.resourceType}{' '}
      {entry.resourceId &&
        (page ? (
          <Link to={page(entry.resourceId)}>
            <code>{entry.resourceId}</code>
          </Link>
        ) : (
          <code>{entry.resourceId}</code>
        ))}
    </>
  );
}

function EntryDetails({ entry }: { entry: Entry }) {
  const lines = changeLines(entry.changes);
  return (
    <dl className="facts">
      <dt>Request</dt>
      <dd>
        <code>
          {entry.method} {entry.path}
        </code>
      </dd>
      {entry.accountId && (
        <>
          <dt>Account</dt>
          <dd>
            <Link to={`/accounts/${entry.accountId}`}>
              <code>{entry.accountId}</code>
            </Link>
          </dd>
        </>
      )}
      {entry.outcome === 'pending' && (
        <>
          <dt>Outcome</dt>
          <dd className="warn-text">none recorded: the change is under way, or its hub process stopped before answering</dd>
        </>
      )}
      {entry.error && (
        <>
          <dt>Error</dt>
          <dd className="failed">{entry.error}</dd>
        </>
      )}
      <dt>Changes</dt>
      <dd>
        {lines.length === 0 ? (
          <span className="muted">none recorded</span>
        ) : (
          <ul className="diff">
            {lines.map((l) => (
              <li key={l.field} className={l.kind}>
                <code>{l.field}</code>: {l.text}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
