import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';

/** Every hub data schema: a CRM object of an account and the table made for it. */
export function SchemasPage() {
  const schemas = useQuery({ queryKey: ['schemas'], queryFn: () => unwrap(hub.GET('/api/schemas')) });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  const accountName = new Map((accounts.data ?? []).map((a) => [a.id, a.name]));
  return (
    <>
      <h1>Schemas</h1>
      <Loaded query={schemas}>
        {(list) =>
          list.length === 0 ? (
            <p>
              No schema yet: open an <Link to="/accounts">account</Link> and discover its tables.
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Object</th>
                  <th scope="col">Account</th>
                  <th scope="col">Table</th>
                  <th scope="col">Fields</th>
                  <th scope="col">Incremental</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/schemas/${s.id}`}>{s.label}</Link> <code>{s.object}</code>
                    </td>
                    <td>{accountName.get(s.accountId) ?? s.accountId}</td>
                    <td>
                      <code>{s.table}</code>
                    </td>
                    <td>{s.fields.filter((f) => f.active).length}</td>
                    <td>{s.incremental}</td>
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
