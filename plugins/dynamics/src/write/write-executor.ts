import { abortableDelay, backoffMs, parseJsonLossless, retryAfterMs, type WriteError, type WriteRecord, type WriteResult } from '@crm-hub/plugin-sdk';
import { detailsText, parseErrorBody, withErrorDetails, type DataverseErrorDetails } from '../errors';
import type { WebApiClient } from '../http/web-api-client';
import type { TableInfo } from '../metadata/table-info';
import { RecordError, type LookupResolver } from '../values/value-writer';
import { parseBatchResponse, writeBatch, type BatchOperation, type BatchPartResponse } from './batch-format';
import { planRecord, type WriteTarget } from './record-planner';

interface Pending {
  index: number;
  record: WriteRecord;
  op: BatchOperation;
}

/**
 * Writes records through `$batch` requests of up to `batchSize` operations (Dataverse's maximum
 * is 1,000) with `Prefer: odata.continue-on-error`, so one bad record does not stop the others,
 * and maps every answer back to its record: one {@link WriteResult} per input record, in order,
 * failures keeping Dataverse's error code and message (e.g. `0x80040217` for a missing record,
 * `0x8004431A` for a choice value outside its set, `0x80044331` for a validation failure,
 * `0x80060892` for a duplicate alternate key), with the columns the message names as `fields`.
 * A refusal of the whole `$batch` (e.g. `0x80040315`, more than 1,000 operations) throws, keeping
 * the code and the HTTP status.
 *
 * Metering: each `$batch` HTTP request counts as `batch`, and its operations as
 * `batch.operation` (n per request), because Dataverse's service protection counts every
 * operation inside a batch as a request of its own.
 *
 * Retries: the whole batch is retried by the Web API client after 429 (nothing ran), and after
 * 5xx or a dropped connection only when it holds no insert (updates, upserts and deletes are
 * idempotent; a repeated insert could duplicate). Operations that individually answered 429 or
 * 5xx (inserts only on 429) are sent again in a follow-up batch after `Retry-After`, up to
 * `maxRetries` times; what still fails is reported with `retryable: true`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 *
 * @example
 * ```ts
 * const results = await writeRecords(api, target, req.records, resolver, signal);
 * ```
 */
export async function writeRecords(
  api: WebApiClient,
  target: WriteTarget,
  records: readonly WriteRecord[],
  resolver: LookupResolver,
  signal?: AbortSignal,
): Promise<WriteResult[]> {
  const results: WriteResult[] = new Array(records.length);
  let pending: Pending[] = [];
  for (const [index, record] of records.entries()) {
    try {
      pending.push({ index, record, op: await planRecord(target, record, resolver) });
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      results[index] = failure(record.ref, error.code, error.message, false, error.fields);
    }
  }
  for (let round = 0; pending.length > 0; round++) {
    const again: Pending[] = [];
    for (let start = 0; start < pending.length; start += api.config.batchSize) {
      const chunk = pending.slice(start, start + api.config.batchSize);
      const answers = await sendBatch(api, chunk, target.operation !== 'insert', signal);
      chunk.forEach((item, i) => {
        const answer = answers[i];
        const result = answer ? toResult(target, item.record, answer) : failure(item.record.ref, 'NOT_EXECUTED', 'Dataverse did not answer this operation', true);
        if (result.error?.retryable && round < api.config.maxRetries && retrySafe(target, answer)) again.push(item);
        else results[item.index] = result;
      });
    }
    pending = again;
    // Throttled operations wait at the gate inside send(); server errors get a short backoff.
    if (pending.length > 0) await abortableDelay(backoffMs(round), signal);
  }
  return results;
}

// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors
async function sendBatch(api: WebApiClient, chunk: Pending[], idempotent: boolean, signal?: AbortSignal): Promise<BatchPartResponse[]> {
  // Each operation asks for the error details annotations itself: a batch's Prefer is not its parts'.
  const operations = chunk.map(({ op }) => ({ ...op, headers: { ...op.headers, Prefer: withErrorDetails(op.headers?.['Prefer']) } }));
  const { boundary, body } = writeBatch(api.config.webApiPath, operations);
  const res = await api.send({
    kind: 'batch',
    alsoCount: { kind: 'batch.operation', count: chunk.length },
    method: 'POST',
    url: `${api.config.webApiUrl}$batch`,
    headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, prefer: 'odata.continue-on-error' },
    body,
    idempotent,
    ...(signal ? { signal } : {}),
  });
  const answers = parseBatchResponse(res.headers.get('content-type') ?? '', res.text);
  // A part that was throttled pauses the identity like a top-level 429 would.
  for (const answer of answers) {
    if (answer.status === 429) api.gate.pauseUntil(Date.now() + retryAfterMs(answer.headers['retry-after'] ?? null, 5_000));
  }
  return answers;
}

/**
 * Whether a failed update or delete says the record itself does not exist (404, "<table> With Id =
 * … Does Not Exist") — not a missing lookup target, which names another table.
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes
 */
function recordMissing(target: WriteTarget, status: number, message: string): boolean {
  if (status !== 404 || (target.operation !== 'delete' && target.operation !== 'update')) return false;
  // "<table> With Id = … Does Not Exist" (Web API) or "Entity '<table>' With Id = …" (SDK messages).
  return target.operation === 'delete' || new RegExp(`\\b${target.table.logicalName}'? With Id\\b`, 'i').test(message);
}

/** An operation that failed retryably may go again: not an insert that may have run (5xx). */
function retrySafe(target: WriteTarget, answer: BatchPartResponse | undefined): boolean {
  return target.operation !== 'insert' || answer?.status === 429;
}

function toResult(target: WriteTarget, record: WriteRecord, answer: BatchPartResponse): WriteResult {
  if (answer.status >= 400) {
    const body = parseErrorBody(answer.body);
    const retryable = answer.status === 429 || answer.status >= 500;
    const message = body.message || `Dataverse answered ${answer.status}`;
    const { code: _code, message: _message, ...details } = body;
    const result = failure(record.ref, body.code ?? `HTTP_${answer.status}`, `${message}${detailsText(body)}`, retryable, columnsNamed(message, target.table), details);
    if (recordMissing(target, answer.status, message) && result.error) result.error.notFound = true;
    return result;
  }
  const primaryId = target.table.primaryId;
  const returned = answer.body ? idIn(answer.body, primaryId) : undefined;
  const id = returned ?? record.id ?? guidOf(answer.headers['odata-entityid']) ?? stringOf(record.data?.[primaryId]);
  switch (target.operation) {
    case 'insert':
      return { ref: record.ref, ok: true, ...(id ? { id } : {}), created: true };
    case 'upsert':
      return { ref: record.ref, ok: true, ...(id ? { id } : {}), ...(answer.status === 201 ? { created: true } : answer.status === 200 ? { created: false } : {}) };
    case 'update':
      return { ref: record.ref, ok: true, ...(id ? { id } : {}), created: false };
    default:
      return { ref: record.ref, ok: true, ...(id ? { id } : {}) };
  }
}

/**
 * The columns of the table a Dataverse refusal names in quotes — `The value 7 of 'new_plan' on
 * record of type …` (0x8004431A), `The length of the 'subject' attribute …` (0x80044331) — so the
 * result's `fields` point at them. Quoted words that are not columns (the table's name) are left out.
 */
function columnsNamed(message: string, table: TableInfo): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/'([a-z_][a-z0-9_]*)'/g)) {
    const name = match[1] as string;
    if (name !== table.logicalName && table.attributes.has(name)) names.add(name);
  }
  return [...names];
}

/**
 * A record's failure as the SDK's `WriteError`, keeping Dataverse's details (SubErrorCode,
 * HelpLink…) as extra properties beside it and, for hosts that keep only the message, in it.
 */
export type DataverseWriteError = WriteError & DataverseErrorDetails;

function failure(ref: string, code: string, message: string, retryable: boolean, fields?: string[], details: DataverseErrorDetails = {}): WriteResult {
  const error: DataverseWriteError = { code, message, retryable, ...(fields?.length ? { fields } : {}), ...details };
  return { ref, ok: false, error };
}

function idIn(body: string, primaryId: string): string | undefined {
  try {
    return stringOf((parseJsonLossless(body) as Record<string, unknown>)[primaryId]);
  } catch {
    return undefined;
  }
}

/** The GUID of an `OData-EntityId` such as `…/contacts(00000000-…)` (not of key-form links). */
function guidOf(entityId: string | undefined): string | undefined {
  return entityId ? /\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)$/i.exec(entityId)?.[1]?.toLowerCase() : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
