import { toIsoDateTime, type ServerClock, type StatusMessage, type SyncMessage, type UpsertMessage } from '@crm-hub/plugin-sdk';
import type { ODataQueryClient, QueryCallOptions } from '../http/odata-query-client';
import { MODIFIED_ON, isPolymorphic, type AttributeInfo, type TableInfo } from '../metadata/table-info';
import { canonicalRecord, LOOKUP_LOGICAL_NAME } from '../values/value-reader';

/**
 * Everything one read of one table needs, decided before the first request: the columns
 * (requested ones plus the primary id and `modifiedon`), the pushed-down `$filter`, the page size
 * and what to do with deletes.
 */
export interface ReadPlan {
  table: TableInfo;
  /** The columns emitted in `data` (requested + id + modifiedon). */
  attributes: AttributeInfo[];
  /** The field set of `attributes`, as checkpoints record it (`fieldSetOf`). */
  fields: string;
  /** `$filter` text of the request's filter, when it has one. */
  filter?: string;
  pageSize: number;
  deletes: 'include' | 'only' | 'exclude';
  safetyLagMs: number;
}

/** The services a reader uses: the OData client (metered, retried) and the server's clock. */
export interface ReadServices {
  odata: ODataQueryClient;
  clock: ServerClock;
}

/**
 * Status messages raised while a request was under way (a 429 pause), waiting to go out with the
 * next page: a paced read hands pages to its consumer, not callbacks.
 */
export class PendingStatuses {
  private readonly queue: StatusMessage[] = [];

  push(message: StatusMessage): void {
    this.queue.push(message);
  }

  /** The waiting messages, followed by `page`; the queue is emptied. */
  before(page: readonly SyncMessage[]): SyncMessage[] {
    return [...this.queue.splice(0), ...page];
  }
}

/**
 * The `$select` of a plan: the Web API property of each column.
 *
 * @example
 * ```ts
 * selectOf(plan); // ['contactid', 'modifiedon', '_parentcustomerid_value']
 * ```
 */
export function selectOf(plan: ReadPlan): string[] {
  return plan.attributes.map((a) => a.property);
}

/**
 * Per-request options of a read: metered as `kind`, `Prefer` with the page size (change tracking
 * when asked, and the `lookuplogicalname` annotation when a polymorphic lookup is read, so its
 * target table is never lost), cancellable, and turning a 429 pause into a `status` message with
 * `retryAt`, so the host can show why the run is waiting.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns#formatted-values
 */
export function callOptions(plan: ReadPlan, kind: string, statuses: PendingStatuses, signal: AbortSignal, trackChanges = false): QueryCallOptions {
  const annotations = plan.attributes.some(isPolymorphic) ? [`odata.include-annotations="${LOOKUP_LOGICAL_NAME}"`] : [];
  return {
    kind,
    prefer: [...(trackChanges ? ['odata.track-changes'] : []), `odata.maxpagesize=${plan.pageSize}`, ...annotations],
    signal,
    onThrottle: (retryAt) => statuses.push(throttled(plan.table.logicalName, retryAt)),
  };
}

/**
 * A `status` message telling that Dataverse's service protection paused the read.
 *
 * @example
 * ```ts
 * statuses.push(throttled('contact', new Date(Date.now() + 5000)));
 * ```
 */
export function throttled(object: string, retryAt: Date): StatusMessage {
  return {
    kind: 'status',
    level: 'warn',
    code: 'rate-limited',
    message: `Dataverse service protection limit reached while reading ${object}; waiting as Retry-After asks`,
    retryAt: retryAt.toISOString(),
  };
}

/**
 * The upsert message of one row, or `undefined` for a row without its primary id. A column the
 * row does not carry (delta rows bring only what changed) is absent from `data`, never `null`,
 * and the message says `partial: true`.
 *
 * @example
 * ```ts
 * const msg = upsertOf(plan, row);
 * ```
 */
export function upsertOf(plan: ReadPlan, row: Record<string, unknown>): UpsertMessage | undefined {
  const id = row[plan.table.primaryId];
  if (typeof id !== 'string' || id === '') return undefined;
  const modified = row[MODIFIED_ON];
  const { data, partial } = canonicalRecord(row, plan.attributes);
  return {
    kind: 'upsert',
    object: plan.table.logicalName,
    id,
    data,
    ...(typeof modified === 'string' ? { modifiedAt: toIsoDateTime(modified) } : {}),
    ...(partial ? { partial: true } : {}),
  };
}
