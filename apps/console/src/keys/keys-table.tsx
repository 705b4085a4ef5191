import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';

type Key = components['schemas']['KeyView'];

const STATUS_CLASS: Record<Key['status'], string> = { active: 'ok', expired: 'warn-text', revoked: 'failed' };

/** The keys with their accounts by name, and a Revoke button for each active key stored by the hub. */
export function KeysTable({ keys, revoking, onRevoke }: { keys: Key[]; revoking: boolean; onRevoke: (key: Key) => void }) {
  // Names only: while they load (or if they cannot be read) the ids stand in for them.
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  const accountName = (id: string) => accounts.data?.find((a) => a.id === id)?.name;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Prefix</th>
          <th scope="col">Scope</th>
          <th scope="col">Accounts</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} className={k.status === 'active' ? undefined : 'inactive'}>
            <td>
              {k.name}
              {k.source === 'environment' && <span className="badge">environment</span>}
            </td>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>{k.scope}</td>
            <td>
              {k.accounts === null
                ? 'all accounts'
                : k.accounts.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      {accountName(id) ?? <code>{id}</code>}
                    </span>
                  ))}
            </td>
            <td>
              <span className={STATUS_CLASS[k.status]}>{k.status}</span>
              {k.revokedAt && <span className="muted"> {new Date(k.revokedAt).toLocaleString()}</span>}
            </td>
            <td>{k.createdAt ? new Date(k.createdAt).toLocaleString() : '—'}</td>
            <td>{k.expiresAt ? new Date(k.expiresAt).toLocaleString() : 'never'}</td>
            <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : k.source === 'environment' ? 'not tracked' : 'never'}</td>
            <td>
              <div className="buttons">
                <Link to={`/audit?keyId=${encodeURIComponent(k.id)}`}>
                  Changes<span className="visually-hidden"> made with {k.name}</span>
                </Link>
                {k.source === 'stored' && k.status === 'active' && (
                  <button type="button" className="danger" disabled={revoking} onClick={() => onRevoke(k)}>
                    Revoke<span className="visually-hidden"> {k.name}</span>
                  </button>
                )}
                {k.source === 'environment' && <span className="muted">set in HUB_API_KEYS: remove it there to revoke it</span>}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
