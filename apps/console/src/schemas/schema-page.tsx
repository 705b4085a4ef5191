import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { Loaded } from '../ui/loading';
import { DriftPanel } from './drift-panel';

/** One schema: its columns (type, marks, enumeration), and its drift from the CRM. */
export function SchemaPage() {
  const { id = '' } = useParams();
  const schema = useQuery({ queryKey: ['schemas', id], queryFn: () => unwrap(hub.GET('/api/schemas/{id}', { params: { path: { id } } })) });
  return (
    <Loaded query={schema}>
      {(s) => (
        <>
          <h1>
            {s.label} <code>{s.object}</code>
          </h1>
          <p>
            Table <code>{s.table}</code> · id <code>{s.idField}</code>
            {s.cursorField ? (
              <>
                {' '}
                · changes by <code>{s.cursorField}</code>
              </>
            ) : null}{' '}
            · fields: {s.selection === 'all' ? 'every readable field' : 'the ones picked'} · <Link to={`/accounts/${s.accountId}`}>account</Link> · <Link to={`/schemas/${s.id}/records`}>browse records</Link>
          </p>
          <DriftPanel schemaId={s.id} />
          <h2>Columns</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
                <th scope="col">Marks</th>
                <th scope="col">Enumeration</th>
              </tr>
            </thead>
            <tbody>
              {s.fields.map((f) => (
                <tr key={f.name} className={f.active ? undefined : 'inactive'}>
                  <td>
                    {f.label} <code>{f.name}</code>
                  </td>
                  <td>{f.column ? <code>{f.column}</code> : <span className="muted">(stored as {f.components?.join(', ')})</span>}</td>
                  <td>
                    {f.type} {f.columnType ? <span className="muted">{f.columnType}</span> : null}
                  </td>
                  <td>{[!f.nullable && 'not null', !f.createable && !f.updateable && 'read-only', f.externalId && 'external id', f.computed && 'computed', !f.active && `removed from the CRM${f.removedAt ? ` ${new Date(f.removedAt).toLocaleDateString()}` : ''}`].filter(Boolean).join(', ')}</td>
                  <td>{f.enumeration ?? (f.picklist ? <span className="muted">picklist {f.picklist} (not synced)</span> : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Loaded>
  );
}
