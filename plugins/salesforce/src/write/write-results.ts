import type { WriteResult } from '@crm-hub/plugin-sdk';

/**
 * Per-record codes worth retrying as they are: lock contention and timeouts pass by themselves.
 * Validation (`FIELD_CUSTOM_VALIDATION_EXCEPTION`), duplicates (`DUPLICATE_VALUE`,
 * `DUPLICATES_DETECTED`), restricted picklists (`INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST`),
 * missing required fields and deleted targets (`ENTITY_IS_DELETED`) need a changed record.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#i1421192
 */
const RETRYABLE_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
]);

/**
 * Whether a Salesforce per-record status code may succeed when retried unchanged.
 *
 * @example
 * ```ts
 * isRetryableCode('UNABLE_TO_LOCK_ROW'); // true
 * isRetryableCode('REQUIRED_FIELD_MISSING'); // false
 * ```
 */
export function isRetryableCode(code: string): boolean {
  return RETRYABLE_CODES.has(code);
}

/**
 * One row of an sObject Collections answer (in request order).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 *
 * @example
 * ```ts
 * const row: CollectionResult = { id: null, success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: '…', fields: ['LastName'] }] };
 * ```
 */
export interface CollectionResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors?: { statusCode?: string; message?: string; fields?: string[] }[];
}

/**
 * A failed result (code = Salesforce's `statusCode`, retryable per {@link isRetryableCode} unless
 * said otherwise).
 *
 * @example
 * ```ts
 * failure('r1', 'DUPLICATE_VALUE', 'duplicate value found: External_Id__c', ['External_Id__c']);
 * ```
 */
export function failure(ref: string, code: string, message: string, fields: string[] = [], retryable = isRetryableCode(code)): WriteResult {
  return { ref, ok: false, error: { code, message, ...(fields.length ? { fields } : {}), retryable, ...(NOT_FOUND_CODES.has(code) ? { notFound: true } : {}) } };
}

/**
 * Per-record codes meaning the record is not there: deleted (to the recycle bin or for good), or
 * an id Salesforce does not know (`INVALID_CROSS_REFERENCE_KEY` on an update or delete by id).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#i1421192
 */
const NOT_FOUND_CODES = new Set(['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND']);

/**
 * A collections row as a `WriteResult`: success with id (and `created` for inserts and upserts),
 * or the first error's `statusCode` with all messages and fields.
 *
 * @example
 * ```ts
 * fromCollectionResult('r1', { id: '003…', success: true }, 'insert'); // { ref: 'r1', ok: true, id: '003…', created: true }
 * ```
 */
export function fromCollectionResult(ref: string, row: CollectionResult, operation: 'insert' | 'update' | 'upsert' | 'delete', id?: string): WriteResult {
  if (row.success) {
    const created = operation === 'insert' ? true : operation === 'upsert' ? row.created === true : undefined;
    const resultId = row.id ?? id;
    return { ref, ok: true, ...(resultId ? { id: resultId } : {}), ...(created !== undefined ? { created } : {}) };
  }
  const errors = row.errors ?? [];
  const code = errors[0]?.statusCode ?? 'UNKNOWN_EXCEPTION';
  const message = errors.map((e) => e.message ?? e.statusCode).join('; ') || 'Salesforce rejected the record without a message';
  const fields = [...new Set(errors.flatMap((e) => e.fields ?? []))];
  return failure(ref, code, message, fields);
}

/**
 * Splits a Bulk API 2.0 `sf__Error` cell — `STATUS_CODE:message:field1,field2 --` — into code,
 * message and fields; anything else is kept whole as the message.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm
 *
 * @example
 * ```ts
 * parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --');
 * // { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }
 * ```
 */
export function parseBulkError(cell: string): { code: string; message: string; fields: string[] } {
  const trimmed = cell.replace(/\s*--\s*$/, '').trim();
  const m = /^([A-Z][A-Z0-9_]*):(.*)$/s.exec(trimmed);
  if (!m) return { code: 'UNKNOWN_EXCEPTION', message: trimmed || 'no reason given', fields: [] };
  let message = (m[2] as string).trim();
  let fields: string[] = [];
  const last = message.lastIndexOf(':');
  if (last >= 0 && /^[A-Za-z0-9_, ]*$/.test(message.slice(last + 1))) {
    fields = message
      .slice(last + 1)
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    message = message.slice(0, last).trim();
  }
  return { code: m[1] as string, message: message || (m[1] as string), fields };
}
