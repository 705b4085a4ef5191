import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';
import { CheckStatus } from './check-status';

/** External accounts: the CRM connections, with the result of their last connection test. */
export function AccountsPage() {
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  return (
    <>
      <div className="page-head">
        <h1>Accounts</h1>
        <Link className="button" to="/accounts/new">
          New account
        </Link>
      </div>
      <Loaded query={accounts}>
        {(list) =>
          list.length === 0 ? (
            <p>No account yet: create one to connect a CRM.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Plugin</th>
                  <th scope="col">Last connection test</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/accounts/${a.id}`}>{a.name}</Link>
                    </td>
                    <td>
                      <code>{a.pluginId}</code>
                      {!a.pluginAvailable && <span className="badge warn">plugin not available</span>}
                    </td>
                    <td>
                      <CheckStatus check={a.lastCheck} />
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
