import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { FilterBuilder, toFilter, type Condition } from './filter-builder';

type CreateJob = components['schemas']['CreateJobDto'];
type Operation = CreateJob['operation'];
type Mode = NonNullable<CreateJob['mode']>;

const OPERATIONS: { value: Operation; label: string }[] = [
  { value: 'import', label: 'Import: CRM → hub table' },
  { value: 'export', label: "Export: the table's changes → CRM" },
  { value: 'import-deleted', label: 'Import deletions only' },
  { value: 'delete', label: "Delete in the CRM the table's deleted rows" },
];

/**
 * A new sync job: account, schema, operation, the filter the plugin can push down, and when it
 * runs (by hand, on a cron schedule in a time zone, or continuously on the CRM's changes).
 */
export function NewJobPage() {
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => unwrap(hub.GET('/api/accounts')) });
  const [accountId, setAccountId] = useState('');
  const account = accounts.data?.find((a) => a.id === accountId);
  const schemas = useQuery({ queryKey: ['schemas', { accountId }], queryFn: () => unwrap(hub.GET('/api/schemas', { params: { query: { accountId } } })), enabled: accountId !== '' });
  const plugin = useQuery({
    queryKey: ['plugins', account?.pluginId],
    queryFn: () => unwrap(hub.GET('/api/plugins/{id}', { params: { path: { id: account?.pluginId ?? '' } } })),
    enabled: account?.pluginAvailable === true,
  });
  const [schemaId, setSchemaId] = useState('');
  const schema = schemas.data?.find((s) => s.id === schemaId);
  const [name, setName] = useState('');
  const [operation, setOperation] = useState<Operation>('import');
  const [mode, setMode] = useState<Mode>('manual');
  const [cron, setCron] = useState('0 * * * *');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [matchField, setMatchField] = useState('');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: (body: CreateJob) => unwrap(hub.POST('/api/sync/jobs', { body })),
    onSuccess: async (job) => {
      await queries.invalidateQueries({ queryKey: ['jobs'] });
      navigate(`/jobs/${job.id}`);
    },
  });
  const error = create.error instanceof HubError ? create.error : undefined;
  const fieldError = (field: string) => {
    const message = error?.problem.errors?.find((e) => e.field === field || e.field?.startsWith(`${field}.`))?.message;
    return message ? <p className="field-error">{message}</p> : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const types = new Map((schema?.fields ?? []).map((f) => [f.name, f.type]));
    create.mutate({
      name: name.trim(),
      accountId,
      schemaId,
      operation,
      mode,
      ...(mode === 'scheduled' ? { schedule: { cron: cron.trim(), timeZone } } : {}),
      ...(operation === 'import' ? { filter: toFilter(conditions, types) } : {}),
      ...(operation === 'export' && matchField ? { options: { writeMode: 'upsert', matchField } } : {}),
    });
  };

  return (
    <>
      <h1>New job</h1>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="job-name">Name</label>
          <input id="job-name" value={name} onChange={(e) => setName(e.target.value)} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="job-account">Account</label>
          <select id="job-account" value={accountId} onChange={(e) => (setAccountId(e.target.value), setSchemaId(''))}>
            <option value="">(choose an account)</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-schema">Schema</label>
          <select id="job-schema" value={schemaId} onChange={(e) => setSchemaId(e.target.value)} disabled={!accountId}>
            <option value="">(choose a schema)</option>
            {(schemas.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.label} ({s.object})
              </option>
            ))}
          </select>
          {fieldError('schemaId')}
        </div>
        <div className="field">
          <label htmlFor="job-operation">Operation</label>
          <select id="job-operation" value={operation} onChange={(e) => setOperation(e.target.value as Operation)}>
            {OPERATIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {operation === 'export' && schema && (
          <div className="field">
            <label htmlFor="job-match">Match CRM records by</label>
            <select id="job-match" value={matchField} onChange={(e) => setMatchField(e.target.value)}>
              <option value="">the CRM id (insert new rows, update known ones)</option>
              {schema.fields
                .filter((f) => f.externalId)
                .map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name} (external id: upsert)
                  </option>
                ))}
            </select>
          </div>
        )}
        {operation === 'import' && schema && (
          <FilterBuilder fields={schema.fields.filter((f) => f.active)} operators={plugin.data?.capabilities.filterOperators ?? []} conditions={conditions} onChange={setConditions} />
        )}
        {fieldError('filter')}
        <fieldset>
          <legend>When it runs</legend>
          {(['manual', 'scheduled', 'continuous'] as const).map((m) => (
            <div className="field checkbox" key={m}>
              <input type="radio" name="job-mode" id={`job-mode-${m}`} value={m} checked={mode === m} onChange={() => setMode(m)} />
              <label htmlFor={`job-mode-${m}`}>{m === 'manual' ? 'When asked ("Run now")' : m === 'scheduled' ? 'On a schedule' : "Continuously, on the CRM's changes"}</label>
            </div>
          ))}
          {mode === 'scheduled' && (
            <>
              <div className="field">
                <label htmlFor="job-cron">Cron expression</label>
                <input id="job-cron" value={cron} onChange={(e) => setCron(e.target.value)} aria-describedby="job-cron-hint" />
                <p className="hint" id="job-cron-hint">
                  Minute hour day-of-month month day-of-week, e.g. <code>*/15 * * * *</code>. The next run time shows on the job once saved.
                </p>
                {fieldError('schedule')}
              </div>
              <div className="field">
                <label htmlFor="job-tz">Time zone</label>
                <input id="job-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
              </div>
            </>
          )}
        </fieldset>
        <ErrorNotice error={create.error} shownFields={['name', 'schemaId', 'filter', 'schedule', 'schedule.cron']} />
        <button type="submit" disabled={create.isPending || !accountId || !schemaId}>
          {create.isPending ? 'Creating…' : 'Create job'}
        </button>
      </form>
    </>
  );
}
