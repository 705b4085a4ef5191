import { useQuery } from '@tanstack/react-query';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { Loaded } from '../ui/loading';

/** Fields picked for one object: `undefined` = every readable field (the schema follows the CRM). */
export interface FieldChoice {
  fields: string[] | undefined;
}

type Field = components['schemas']['CrmFieldView'];
type Picklist = components['schemas']['CrmEnumView'];

/** One object's fields with types, required and read-only marks and picklist values, each with a tick box. */
export function FieldPicker({ accountId, object, choice, onChange }: { accountId: string; object: string; choice: FieldChoice; onChange: (choice: FieldChoice) => void }) {
  const described = useQuery({
    queryKey: ['objects', accountId, 'describe', object],
    queryFn: () => unwrap(hub.GET('/api/accounts/{id}/objects/{object}', { params: { path: { id: accountId, object } } })),
  });
  return (
    <Loaded query={described}>
      {({ object: o, picklists }) => {
        const all = o.fields.map((f) => f.name);
        const ticked = new Set(choice.fields ?? all);
        const set = (name: string, on: boolean) => {
          const next = all.filter((n) => (n === name ? on : ticked.has(n)));
          onChange({ fields: next.length === all.length ? undefined : next });
        };
        const byId = new Map(picklists.map((p) => [p.id, p]));
        return (
          <>
            <p className="muted">
              {ticked.size} of {all.length} fields · id <code>{o.idField}</code>
              {o.cursorField ? (
                <>
                  {' '}
                  · changes by <code>{o.cursorField}</code>
                </>
              ) : null}{' '}
              · incremental: {o.incremental}
            </p>
            <div className="buttons">
              <button type="button" className="secondary" onClick={() => onChange({ fields: undefined })}>
                All fields
              </button>
              <button type="button" className="secondary" onClick={() => onChange({ fields: [o.idField] })}>
                Only the id
              </button>
            </div>
            <table className="fields">
              <caption className="visually-hidden">Fields of {o.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Sync</th>
                  <th scope="col">Field</th>
                  <th scope="col">Type</th>
                  <th scope="col">Marks</th>
                  <th scope="col">Picklist</th>
                </tr>
              </thead>
              <tbody>
                {o.fields.map((f) => (
                  <tr key={f.name}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Sync ${f.name}`}
                        checked={ticked.has(f.name)}
                        disabled={f.name === o.idField}
                        onChange={(e) => set(f.name, e.target.checked)}
                      />
                    </td>
                    <td>
                      {f.label} <code>{f.name}</code>
                    </td>
                    <td>
                      {f.type} <span className="muted">({f.nativeType})</span>
                    </td>
                    <td>{marks(f).join(', ')}</td>
                    <td>{f.enumId ? <PicklistValues picklist={byId.get(f.enumId)} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {(o.unsupportedFields ?? []).length > 0 && (
              <details>
                <summary>{o.unsupportedFields?.length} fields the plugin cannot read</summary>
                <ul>
                  {o.unsupportedFields?.map((u) => (
                    <li key={u.name}>
                      <code>{u.name}</code> ({u.nativeType}): {u.reason}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        );
      }}
    </Loaded>
  );
}

function marks(f: Field): string[] {
  const found: string[] = [];
  if (f.required ?? (!f.nullable && f.createable)) found.push('required');
  if (!f.createable && !f.updateable) found.push('read-only');
  if (f.externalId) found.push('external id');
  if (f.unique) found.push('unique');
  if (f.computed) found.push('computed');
  if (f.referenceTo?.length) found.push(`→ ${f.referenceTo.join(' | ')}`);
  return found;
}

function PicklistValues({ picklist }: { picklist: Picklist | undefined }) {
  if (!picklist) return null;
  const values = picklist.values.filter((v) => v.active);
  return (
    <span title={values.map((v) => v.label).join(', ')}>
      {picklist.multiSelect ? 'multi-select, ' : ''}
      {values.length} values: {values.slice(0, 4).map((v) => v.label).join(', ')}
      {values.length > 4 ? '…' : ''}
    </span>
  );
}
