import type { FieldDescribe } from '../schema/describe-types';
import { floorToSecond, parseDate, parseDateTime, parseTime } from '../util/sf-dates';
import { roundHalfUp } from '../util/sf-numbers';
import type { FieldValue } from './row-types';

/** A value that does not fit the field's type. */
export class CoercionError extends Error {}

const TEXT = new Set(['string', 'textarea', 'picklist', 'combobox', 'email', 'phone', 'url', 'encryptedstring', 'id', 'reference']);

/**
 * Turns a value sent by a client (JSON value, or CSV text with `#N/A` meaning null) into the stored
 * form. Text fields store '' as null, numbers are rounded to the field's scale as Salesforce saves
 * them, datetimes keep whole seconds.
 */
export function coerceValue(field: FieldDescribe, value: unknown): FieldValue {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : null;
  if (TEXT.has(field.type)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw mismatch(field, value);
    const text = String(value);
    return text === '' ? null : text;
  }
  switch (field.type) {
    case 'multipicklist': {
      if (typeof value !== 'string') throw mismatch(field, value);
      const parts = [...new Set(value.split(';').map((v) => v.trim()).filter(Boolean))];
      return parts.length ? parts.join(';') : null;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      if (value === '1' || value === '0') return value === '1';
      throw mismatch(field, value);
    case 'int': {
      const n = toNumber(field, value);
      if (!Number.isInteger(n)) throw mismatch(field, value);
      return n;
    }
    case 'double':
    case 'currency':
    case 'percent': {
      return roundHalfUp(toNumber(field, value), field.scale);
    }
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : undefined;
      if (date === undefined) throw mismatch(field, value);
      return date;
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (ms === undefined) throw mismatch(field, value);
      return floorToSecond(ms);
    }
    case 'time': {
      const time = typeof value === 'string' ? parseTime(value) : undefined;
      if (time === undefined) throw mismatch(field, value);
      return time;
    }
    default:
      throw mismatch(field, value);
  }
}

function toNumber(field: FieldDescribe, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw mismatch(field, value);
  return n;
}

function mismatch(field: FieldDescribe, value: unknown): CoercionError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new CoercionError(`Cannot deserialize instance of ${field.soapType.replace(/^\w+:/, '')} from ${tokenName(value)} value ${shown} or request may be missing a required field`);
}

function tokenName(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT';
}
