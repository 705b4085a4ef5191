import { isDeepStrictEqual } from 'node:util';
import { toDecimalString, toIsoDate, toIsoDateTime, toIsoTime, type CrmField } from '@crm-hub/plugin-sdk';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{2}:\d{2}:\d{2}\.\d{3}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when `convert(value)` gives `value` back: the value already is in the SDK's canonical form. */
function isFixedPoint(value: string, convert: (v: string) => string): boolean {
  try {
    return convert(value) === value;
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a datetime string is canonical (ISO 8601 UTC with milliseconds, `…T10:00:00.000Z`).
 *
 * @example
 * ```ts
 * isCanonicalDateTime('2026-01-01T10:00:00.000Z'); // true
 * isCanonicalDateTime('2026-01-01T10:00:00Z');     // false
 * ```
 */
export function isCanonicalDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATETIME.test(value) && isFixedPoint(value, toIsoDateTime);
}

/**
 * What is wrong with a record value for its field's canonical type (see the contract's table),
 * or `undefined` when it is canonical. `null` (read as empty) is canonical for every type.
 *
 * @example
 * ```ts
 * canonicalProblem({ ...field, type: 'currency' }, 12.5); // 'a number; currency values are exact decimal strings such as "12.50"'
 * canonicalProblem({ ...field, type: 'currency' }, '12.50'); // undefined
 * ```
 */
export function canonicalProblem(field: CrmField, value: unknown): string | undefined {
  if (value === null) return undefined;
  if (value === undefined) return 'undefined; a field read as empty must be null';
  const got = Array.isArray(value) ? 'an array' : typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
  switch (field.type) {
    case 'id':
    case 'string':
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
    case 'reference':
    case 'enum':
      return typeof value === 'string' ? undefined : `${got}; ${field.type} values are strings`;
    case 'multi-enum':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : `${got}; multi-enum values are arrays of strings (not "a;b" or "1,9")`;
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : `${got}; integer values are safe integer numbers`;
    case 'decimal':
    case 'currency':
    case 'percent':
      return typeof value === 'string' && /^-?\d/.test(value) && isFixedPoint(value, toDecimalString)
        ? undefined
        : `${got}; ${field.type} values are exact decimal strings such as "12.50"`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${got}; boolean values are booleans`;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && isFixedPoint(value, toIsoDate)
        ? undefined
        : `${got}; date values are "YYYY-MM-DD"`;
    case 'datetime':
      return isCanonicalDateTime(value) ? undefined : `${got}; datetime values are ISO 8601 UTC "YYYY-MM-DDTHH:mm:ss.sssZ"`;
    case 'time':
      return typeof value === 'string' && ISO_TIME.test(value) && isFixedPoint(value, toIsoTime)
        ? undefined
        : `${got}; time values are "HH:mm:ss.sss"`;
    case 'address':
      return isPlainObject(value) ? undefined : `${got}; address values are objects of their components`;
    case 'json':
      return isJsonValue(value) ? undefined : `${got}; json values must survive JSON.stringify/parse unchanged`;
    case 'binary':
      return typeof value === 'string' && BASE64.test(value) ? undefined : `${got}; binary values are base64 strings`;
    default:
      return `a value of the non-canonical type ${JSON.stringify(field.type)}`;
  }
}

function isJsonValue(value: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value);
  } catch {
    return false;
  }
}

/**
 * What is wrong with a checkpoint (it must be a flat object of strings, finite numbers, booleans
 * and nulls, unchanged by a JSON round trip), or `undefined` when it is fine.
 *
 * @example
 * ```ts
 * checkpointProblem({ modstamp: '2026-01-01T10:00:00.000Z', lastId: '003xx' }); // undefined
 * checkpointProblem({ cursor: { page: 2 } }); // "its value 'cursor' is an object; …"
 * ```
 */
export function checkpointProblem(checkpoint: unknown): string | undefined {
  if (!isPlainObject(checkpoint)) return `it is ${Array.isArray(checkpoint) ? 'an array' : String(checkpoint)}, not a flat object`;
  if (Object.getPrototypeOf(checkpoint) !== Object.prototype && Object.getPrototypeOf(checkpoint) !== null) {
    return 'it is a class instance, not a plain object';
  }
  for (const [key, value] of Object.entries(checkpoint)) {
    const ok =
      value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      return `its value '${key}' is ${Array.isArray(value) ? 'an array' : typeof value}; checkpoint values are strings, finite numbers, booleans or null`;
    }
  }
  return isJsonValue(checkpoint) ? undefined : 'it does not survive a JSON round trip';
}
