import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { configToSend, settingFields, type ConnectionSpec, type SettingValues } from './settings-form/connection-spec';
import { SettingsForm } from './settings-form/settings-form';

/** Creates an account: pick a plugin, name the account, fill the form its connectionSpec generates. */
export function NewAccountPage() {
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => unwrap(hub.GET('/api/plugins')) });
  const [pluginId, setPluginId] = useState('');
  const [name, setName] = useState('');
  const [values, setValues] = useState<SettingValues>({});
  const navigate = useNavigate();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: (body: { name: string; pluginId: string; config: Record<string, unknown> }) => unwrap(hub.POST('/api/accounts', { body })),
    onSuccess: async (account) => {
      await queries.invalidateQueries({ queryKey: ['accounts'] });
      navigate(`/accounts/${account.id}`);
    },
  });
  const error = create.error instanceof HubError ? create.error : undefined;

  return (
    <>
      <h1>New account</h1>
      <Loaded query={plugins}>
        {({ plugins: loaded }) => {
          const plugin = loaded.find((p) => p.id === pluginId);
          const spec = plugin?.connectionSpec as ConnectionSpec | undefined;
          const submit = (event: FormEvent) => {
            event.preventDefault();
            if (spec) create.mutate({ name: name.trim(), pluginId, config: configToSend(settingFields(spec), values) });
          };
          return (
            <form onSubmit={submit} noValidate>
              <div className="field">
                <label htmlFor="account-plugin">CRM plugin</label>
                <select
                  id="account-plugin"
                  value={pluginId}
                  onChange={(e) => {
                    setPluginId(e.target.value);
                    setValues({});
                    create.reset();
                  }}
                >
                  <option value="">(choose a plugin)</option>
                  {loaded.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="account-name">Name</label>
                <input id="account-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error?.fieldMessage('name') ? true : undefined} aria-describedby={error?.fieldMessage('name') ? 'account-name-error' : undefined} />
                {error?.fieldMessage('name') && (
                  <p className="field-error" id="account-name-error">
                    Name {error.fieldMessage('name')}
                  </p>
                )}
              </div>
              {spec && <SettingsForm key={create.submittedAt} spec={spec} values={values} onChange={setValues} serverErrors={error?.fieldMessages('config.') ?? {}} />}
              <ErrorNotice error={create.error} shownFields={['name', ...(spec ? settingFields(spec).map((f) => `config.${f.name}`) : [])]} />
              <button type="submit" disabled={!spec || create.isPending}>
                {create.isPending ? 'Creating…' : 'Create account'}
              </button>
            </form>
          );
        }}
      </Loaded>
    </>
  );
}
