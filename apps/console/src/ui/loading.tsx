import type { ReactNode } from 'react';
import { ErrorNotice } from './error-notice';

/** What a screen shows while its data loads, when loading failed, or the screen itself. */
export function Loaded<T>({ query, children }: { query: { data?: T; error: unknown; isPending: boolean }; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorNotice error={query.error} />;
  if (query.isPending || query.data === undefined) return <p aria-busy="true">Loading…</p>;
  return <>{children(query.data)}</>;
}
