import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { ErrorNotice } from '../ui/error-notice';

/**
 * What changed in the CRM since the table was made, as a diff, and "apply". A type change that
 * could lose data is explained and left alone unless the user chooses to apply the rest.
 */
export function DriftPanel({ schemaId }: { schemaId: string }) {
  const queries = useQueryClient();
  const drift = useQuery({ queryKey: ['schemas', schemaId, 'drift'], queryFn: () => unwrap(hub.GET('/api/schemas/{id}/drift', { params: { path: { id: schemaId } } })), enabled: false });
  const [skipUnsafe, setSkipUnsafe] = useState(false);
  /** New CRM fields the user left out of "apply" (all are added by default). */
  const [leftOut, setLeftOut] = useState<ReadonlySet<string>>(new Set());
  const apply = useMutation({
    mutationFn: () => {
      const added = report?.added.map((a) => a.field) ?? [];
      const addFields = leftOut.size > 0 ? added.filter((f) => !leftOut.has(f)) : undefined;
      return unwrap(hub.POST('/api/schemas/{id}/apply-drift', { params: { path: { id: schemaId } }, body: { skipUnsafe, ...(addFields ? { addFields } : {}) } }));
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['schemas', schemaId] });
      await drift.refetch();
    },
  });
  const report = drift.data;
  const unsafe = report?.retyped.filter((r) => !r.safe) ?? [];
  return (
    <section aria-labelledby="drift-title">
      <h2 id="drift-title">Drift</h2>
      <button type="button" className="secondary" onClick={() => drift.refetch()} disabled={drift.isFetching}>
        {drift.isFetching ? 'Comparing…' : 'Compare with the CRM'}
      </button>
      <ErrorNotice error={drift.error} />
      {report && (
        <div aria-live="polite">
          {report.upToDate ? (
            <p className="ok">Up to date with the CRM ({new Date(report.checkedAt).toLocaleString()}).</p>
          ) : (
            <>
              <ul className="diff">
                {report.added.map((a) => (
                  <li key={`+${a.field}`} className="added">
                    <input
                      type="checkbox"
                      id={`add-${a.field}`}
                      checked={!leftOut.has(a.field)}
                      onChange={(e) => {
                        const next = new Set(leftOut);
                        if (e.target.checked) next.delete(a.field);
                        else next.add(a.field);
                        setLeftOut(next);
                      }}
                    />
                    <label htmlFor={`add-${a.field}`}>
                      + <code>{a.field}</code> {a.type}
                      {a.columnType ? ` (${a.columnType})` : ''}
                      {a.returning ? ' — back after being removed' : ''}
                    </label>
                  </li>
                ))}
                {report.removed.map((r) => (
                  <li key={`-${r.field}`} className="removed">
                    − <code>{r.field}</code> removed from the CRM (its column and data stay)
                  </li>
                ))}
                {report.retyped.map((r) => (
                  <li key={`~${r.field}`} className={r.safe ? 'changed' : 'unsafe'}>
                    ~ <code>{r.field}</code> {r.from} → {r.to}: {r.safe ? 'the column follows safely' : `not safe: ${r.reason}`}
                  </li>
                ))}
                {report.picklists.map((p) => (
                  <li key={`p${p.field}`} className="changed">
                    ~ picklist of <code>{p.field}</code>: {[p.added.length && `added ${p.added.join(', ')}`, p.removed.length && `removed ${p.removed.join(', ')}`, p.relabeled.length && `relabeled ${p.relabeled.join(', ')}`].filter(Boolean).join('; ')}
                  </li>
                ))}
              </ul>
              {unsafe.length > 0 && (
                <div className="field checkbox">
                  <input id="skip-unsafe" type="checkbox" checked={skipUnsafe} onChange={(e) => setSkipUnsafe(e.target.checked)} />
                  <label htmlFor="skip-unsafe">Apply the safe changes and leave the {unsafe.length} unsafe type change{unsafe.length === 1 ? '' : 's'} as {unsafe.length === 1 ? 'it is' : 'they are'}</label>
                </div>
              )}
              <button type="button" onClick={() => apply.mutate()} disabled={apply.isPending}>
                Apply
              </button>
            </>
          )}
        </div>
      )}
      {apply.data && (
        <p role="status">
          Applied: {apply.data.added.length} added, {apply.data.widened.length} widened, {apply.data.deactivated.length} marked removed, {apply.data.picklistsUpdated.length} picklists updated
          {apply.data.skipped.length ? `; left alone: ${apply.data.skipped.map((s) => s.field).join(', ')}` : ''}.
        </p>
      )}
      <ErrorNotice error={apply.error} />
    </section>
  );
}
