import { toIsoDateTime, type StatusMessage, type UpsertMessage } from '@crm-hub/plugin-sdk';
import type { ODataQueryClient, QueryCallOptions } from '../http/odata-query-client';
import type { ServerClock } from '../http/server-clock';
import { MODIFIED_ON, type AttributeInfo, type TableInfo } from '../metadata/table-info';
import { canonicalRecord } from '../values/value-reader';
import type { Emit } from './message-stream';

/**
 * Everything one read of one table needs, decided before the first request: the columns
 * (requested ones plus the primary id and `modifiedon`), the pushed-down `$filter`, the page size
 * and what to do with deletes.
 */
export interface ReadPlan {
  table: TableInfo;
  /** The columns emitted in `data` (requested + id + modifiedon). */
  attributes: AttributeInfo[];
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
 * Per-request options of a read: metered as `kind`, `Prefer` with the page size (and
 * change tracking when asked), cancellable, and turning a 429 pause into a `status` message with
 * `retryAt`, so the host can show why the run is waiting.
 */
export function callOptions(
  plan: ReadPlan,
  kind: string,
  emit: Emit,
  signal: AbortSignal,
  trackChanges = false,
): QueryCallOptions {
  return {
    kind,
    prefer: [...(trackChanges ? ['odata.track-changes'] : []), `odata.maxpagesize=${plan.pageSize}`],
    signal,
    onThrottle: (retryAt) => {
      emit(throttled(plan.table.logicalName, retryAt));
    },
  };
}

/**
 * A `status` message telling that Dataverse's service protection paused the read.
 *
 * @example
 * ```ts
 * emit(throttled('contact', new Date(Date.now() + 5000)));
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
 * The upsert message of one row, or `undefined` for a row without its primary id.
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
  return {
    kind: 'upsert',
    object: plan.table.logicalName,
    id,
    data: canonicalRecord(row, plan.attributes),
    ...(typeof modified === 'string' ? { modifiedAt: toIsoDateTime(modified) } : {}),
  };
}
