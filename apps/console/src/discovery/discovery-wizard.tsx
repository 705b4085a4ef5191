import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { FieldPicker, type FieldChoice } from './field-picker';

/**
 * The discovery wizard: the CRM's objects (searchable), then the fields of each object picked,
 * then one schema (a real table) per object. Leaving every field ticked keeps the schema's
 * selection "all", so fields the CRM adds later show up as drift to apply.
 */
export function DiscoveryWizard() {
  const { id = '' } = useParams();
  const [refresh, setRefresh] = useState(false);
  const objects = useQuery({
    queryKey: ['objects', id, refresh],
    queryFn: () => unwrap(hub.GET('/api/accounts/{id}/objects', { params: { path: { id }, query: { refresh } } })),
  });
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Map<string, FieldChoice>>(new Map());
  const [open, setOpen] = useState<string | undefined>();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        hub.POST('/api/accounts/{id}/schemas', {
          params: { path: { id } },
          body: { objects: [...picked].map(([name, choice]) => ({ name, ...(choice.fields ? { fields: choice.fields } : {}) })) },
        }),
      ),
    onSuccess: async (answer) => {
      await queries.invalidateQueries({ queryKey: ['schemas'] });
      const first = answer.schemas[0];
      navigate(answer.schemas.length === 1 && first ? `/schemas/${first.id}` : `/accounts/${id}`);
    },
  });

  const toggle = (name: string) => {
    const next = new Map(picked);
    if (next.has(name)) next.delete(name);
    else next.set(name, { fields: undefined });
    setPicked(next);
    setOpen(next.has(name) ? name : open === name ? undefined : open);
  };

  return (
    <>
      <h1>Discover tables</h1>
      <p>
        <Link to={`/accounts/${id}`}>Back to the account</Link>
      </p>
      <div className="wizard">
        <section aria-labelledby="objects-title">
          <h2 id="objects-title">1. Objects</h2>
          <div className="field inline">
            <label htmlFor="object-search">Search</label>
            <input id="object-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name or label" />
            <button type="button" className="secondary" onClick={() => setRefresh(true)} disabled={objects.isFetching}>
              Ask the CRM again
            </button>
          </div>
          <Loaded query={objects}>
            {({ objects: list }) => <ObjectList list={list} search={search} picked={picked} onToggle={toggle} onOpen={setOpen} open={open} />}
          </Loaded>
        </section>
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">2. Fields {open ? <code>{open}</code> : null}</h2>
          {open && picked.has(open) ? (
            <FieldPicker key={open} accountId={id} object={open} choice={picked.get(open) as FieldChoice} onChange={(choice) => setPicked(new Map(picked).set(open, choice))} />
          ) : (
            <p>Tick an object to see its fields.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="create-title">
        <h2 id="create-title">3. Create</h2>
        <p>{picked.size === 0 ? 'No object picked yet.' : `A schema and its table for: ${[...picked.keys()].join(', ')}.`}</p>
        <ErrorNotice error={create.error} />
        <button type="button" onClick={() => create.mutate()} disabled={picked.size === 0 || create.isPending}>
          {create.isPending ? 'Creating…' : `Create ${picked.size === 1 ? 'schema' : 'schemas'}`}
        </button>
      </section>
    </>
  );
}

type ObjectSummary = components['schemas']['ObjectSummaryView'];

function ObjectList({ list, search, picked, open, onToggle, onOpen }: {
  list: ObjectSummary[];
  search: string;
  picked: Map<string, FieldChoice>;
  open: string | undefined;
  onToggle: (name: string) => void;
  onOpen: (name: string) => void;
}) {
  const shown = useMemo(() => {
    const term = search.trim().toLowerCase();
    return term ? list.filter((o) => o.name.toLowerCase().includes(term) || o.label.toLowerCase().includes(term)) : list;
  }, [list, search]);
  return (
    <>
      <p className="muted" aria-live="polite">
        {shown.length} of {list.length} objects
      </p>
      <ul className="object-list">
        {shown.map((o) => (
          <li key={o.name} className={open === o.name ? 'current' : undefined}>
            {o.schemaId ? (
              <span>
                {o.label} <code>{o.name}</code> — <Link to={`/schemas/${o.schemaId}`}>has a schema</Link>
              </span>
            ) : (
              <>
                <input type="checkbox" id={`object-${o.name}`} checked={picked.has(o.name)} onChange={() => onToggle(o.name)} />
                <label htmlFor={`object-${o.name}`}>
                  {o.label} <code>{o.name}</code>
                  {o.custom && <span className="badge">custom</span>}
                </label>
                {picked.has(o.name) && open !== o.name && (
                  <button type="button" className="link" onClick={() => onOpen(o.name)}>
                    fields
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
