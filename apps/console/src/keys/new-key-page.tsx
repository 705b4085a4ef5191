import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import { localDay } from '../audit/local-day';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { CreatedKey } from './created-key';
import { emptyKeyValues, keyBody, type KeyFormValues } from './key-form-values';
import './keys.css';
import { SCOPES, type Scope } from './scopes';

type CreateKey = components['schemas']['CreateKeyDto'];

/** Creates an API key: name, scope, optionally some accounts and an expiry; then shows the key once. */
export function NewKeyPage() {
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: (body: CreateKey) => unwrap(hub.POST('/api/keys', { body })),
    // The answer holds the key itself: dropped from react-query's mutation cache as soon as this page is left.
    gcTime: 0,
    onSuccess: () => queries.invalidateQueries({ queryKey: ['keys'] }),
  });
  return (
    <>
      <h1>New API key</h1>
      {create.data ? <CreatedKey created={create.data} onAnother={() => create.reset()} /> : <KeyForm submitting={create.isPending} error={create.error} onSubmit={(values) => create.mutate(keyBody(values))} />}
    </>
  );
}

function KeyForm({ submitting, error, onSubmit }: { submitting: boolean; error: Error | null; onSubmit: (values: KeyFormValues) => void }) {
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  const [values, setValues] = useState<KeyFormValues>(emptyKeyValues);
  const set = (change: Partial<KeyFormValues>) => setValues((v) => ({ ...v, ...change }));
  const problem = error instanceof HubError ? error : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form className="key-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="key-name">Name</label>
        <input id="key-name" value={values.name} onChange={(e) => set({ name: e.target.value })} aria-describedby={describedBy('key-name-help', problem, 'name')} aria-invalid={problem?.fieldMessage('name') ? true : undefined} />
        <p id="key-name-help" className="hint">
          Who or what uses the key, e.g. "dashboard (read-only)": the audit log names it.
        </p>
        <FieldError problem={problem} field="name" label="Name" />
      </div>
      <div className="field">
        <label htmlFor="key-scope">Scope</label>
        <select id="key-scope" value={values.scope} onChange={(e) => set({ scope: e.target.value as Scope })} aria-describedby={describedBy('key-scope-help', problem, 'scope')}>
          {SCOPES.map((s) => (
            <option key={s.scope} value={s.scope}>
              {s.scope}
            </option>
          ))}
        </select>
        <ul id="key-scope-help" className="hint">
          {SCOPES.map((s) => (
            <li key={s.scope}>
              <strong>{s.scope}</strong>: {s.explanation}
            </li>
          ))}
        </ul>
        <FieldError problem={problem} field="scope" label="Scope" />
      </div>
      <fieldset aria-describedby={describedBy('key-accounts-help', problem, 'accounts')}>
        <legend>Accounts (optional)</legend>
        <p id="key-accounts-help" className="hint">
          Limit the key to these accounts: it sees and changes only them and what belongs to them. Choose none for a key that works on every account.
        </p>
        <Loaded query={accounts}>
          {(list) =>
            list.length === 0 ? (
              <p>No account yet: the key will work on every account.</p>
            ) : (
              list.map((a) => (
                <div className="field checkbox" key={a.id}>
                  <input
                    id={`key-account-${a.id}`}
                    type="checkbox"
                    checked={values.accounts.includes(a.id)}
                    onChange={(e) => set({ accounts: e.target.checked ? [...values.accounts, a.id] : values.accounts.filter((id) => id !== a.id) })}
                  />
                  <label htmlFor={`key-account-${a.id}`}>{a.name}</label>
                </div>
              ))
            )
          }
        </Loaded>
        <FieldError problem={problem} field="accounts" label="Accounts" />
      </fieldset>
      <div className="field">
        <label htmlFor="key-expires">Expires on (optional)</label>
        <input id="key-expires" type="date" min={localDay(1)} value={values.expiresOn} onChange={(e) => set({ expiresOn: e.target.value })} aria-describedby={describedBy('key-expires-help', problem, 'expiresAt')} aria-invalid={problem?.fieldMessage('expiresAt') ? true : undefined} />
        <p id="key-expires-help" className="hint">
          The key stops working at the start of that day (your time zone). Leave it empty for a key that does not expire.
        </p>
        <FieldError problem={problem} field="expiresAt" label="Expiry" />
      </div>
      <ErrorNotice error={error} shownFields={['name', 'scope', 'accounts', 'expiresAt']} />
      <button type="submit" disabled={submitting}>
        {submitting ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}

/** The hub's message for one field, next to it (prefixed with the field's label unless it already names the field). */
function FieldError({ problem, field, label }: { problem: HubError | undefined; field: string; label: string }) {
  const message = problem?.fieldMessage(field);
  if (!message) return null;
  return (
    <p className="field-error" id={errorId(field)}>
      {message.startsWith(field) ? message : `${label}: ${message}`}
    </p>
  );
}

const errorId = (field: string) => `key-${field}-error`;

/** The hint of a field, and its error when the hub gave one. */
function describedBy(hintId: string, problem: HubError | undefined, field: string): string {
  return problem?.fieldMessage(field) ? `${hintId} ${errorId(field)}` : hintId;
}
