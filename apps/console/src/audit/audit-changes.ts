/** One line of an entry's changes: `field: from → to`, or how a secret changed. */
export interface ChangeLine {
  field: string;
  text: string;
  /** For the `.diff` colours: set on a creation, removed on a deletion, changed otherwise. */
  kind: 'added' | 'removed' | 'changed';
}

const NONE = '—';

/**
 * The changes of an audit entry, field by field, as the hub records them: `{ from, to }` (a side
 * missing when the resource was created or deleted), or only "changed" / "removed" for a secret,
 * whose values are never recorded.
 *
 * @example
 * ```ts
 * changeLines({ name: { from: 'a', to: 'b' }, 'secrets.clientSecret': 'changed' });
 * // [{ field: 'name', text: '"a" → "b"', kind: 'changed' }, { field: 'secrets.clientSecret', text: 'changed', kind: 'changed' }]
 * ```
 */
export function changeLines(changes: Record<string, unknown> | null): ChangeLine[] {
  return Object.entries(changes ?? {}).map(([field, change]) => {
    if (change === 'changed') return { field, text: 'changed', kind: 'changed' };
    if (change === 'removed') return { field, text: 'removed', kind: 'removed' };
    if (isFromTo(change)) {
      const hasFrom = 'from' in change;
      const hasTo = 'to' in change;
      return { field, text: `${hasFrom ? shown(change.from) : NONE} → ${hasTo ? shown(change.to) : NONE}`, kind: hasFrom && hasTo ? 'changed' : hasTo ? 'added' : 'removed' };
    }
    return { field, text: shown(change), kind: 'changed' };
  });
}

function isFromTo(change: unknown): change is { from?: unknown; to?: unknown } {
  if (!change || typeof change !== 'object' || Array.isArray(change)) return false;
  const keys = Object.keys(change);
  return keys.length > 0 && keys.every((k) => k === 'from' || k === 'to');
}

/** JSON, so that "", null and "null" stay apart. */
function shown(value: unknown): string {
  return value === undefined ? NONE : JSON.stringify(value);
}
