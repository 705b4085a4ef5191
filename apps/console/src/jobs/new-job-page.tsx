import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import type { components } from '../generated/hub-api';
import { ErrorNotice } from '../ui/error-notice';
import { JobForm } from './job-form';
import { emptyJobValues, jobBody, type JobFormValues } from './job-form-values';

type CreateJob = components['schemas']['CreateJobDto'];
type Operation = CreateJob['operation'];

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
  const [operation, setOperation] = useState<Operation>('import');
  const [values, setValues] = useState<JobFormValues>(emptyJobValues);
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
    create.mutate({ ...jobBody(values, operation, schema), name: values.name.trim(), accountId, schemaId, operation });
  };

  return (
    <>
      <h1>New job</h1>
      <form onSubmit={submit} noValidate>
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
        <JobForm values={values} onChange={setValues} schema={schema} operation={operation} operators={plugin.data?.capabilities.filterOperators ?? []} fieldError={fieldError} />
        <ErrorNotice error={create.error} shownFields={['name', 'schemaId', 'filter', 'schedule', 'schedule.cron', 'schedule.timeZone', 'mapping', 'options']} />
        <button type="submit" disabled={create.isPending || !accountId || !schemaId}>
          {create.isPending ? 'Creating…' : 'Create job'}
        </button>
      </form>
    </>
  );
}
