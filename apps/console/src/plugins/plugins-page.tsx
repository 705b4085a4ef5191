import { useQuery } from '@tanstack/react-query';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';

/** Loaded plugin packages with what they can do, and refused ones with the reason. */
export function PluginsPage() {
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => unwrap(hub.GET('/api/plugins')) });
  return (
    <>
      <h1>Plugins</h1>
      <Loaded query={plugins}>
        {({ plugins: loaded, refused }) => (
          <>
            <h2>Loaded</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Plugin</th>
                  <th scope="col">Package</th>
                  <th scope="col">Changes</th>
                  <th scope="col">Writes</th>
                  <th scope="col">Filters pushed down</th>
                  <th scope="col">Location</th>
                </tr>
              </thead>
              <tbody>
                {loaded.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name} <code>{p.id}</code>
                    </td>
                    <td>
                      {p.packageName}@{p.version} (contract {p.contract})
                    </td>
                    <td>{p.capabilities.changeStream}</td>
                    <td>
                      {(['insert', 'update', 'upsert', 'delete'] as const).filter((w) => p.capabilities.write[w]).join(', ') || 'read only'} · batches of {p.capabilities.write.maxBatch}
                      {p.capabilities.bulk ? ' · bulk' : ''}
                    </td>
                    <td>{p.capabilities.filterOperators.join(' ') || 'none'}</td>
                    <td>
                      <code>{p.location}</code> ({p.source === 'plugins-dir' ? 'drop-in' : 'installed'})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>Refused</h2>
            {refused.length === 0 ? (
              <p>No package was refused.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Package</th>
                    <th scope="col">Location</th>
                    <th scope="col">Why, and what to do</th>
                  </tr>
                </thead>
                <tbody>
                  {refused.map((r) => (
                    <tr key={r.location}>
                      <td>{r.package ?? '(unreadable package.json)'}</td>
                      <td>
                        <code>{r.location}</code>
                      </td>
                      <td className="reason">{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
