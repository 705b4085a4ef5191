import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { KeysTable } from './keys-table';

type Key = components['schemas']['KeyView'];

/** The API keys: who may call the hub and with what scope; revoking one refuses it at once. */
export function KeysPage() {
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => unwrap(hub.GET('/api/keys')) });
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: (key: Key) => unwrap(hub.DELETE('/api/keys/{id}', { params: { path: { id: key.id } } })),
    // Refused (409) or not, the list is read again: another admin may have changed it meanwhile.
    onSettled: () => queries.invalidateQueries({ queryKey: ['keys'] }),
  });
  // A key without the right (not admin, or limited to accounts) gets the hub's 403 instead of the table: no way to a form it cannot use.
  const refused = keys.error instanceof HubError && keys.error.problem.status === 403;
  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        {!refused && (
          <Link className="button" to="/keys/new">
            New key
          </Link>
        )}
      </div>
      <p className="hint">Each key has a scope and may be limited to some accounts. A revoked key is refused at once by every hub process; it stays listed.</p>
      <div aria-live="polite">
        {revoke.isSuccess && (
          <p role="status">
            Key "{revoke.data.name}" ({revoke.data.prefix}…) revoked.
          </p>
        )}
      </div>
      <ErrorNotice error={revoke.error} />
      <Loaded query={keys}>
        {(list) => (
          <KeysTable
            keys={list}
            revoking={revoke.isPending}
            onRevoke={(key) => {
              if (window.confirm(`Revoke the key "${key.name}" (${key.prefix}…)? Everything that uses it is refused from now on; this cannot be undone.`)) revoke.mutate(key);
            }}
          />
        )}
      </Loaded>
    </>
  );
}
