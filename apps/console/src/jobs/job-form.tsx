import { useMemo } from 'react';
import type { components } from '../generated/hub-api';
import { FilterBuilder } from './filter-builder';
import type { JobFormValues } from './job-form-values';
import { nextRunTimes } from './schedule-preview';

type Schema = components['schemas']['SchemaView'];
type Conversion = components['schemas']['FieldMappingView']['conversion'];
type Operator = components['schemas']['PluginCapabilitiesDto']['filterOperators'][number];

/** Conversions that change a value's meaning, offered where they apply (the hub checks them too). */
function conversionsFor(type: string): Conversion[] {
  if (type === 'datetime') return ['default', 'date-only', 'no-tz-shift', 'raw'];
  if (type === 'string' || type === 'text' || type === 'json') return ['default', 'raw'];
  return ['default'];
}

/** The editable parts of a job: name, mapping, filter (imports), match field (exports), and when it runs. */
export function JobForm({ values, onChange, schema, operation, operators, fieldError }: {
  values: JobFormValues;
  onChange: (values: JobFormValues) => void;
  schema: Schema | undefined;
  operation: components['schemas']['CreateJobDto']['operation'];
  operators: readonly Operator[];
  fieldError: (field: string) => React.ReactNode;
}) {
  const set = (change: Partial<JobFormValues>) => onChange({ ...values, ...change });
  const schedule = useMemo(() => (values.mode === 'scheduled' ? nextRunTimes(values.cron, values.timeZone) : undefined), [values.mode, values.cron, values.timeZone]);
  const fields = schema?.fields.filter((f) => f.active) ?? [];
  return (
    <>
      <div className="field">
        <label htmlFor="job-name">Name</label>
        <input id="job-name" value={values.name} onChange={(e) => set({ name: e.target.value })} />
        {fieldError('name')}
      </div>
      {operation === 'export' && schema && (
        <div className="field">
          <label htmlFor="job-match">Match CRM records by</label>
          <select id="job-match" value={values.matchField} onChange={(e) => set({ matchField: e.target.value })}>
            <option value="">the CRM id (insert new rows, update known ones)</option>
            {fields
              .filter((f) => f.externalId)
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name} (external id: upsert)
                </option>
              ))}
          </select>
          {fieldError('options')}
        </div>
      )}
      {operation === 'import' && schema && (
        <>
          <FilterBuilder fields={fields} operators={operators} conditions={values.conditions} onChange={(conditions) => set({ conditions, keptFilter: undefined })} />
          {values.keptFilter !== undefined && (
            <p className="hint">
              Current filter (set through the API; adding a condition here replaces it): <code>{JSON.stringify(values.keptFilter)}</code>
            </p>
          )}
          {fieldError('filter')}
        </>
      )}
      {schema && <MappingEditor fields={fields} mapping={values.mapping} onChange={(mapping) => set({ mapping })} />}
      {fieldError('mapping')}
      <fieldset>
        <legend>When it runs</legend>
        {(['manual', 'scheduled', 'continuous'] as const).map((m) => (
          <div className="field checkbox" key={m}>
            <input type="radio" name="job-mode" id={`job-mode-${m}`} value={m} checked={values.mode === m} onChange={() => set({ mode: m })} />
            <label htmlFor={`job-mode-${m}`}>{m === 'manual' ? 'When asked ("Run now")' : m === 'scheduled' ? 'On a schedule' : "Continuously, on the CRM's changes"}</label>
          </div>
        ))}
        {values.mode === 'scheduled' && (
          <>
            <div className="field">
              <label htmlFor="job-cron">Cron expression</label>
              <input id="job-cron" value={values.cron} onChange={(e) => set({ cron: e.target.value })} aria-describedby="job-cron-hint job-next-runs" aria-invalid={schedule?.problem ? true : undefined} />
              <p className="hint" id="job-cron-hint">
                Minute hour day-of-month month day-of-week (a sixth field first: seconds), e.g. <code>*/15 * * * *</code>.
              </p>
              {fieldError('schedule')}
            </div>
            <div className="field">
              <label htmlFor="job-tz">Time zone</label>
              <input id="job-tz" value={values.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
            </div>
            <div id="job-next-runs" aria-live="polite">
              {schedule?.problem ? (
                <p className="field-error">The schedule cannot be read: {schedule.problem}</p>
              ) : (
                <>
                  <p className="hint">Next runs:</p>
                  <ol className="next-runs">
                    {schedule?.times.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ol>
                </>
              )}
            </div>
          </>
        )}
        {values.mode === 'continuous' && <p className="hint">The job follows the CRM's changes (its plugin's change stream) and runs as they come.</p>}
      </fieldset>
    </>
  );
}

function MappingEditor({ fields, mapping, onChange }: { fields: Schema['fields']; mapping: Record<string, Conversion> | undefined; onChange: (mapping: Record<string, Conversion> | undefined) => void }) {
  const all = Object.fromEntries(fields.map((f) => [f.name, 'default' as Conversion]));
  const current = mapping ?? all;
  const set = (next: Record<string, Conversion>) => {
    const everyDefault = Object.keys(next).length === fields.length && Object.values(next).every((c) => c === 'default');
    onChange(everyDefault ? undefined : next);
  };
  return (
    <details>
      <summary>
        Field mapping: {mapping ? `${Object.keys(mapping).length} of ${fields.length} fields` : `every field (${fields.length})`}
      </summary>
      <table className="fields">
        <thead>
          <tr>
            <th scope="col">Map</th>
            <th scope="col">Field</th>
            <th scope="col">Column</th>
            <th scope="col">Conversion</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const mapped = f.name in current;
            return (
              <tr key={f.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Map ${f.name}`}
                    checked={mapped}
                    onChange={(e) => {
                      const next = { ...current };
                      if (e.target.checked) next[f.name] = 'default';
                      else delete next[f.name];
                      set(next);
                    }}
                  />
                </td>
                <td>
                  <code>{f.name}</code> {f.type}
                </td>
                <td>
                  <code>{f.column ?? (f.components ?? []).join(', ')}</code>
                </td>
                <td>
                  {conversionsFor(f.type).length > 1 && mapped ? (
                    <select aria-label={`Conversion of ${f.name}`} value={current[f.name]} onChange={(e) => set({ ...current, [f.name]: e.target.value as Conversion })}>
                      {conversionsFor(f.type).map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="muted">{mapped ? 'default' : '—'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
