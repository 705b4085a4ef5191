import { toIsoDateTime, type ServerClock, type StatusMessage, type SyncMessage, type UpsertMessage } from '@crm-hub/plugin-sdk';
import type { ODataPage, ODataQueryClient, QueryCallOptions } from '../http/odata-query-client';
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

/**
 * Rows of a page handed on at a time: the host's batch (500 messages), so that each part is
 * parsed, converted and sent in one step, and a page's records never all live at once.
 */
export const PART_ROWS = 500;

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

/**
 * The page after the one being read, asked for once: as soon as the consumer wants more of the
 * current page than its first part (so it arrives while the consumer takes the rest, one page
 * ahead as a paced read allows), or when the current page is done. A consumer that stops after
 * a page's first part has cost one request, as with whole pages. A failure waits for the `take`
 * that would have the page, and is not reported as unhandled when the read stops before.
 *
 * @example
 * ```ts
 * const next = page.nextLink ? new NextPage(() => services.odata.follow(link, options)) : undefined;
 * ```
 */
export class NextPage {
  private fetching: Promise<ODataPage> | undefined;

  constructor(private readonly fetch: () => Promise<ODataPage>) {}

  start(): void {
    if (this.fetching) return;
    this.fetching = this.fetch();
    this.fetching.catch(() => undefined);
  }

  take(): Promise<ODataPage> {
    this.start();
    return this.fetching as Promise<ODataPage>;
  }
}

/**
 * The {@link NextPage} behind `page`'s next link, fetched with `options`; none on the last page.
 *
 * @example
 * ```ts
 * const following = nextPageOf(services, page, callOptions(plan, 'nextLink', statuses, signal));
 * ```
 */
export function nextPageOf(services: ReadServices, page: ODataPage, options: QueryCallOptions): NextPage | undefined {
  const link = page.nextLink;
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
  return link ? new NextPage(() => services.odata.follow(link, options)) : undefined;
}

/**
 * Yields the messages of each part of `page` but the last (parsed and converted only when the
 * consumer asks for them; parts that give no message are skipped), and returns the last part's,
 * which the reader sends with the page's checkpoint. Once the consumer asks for more than the
 * first part, `next` is started.
 *
 * @example
 * ```ts
 * const last = yield* leadingParts(page, (rows) => upserts(rows), statuses, next);
 * yield statuses.before([...last, checkpoint]);
 * ```
 */
export function* leadingParts(
  page: ODataPage,
  convert: (rows: Record<string, unknown>[]) => SyncMessage[],
  statuses: PendingStatuses,
  next: NextPage | undefined,
): Generator<SyncMessage[], SyncMessage[]> {
  const lastFrom = Math.max(0, Math.ceil(page.rowCount / PART_ROWS) - 1) * PART_ROWS;
  for (let from = 0; from < lastFrom; from += PART_ROWS) {
    const messages = convert(page.rowsIn(from, from + PART_ROWS));
    if (messages.length === 0) continue;
    yield statuses.before(messages);
    next?.start();
  }
  return convert(page.rowsIn(lastFrom, page.rowCount));
}
