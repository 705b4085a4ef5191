import { useQuery } from '@tanstack/react-query';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';

/** The hub's enumerations, their values and the CRM picklists that feed them (enum sync is per account). */
export function EnumerationsPage() {
  const enumerations = useQuery({ queryKey: ['enumerations'], queryFn: () => unwrap(hub.GET('/api/enumerations')) });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  const accountName = new Map((accounts.data ?? []).map((a) => [a.id, a.name]));
  return (
    <>
      <h1>Enumerations</h1>
      <p className="hint">To sync picklists into enumerations, open an account and choose "Sync enumerations".</p>
      <Loaded query={enumerations}>
        {(list) =>
          list.length === 0 ? (
            <p>No enumeration yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Enumeration</th>
                  <th scope="col">Values</th>
                  <th scope="col">Fed by</th>
                </tr>
              </thead>
              <tbody>
                {list.map((e) => (
                  <tr key={e.name}>
                    <td>
                      {e.label} <code>{e.name}</code>
                    </td>
                    <td>
                      {e.values
                        .filter((v) => v.active)
                        .map((v) => (v.label === v.value ? v.value : `${v.label} (${v.value})`))
                        .join(', ')}
                    </td>
                    <td>
                      {e.sources.map((s) => `${accountName.get(s.accountId) ?? s.accountId}: ${s.picklist}${s.replace ? ' (replace)' : ''}`).join('; ') || 'hub only'}
                    </td>
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
