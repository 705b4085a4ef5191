import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { CheckStatus } from './check-status';
import { configToSend, settingFields, valuesOf, type ConnectionSpec, type SettingValues } from './settings-form/connection-spec';
import { SettingsForm } from './settings-form/settings-form';

type Account = components['schemas']['AccountView'];

/** One account: test its connection, edit its settings, its schemas, the way to the discovery wizard. */
export function AccountPage() {
  const { id = '' } = useParams();
  const account = useQuery({ queryKey: ['accounts', id], queryFn: () => unwrap(hub.GET('/api/accounts/{id}', { params: { path: { id } } })) });
  return (
    <Loaded query={account}>
      {(a) => (
        <>
          <div className="page-head">
            <h1>{a.name}</h1>
            <div className="buttons">
              <Link className="button" to={`/accounts/${a.id}/discover`}>
                Discover tables
              </Link>
              <Link className="button" to={`/accounts/${a.id}/enumerations`}>
                Sync enumerations
              </Link>
            </div>
          </div>
          <p>
            Plugin <code>{a.pluginId}</code>
            {!a.pluginAvailable && <span className="badge warn">plugin not available (see Plugins)</span>} · created {new Date(a.createdAt).toLocaleString()}
          </p>
          <ConnectionTest account={a} />
          <AccountSchemas accountId={a.id} />
          <EditAccount key={a.updatedAt} account={a} />
          <DeleteAccount account={a} />
        </>
      )}
    </Loaded>
  );
}

function ConnectionTest({ account }: { account: Account }) {
  const queries = useQueryClient();
  const check = useMutation({
    mutationFn: () => unwrap(hub.POST('/api/accounts/{id}/check', { params: { path: { id: account.id } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['accounts'] }),
  });
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">Connection</h2>
      <p>
        Last test: <CheckStatus check={account.lastCheck} />
      </p>
      <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? 'Testing…' : 'Test connection'}
      </button>
      <div aria-live="polite">
        {check.data && (
          <p className={check.data.ok ? 'ok' : 'failed'} data-testid="check-result">
            {check.data.ok ? 'Connected' : `Failed: ${check.data.reason}`} ({check.data.durationMs} ms, {check.data.apiCalls} API call{check.data.apiCalls === 1 ? '' : 's'})
          </p>
        )}
      </div>
      <ErrorNotice error={check.error} />
    </section>
  );
}

function AccountSchemas({ accountId }: { accountId: string }) {
  const schemas = useQuery({ queryKey: ['schemas', { accountId }], queryFn: () => unwrap(hub.GET('/api/schemas', { params: { query: { accountId } } })) });
  return (
    <section aria-labelledby="schemas-title">
      <h2 id="schemas-title">Schemas</h2>
      <Loaded query={schemas}>
        {(list) =>
          list.length === 0 ? (
            <p>No schema yet: discover the CRM's tables to create one.</p>
          ) : (
            <ul>
              {list.map((s) => (
                <li key={s.id}>
                  <Link to={`/schemas/${s.id}`}>{s.label}</Link> (<code>{s.object}</code> → table <code>{s.table}</code>)
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function EditAccount({ account }: { account: Account }) {
  const plugin = useQuery({ queryKey: ['plugins', account.pluginId], queryFn: () => unwrap(hub.GET('/api/plugins/{id}', { params: { path: { id: account.pluginId } } })), enabled: account.pluginAvailable });
  const [name, setName] = useState(account.name);
  const [values, setValues] = useState<SettingValues>(() => valuesOf(account.config));
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (body: { name?: string; config?: Record<string, unknown> }) => unwrap(hub.PATCH('/api/accounts/{id}', { params: { path: { id: account.id } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['accounts'] }),
  });
  const error = save.error instanceof HubError ? save.error : undefined;
  if (!account.pluginAvailable) return null;
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">Edit</h2>
      <Loaded query={plugin}>
        {(p) => {
          const spec = p.connectionSpec as ConnectionSpec;
          const submit = (event: FormEvent) => {
            event.preventDefault();
            const config = configToSend(settingFields(spec), values, account.config);
            save.mutate({ ...(name.trim() !== account.name ? { name: name.trim() } : {}), ...(Object.keys(config).length > 0 ? { config } : {}) });
          };
          return (
            <form onSubmit={submit} noValidate>
              <div className="field">
                <label htmlFor="edit-name">Name</label>
                <input id="edit-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error?.fieldMessage('name') ? true : undefined} />
                {error?.fieldMessage('name') && <p className="field-error">Name {error.fieldMessage('name')}</p>}
              </div>
              <SettingsForm key={save.submittedAt} spec={spec} values={values} onChange={setValues} serverErrors={error?.fieldMessages('config.') ?? {}} storedSecrets={account.secrets} />
              <ErrorNotice error={save.error} shownFields={['name', ...settingFields(spec).map((f) => `config.${f.name}`)]} />
              {save.isSuccess && <p role="status">Saved.</p>}
              <button type="submit" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save changes'}
              </button>
            </form>
          );
        }}
      </Loaded>
    </section>
  );
}

function DeleteAccount({ account }: { account: Account }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(hub.DELETE('/api/accounts/{id}', { params: { path: { id: account.id } } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['accounts'] });
      navigate('/accounts');
    },
  });
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete</h2>
      <button type="button" className="danger" disabled={remove.isPending} onClick={() => window.confirm(`Delete the account "${account.name}"? Its stored secrets are erased.`) && remove.mutate()}>
        Delete account
      </button>
      <ErrorNotice error={remove.error} />
    </section>
  );
}
