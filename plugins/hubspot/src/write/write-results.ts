import type { WriteError, WriteResult } from '@crm-hub/plugin-sdk';
import type { HubSpotErrorBody } from '../http/errors';

/** Categories of a refused batch that name the record's values: splitting the batch isolates the culprit. */
const RECORD_CATEGORIES = new Set(['VALIDATION_ERROR', 'CONFLICT']);

/**
 * Whether a refused batch was refused for some record's values (an invalid property value, a
 * missing required property, a duplicate unique value) rather than for the request itself (a
 * bad `idProperty`, duplicate ids): only then is splitting it worth its calls.
 *
 * @example
 * ```ts
 * if (isRecordLevel(error.body)) await bisect(batch);
 * ```
 */
export function isRecordLevel(body: HubSpotErrorBody): boolean {
  if (!RECORD_CATEGORIES.has(body.category ?? '')) return false;
  return (body.errors ?? []).some((e) => (e.context?.['propertyName']?.length ?? 0) > 0) || /Property values were not valid|already exists/.test(body.message ?? '');
}

/**
 * The per-record error of a refused write: HubSpot's detail code when it gave one
 * (`INVALID_OPTION`, `PROPERTY_DOESNT_EXIST`, `REQUIRED_PROPERTY`…), else its category
 * (`VALIDATION_ERROR`, `CONFLICT`); the properties it names; never retryable (the same values
 * fail again).
 *
 * @example
 * ```ts
 * errorOf({ category: 'VALIDATION_ERROR', message: '…', errors: [{ code: 'INVALID_OPTION', context: { propertyName: ['plan'] } }] });
 * // { code: 'INVALID_OPTION', message: '…', fields: ['plan'], retryable: false }
 * ```
 */
export function errorOf(body: HubSpotErrorBody): WriteError {
  const details = body.errors ?? [];
  const fields = [...new Set(details.flatMap((e) => e.context?.['propertyName'] ?? []))];
  const code = details.find((e) => e.code)?.code ?? body.category ?? 'HUBSPOT_ERROR';
  const message = details.map((e) => e.message).filter(Boolean).join('; ') || body.message || code;
  return { code, message, ...(fields.length ? { fields } : {}), retryable: false };
}

/**
 * The result of a record HubSpot did not find (a 207's `OBJECT_NOT_FOUND`, or absent from a batch read).
 *
 * @example
 * ```ts
 * notFound('row-2', '9001');
 * ```
 */
export function notFound(ref: string, id: string): WriteResult {
  return {
    ref,
    ok: false,
    error: { code: 'OBJECT_NOT_FOUND', message: `HubSpot has no record ${id}: it was deleted or never existed`, retryable: false, notFound: true },
  };
}

/** A record refused before any call (a value that is not what its field takes, no key for an upsert). */
export function refusedLocally(ref: string, code: string, message: string, fields?: string[]): WriteResult {
  return { ref, ok: false, error: { code, message, ...(fields ? { fields } : {}), retryable: false } };
}
