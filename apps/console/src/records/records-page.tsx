import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { toFilter, type Condition } from '../jobs/filter';
import { FilterBuilder } from '../jobs/filter-builder';
import { Loaded } from '../ui/loading';

type RecordRow = components['schemas']['RecordView'];

/** The hub evaluates record filters itself: every canonical operator is available. */
const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'contains', 'startsWith', 'isNull'] as const;
const PAGE = 50;

/** Browse a schema's table: enumeration labels next to values, filter, pages of 50. */
export function RecordsPage() {
  const { id = '' } = useParams();
  const schema = useQuery({ queryKey: ['schemas', id], queryFn: () => unwrap(hub.GET('/api/schemas/{id}', { params: { path: { id } } })) });
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [applied, setApplied] = useState<string | undefined>();
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const records = useQuery({
    queryKey: ['records', id, applied, includeDeleted, after],
    queryFn: () =>
      unwrap(hub.GET('/api/schemas/{id}/records', { params: { path: { id }, query: { limit: PAGE, ...(after ? { after } : {}), ...(applied ? { filter: applied } : {}), includeDeleted } } })),
  });
  return (
    <Loaded query={schema}>
      {(s) => {
        // The id and the next field (usually the name), then the fields with enumeration labels, then the rest.
        const shownFields = s.fields.filter((f) => f.active && f.column);
        const columns = [...shownFields.slice(0, 2), ...shownFields.slice(2).filter((f) => f.enumeration), ...shownFields.slice(2).filter((f) => !f.enumeration)].slice(0, 10);
        const types = new Map(s.fields.map((f) => [f.name, f.type]));
        return (
          <>
            <h1>
              Records of {s.label} <code>{s.table}</code>
            </h1>
            <p>
              <Link to={`/schemas/${s.id}`}>Back to the schema</Link> · the first {columns.length} columns of {s.fields.filter((f) => f.active).length}
            </p>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const filter = toFilter(conditions, types);
                setApplied(filter ? JSON.stringify(filter) : undefined);
                setCursors([]);
              }}
            >
              <FilterBuilder fields={s.fields.filter((f) => f.active)} operators={OPERATORS} conditions={conditions} onChange={setConditions} />
              <div className="field checkbox">
                <input id="include-deleted" type="checkbox" checked={includeDeleted} onChange={(e) => (setIncludeDeleted(e.target.checked), setCursors([]))} />
                <label htmlFor="include-deleted">Include rows deleted in the CRM</label>
              </div>
              <button type="submit">Apply filter</button>
            </form>
            <Loaded query={records}>
              {(page) => (
                <>
                  <table className="records">
                    <thead>
                      <tr>
                        {columns.map((f) => (
                          <th scope="col" key={f.name}>
                            {f.label}
                          </th>
                        ))}
                        <th scope="col">Updated in the hub</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.records.map((r) => (
                        <tr key={r.hubId} className={r.hubDeletedAt ? 'inactive' : undefined}>
                          {columns.map((f) => (
                            <td key={f.name}>{shown(r, f.name)}</td>
                          ))}
                          <td>{new Date(r.hubUpdatedAt).toLocaleString()}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {page.records.length === 0 && <p>No row matches.</p>}
                  <div className="buttons">
                    <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                      Previous page
                    </button>
                    <button type="button" className="secondary" disabled={!page.next} onClick={() => page.next && setCursors([...cursors, page.next])}>
                      Next page
                    </button>
                  </div>
                </>
              )}
            </Loaded>
          </>
        );
      }}
    </Loaded>
  );
}

/** A value as text, with its enumeration label when it has one (`Gold (727000001)`). */
function shown(row: RecordRow, field: string): string {
  const value = row.values[field];
  const label = row.labels[field];
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (label === undefined || label === null) return text;
  const labels = Array.isArray(label) ? label.map((l) => l ?? '?').join('; ') : label;
  return labels === text ? text : `${labels} (${text})`;
}
