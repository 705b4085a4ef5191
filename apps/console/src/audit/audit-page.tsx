import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hub } from '../api/hub-client';
import { unwrap } from '../api/problem';
import { ErrorNotice } from '../ui/error-notice';
import { Loaded } from '../ui/loading';
import { AuditEntryRows } from './audit-entry-rows';
import { auditQuery, filtersOf, hasFilters, searchOf } from './audit-filters';
import { AuditFiltersForm } from './audit-filters-form';

/** Every change made through the API, newest first, filtered by the URL's query, a page at a time. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => unwrap(hub.GET('/api/audit', { params: { query: { ...auditQuery(filters), ...(pageParam ? { before: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries);
  const firstOfNewPage = useFocusOnOlderEntries(log.data?.pages);
  return (
    <>
      <h1>Audit log</h1>
      {/* Keyed by the URL: going back or forward shows that URL's filters in the form. */}
      <AuditFiltersForm key={search.toString()} filters={filters} onApply={(f) => setSearch(searchOf(f))} />
      {filters.keyId && (
        <p>
          Only changes made with the key <code>{filters.keyId}</code>. <Link to={`/audit?${searchOf({ ...filters, keyId: '' }).toString()}`}>Show every key's</Link>
        </p>
      )}
      {/* A failed "older entries" keeps the entries shown: the error goes below them. */}
      <Loaded query={{ data: entries, error: log.isFetchNextPageError ? null : log.error, isPending: log.isPending }}>
        {(list) =>
          list.length === 0 ? (
            <p>{hasFilters(filters) ? 'No change matches these filters.' : 'No change recorded yet.'}</p>
          ) : (
            <>
              <table>
                <caption className="visually-hidden">Changes, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Key</th>
                    <th scope="col">Action</th>
                    <th scope="col">Resource</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">
                      <span className="visually-hidden">Details</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => (
                    <AuditEntryRows key={e.id} entry={e} />
                  ))}
                </tbody>
              </table>
              <p className="muted" role="status">
                {list.length} {list.length === 1 ? 'entry' : 'entries'} shown{log.hasNextPage ? '' : ', the oldest included'}.
              </p>
              {log.hasNextPage && (
                <button type="button" className="secondary" disabled={log.isFetchingNextPage} onClick={() => firstOfNewPage.request(() => log.fetchNextPage())}>
                  {log.isFetchingNextPage ? 'Loading…' : 'Older entries'}
                </button>
              )}
              {log.isFetchNextPageError && <ErrorNotice error={log.error} />}
            </>
          )
        }
      </Loaded>
    </>
  );
}

/**
 * After "Older entries", focus goes to the first entry loaded: the button may be gone (no older
 * page), and keyboard users continue where the new entries start.
 */
function useFocusOnOlderEntries(pages: { entries: { id: string }[] }[] | undefined) {
  const wanted = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!pages || wanted.current === undefined || pages.length <= wanted.current) return;
    const first = pages[wanted.current]?.entries[0];
    wanted.current = undefined;
    if (first) document.getElementById(`audit-toggle-${first.id}`)?.focus();
  }, [pages]);
  return {
    request(load: () => void) {
      wanted.current = pages?.length;
      load();
    },
  };
}
