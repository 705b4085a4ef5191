import type { paths } from '../generated/hub-api';
import { localDayStart } from './local-day';

type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
type Outcome = NonNullable<AuditQuery['outcome']>;

/** What an entry's outcome can be: pending until the change ends (or forever, if its hub process stopped first). */
export const OUTCOMES: readonly Outcome[] = ['succeeded', 'failed', 'pending'];

/** The audit log's filters as the URL holds them (so a filtered view can be reloaded and shared). */
export interface AuditFilters {
  /** An action (`account.update`) or a resource type and a dot (`account.`). */
  action: string;
  resourceType: string;
  outcome: '' | Outcome;
  /** Days (`YYYY-MM-DD`, the browser's time zone), both included. */
  since: string;
  until: string;
  /** Set by the API keys page ("Changes made with this key"), not by the filter form. */
  keyId: string;
}

const NAMES = ['action', 'resourceType', 'outcome', 'since', 'until', 'keyId'] as const;

/** The resource types the hub records (the API has no list of them). */
export const RESOURCE_TYPES = ['account', 'schema', 'job', 'run', 'record', 'key'] as const;

/** The actions the hub records, offered as suggestions (any other value is still sent). */
export const ACTIONS = [
  'account.create',
  'account.update',
  'account.delete',
  'account.check',
  'enumeration.sync',
  'schema.generate',
  'schema.apply-drift',
  'schema.delete',
  'job.create',
  'job.update',
  'job.delete',
  'job.run',
  'run.cancel',
  'record.create',
  'record.update',
  'record.delete',
  'key.create',
  'key.revoke',
] as const;

export function filtersOf(search: URLSearchParams): AuditFilters {
  const value = (name: (typeof NAMES)[number]) => search.get(name)?.trim() ?? '';
  const outcome = value('outcome');
  return {
    action: value('action'),
    resourceType: value('resourceType'),
    // Any other outcome cannot be shown by the form's select: read as "any".
    outcome: OUTCOMES.find((o) => o === outcome) ?? '',
    since: value('since'),
    until: value('until'),
    keyId: value('keyId'),
  };
}

/** The URL query of some filters: the set ones only, trimmed. */
export function searchOf(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of NAMES) {
    const value = filters[name].trim();
    if (value) search.set(name, value);
  }
  return search;
}

export function hasFilters(filters: AuditFilters): boolean {
  return NAMES.some((name) => filters[name] !== '');
}

/** The query of `GET /api/audit` for some filters: days become instants, `until` includes its day. */
export function auditQuery(filters: AuditFilters): AuditQuery {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.resourceType ? { resourceType: filters.resourceType } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.since ? { since: localDayStart(filters.since) } : {}),
    ...(filters.until ? { until: localDayStart(filters.until, 1) } : {}),
    ...(filters.keyId ? { keyId: filters.keyId } : {}),
  };
}
