import { useState, type FormEvent } from 'react';
import { ACTIONS, OUTCOMES, RESOURCE_TYPES, type AuditFilters } from './audit-filters';
import './audit.css';

/** The audit log's filters; applying them changes the URL, which the page reads. */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  const set = (change: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = { action: '', resourceType: '', outcome: '', since: '', until: '', keyId: '' } as const;
  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Filters" noValidate>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" list="audit-actions" value={draft.action} placeholder="e.g. account.update or account." onChange={(e) => set({ action: e.target.value })} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-resource-type">Resource type</label>
        <select id="audit-resource-type" value={draft.resourceType} onChange={(e) => set({ resourceType: e.target.value })}>
          <option value="">(any)</option>
          {RESOURCE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-outcome">Outcome</label>
        <select id="audit-outcome" value={draft.outcome} onChange={(e) => set({ outcome: e.target.value as AuditFilters['outcome'] })}>
          <option value="">(any)</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-since">From (day)</label>
        <input id="audit-since" type="date" value={draft.since} max={draft.until || undefined} onChange={(e) => set({ since: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="audit-until">To (day, included)</label>
        <input id="audit-until" type="date" value={draft.until} min={draft.since || undefined} onChange={(e) => set({ until: e.target.value })} />
      </div>
      <div className="buttons">
        <button type="submit">Apply filters</button>
        <button type="button" className="secondary" onClick={() => onApply(clear)}>
          Clear
        </button>
      </div>
    </form>
  );
}
