import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';

type Picklist = components['schemas']['AccountPicklistView'];

interface Row {
  sync: boolean;
  enumeration: string;
  replace: boolean;
}

/** `Contact.LeadSource` → `contact_lead_source`: a hub enumeration name for a picklist not bound yet. */
function suggestedName(picklistId: string): string {
  const name = picklistId
    .replace(/^global:/, '')
    .replace(/__c\b/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[a-z]/.test(name) ? name : `enum_${name}`;
}

/**
 * The reference product's enumeration-sync grid: the account's picklists next to the hub
 * enumerations they feed, one row each, with "Replace" per row (make the enumeration exactly the
 * CRM's values) or not (add new values and labels, keep the others).
 */
export function EnumSyncPage() {
  const { id = '' } = useParams();
  const picklists = useQuery({ queryKey: ['picklists', id], queryFn: () => unwrap(hub.GET('/api/accounts/{id}/picklists', { params: { path: { id } } })) });
  const enumerations = useQuery({ queryKey: ['enumerations'], queryFn: () => unwrap(hub.GET('/api/enumerations')) });
  const [rows, setRows] = useState<Record<string, Row>>({});
  const queries = useQueryClient();
  const rowOf = (p: Picklist): Row => rows[p.id] ?? { sync: false, enumeration: p.boundTo[0] ?? suggestedName(p.id), replace: false };
  const sync = useMutation({
    mutationFn: (list: Picklist[]) =>
      unwrap(
        hub.POST('/api/accounts/{id}/enum-sync', {
          params: { path: { id } },
          body: { bindings: list.filter((p) => rowOf(p).sync).map((p) => ({ enumId: p.id, enumeration: rowOf(p).enumeration.trim(), replace: rowOf(p).replace })) },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['enumerations'] });
      await queries.invalidateQueries({ queryKey: ['picklists', id] });
    },
  });
  const values = new Map((enumerations.data ?? []).map((e) => [e.name, e.values.filter((v) => v.active).length]));

  return (
    <>
      <h1>Enumerations</h1>
      <p>
        <Link to={`/accounts/${id}`}>Back to the account</Link> · The picklists behind the fields of this account's schemas.
      </p>
      <Loaded query={picklists}>
        {({ picklists: list }) =>
          list.length === 0 ? (
            <p>No picklist: the account's schemas have no picklist field yet.</p>
          ) : (
            <>
              <table className="enum-grid">
                <thead>
                  <tr>
                    <th scope="col">Sync</th>
                    <th scope="col">CRM picklist</th>
                    <th scope="col">Used by</th>
                    <th scope="col">CRM values</th>
                    <th scope="col">Hub enumeration</th>
                    <th scope="col">Replace</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => {
                    const row = rowOf(p);
                    const set = (change: Partial<Row>) => setRows({ ...rows, [p.id]: { ...row, ...change } });
                    const inputId = `enum-${p.id}`;
                    return (
                      <tr key={p.id}>
                        <td>
                          <input type="checkbox" aria-label={`Sync ${p.id}`} checked={row.sync} onChange={(e) => set({ sync: e.target.checked })} />
                        </td>
                        <td>
                          {p.label} <code>{p.id}</code>
                          {p.multiSelect && <span className="badge">multi-select</span>}
                          {p.controllingField && <span className="badge">depends on {p.controllingField}</span>}
                        </td>
                        <td>{p.usedBy.map((u) => `${u.object}.${u.field}`).join(', ')}</td>
                        <td title={p.values.map((v) => v.label).join(', ')}>{p.values.filter((v) => v.active).length}</td>
                        <td>
                          <label className="visually-hidden" htmlFor={inputId}>
                            Hub enumeration for {p.id}
                          </label>
                          <input id={inputId} value={row.enumeration} onChange={(e) => set({ enumeration: e.target.value })} />
                          <span className="muted">{values.has(row.enumeration.trim()) ? ` ${values.get(row.enumeration.trim())} values` : ' new'}</span>
                        </td>
                        <td>
                          <input type="checkbox" aria-label={`Replace the values of ${row.enumeration || p.id}`} checked={row.replace} onChange={(e) => set({ replace: e.target.checked })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="hint">Replace: the enumeration becomes exactly the CRM's values. Otherwise new values are added and labels updated, and the others are kept.</p>
              <ErrorNotice error={sync.error} />
              <button type="button" onClick={() => sync.mutate(list)} disabled={sync.isPending || !list.some((p) => rowOf(p).sync)}>
                {sync.isPending ? 'Syncing…' : 'Sync selected'}
              </button>
            </>
          )
        }
      </Loaded>
      {sync.data && (
        <section aria-labelledby="sync-result-title">
          <h2 id="sync-result-title">Result</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Picklist</th>
                <th scope="col">Enumeration</th>
                <th scope="col">Added</th>
                <th scope="col">Changed</th>
                <th scope="col">Removed</th>
              </tr>
            </thead>
            <tbody>
              {sync.data.results.map((r) => (
                <tr key={r.picklist}>
                  <td>
                    <code>{r.picklist}</code>
                  </td>
                  <td>
                    {r.enumeration}
                    {r.created ? ' (created)' : ''}
                    {r.replace ? ' · replaced' : ''}
                  </td>
                  <td>{r.added.join(', ') || '—'}</td>
                  <td>{r.changed.length || '—'}</td>
                  <td>{r.removed.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
