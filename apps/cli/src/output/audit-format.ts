import type { Schema } from '../hub/hub-client';
import { formatInstant } from './format';

type AuditEntryView = Schema<'AuditEntryView'>;

/** A table row stays readable: long values and long lists of fields are cut, `--json` has them all. */
const VALUE_CHARACTERS = 40;
const FIELDS_SHOWN = 6;
const ERROR_CHARACTERS = 80;

function cut(text: string, characters: number): string {
  return text.length > characters ? `${text.slice(0, characters - 1)}…` : text;
}

function shortValue(value: unknown): string {
  return cut(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), VALUE_CHARACTERS);
}

/** One field's change: `a → b`; only a new value (something created): `b`; only an old one: `a → removed`. */
function fieldChange(change: unknown): string {
  if (typeof change === 'string') return change; // a secret: only "changed" or "removed", never its value
  if (!change || typeof change !== 'object') return shortValue(change);
  const { from, to } = change as { from?: unknown; to?: unknown };
  const hasFrom = 'from' in change;
  const hasTo = 'to' in change;
  if (hasFrom && hasTo) return `${shortValue(from)} → ${shortValue(to)}`;
  if (hasTo) return shortValue(to);
  return hasFrom ? `${shortValue(from)} → removed` : 'changed';
}

/**
 * An entry's changes in one line: `name: a → b, secrets.password: changed`, the first few fields
 * and how many more there are.
 */
export function changesSummary(changes: AuditEntryView['changes']): string {
  const fields = Object.entries(changes ?? {});
  const shown = fields.slice(0, FIELDS_SHOWN).map(([field, change]) => `${field}: ${fieldChange(change)}`);
  if (fields.length > FIELDS_SHOWN) shown.push(`+${fields.length - FIELDS_SHOWN} more`);
  return shown.join(', ');
}

/** The key a change was made with, as people recognise it: its name and prefix. */
export function auditKey(key: AuditEntryView['key']): string {
  return `${key.name} (${key.prefix}…)`;
}

/** What the change was about: `account 8f0c…`, or the path when the route names no resource. */
export function auditResource(entry: Pick<AuditEntryView, 'resourceType' | 'resourceId' | 'path'>): string {
  if (!entry.resourceType) return entry.path;
  return entry.resourceId ? `${entry.resourceType} ${entry.resourceId}` : entry.resourceType;
}

export const AUDIT_HEADERS = ['time', 'key', 'action', 'resource', 'outcome', 'changes'];

/** The table rows of some entries; a failure shows why next to what it asked for. */
export function auditRows(entries: AuditEntryView[]): unknown[][] {
  return entries.map((e) => [
    formatInstant(e.at),
    auditKey(e.key),
    e.action,
    auditResource(e),
    e.status === null ? e.outcome : `${e.outcome} ${e.status}`, // pending: no answer yet, so no status
    [changesSummary(e.changes), e.error ? `error: ${cut(e.error, ERROR_CHARACTERS)}` : ''].filter(Boolean).join('; '),
  ]);
}
