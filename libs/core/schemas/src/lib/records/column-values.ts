import type { HubColumnType, SqlDialect } from '@crm-hub/persistence';
import { toDecimalString, toIsoDate, toIsoDateTime, toIsoTime, type CanonicalType } from '@crm-hub/plugin-sdk';

/** How a value is converted on its way into a column (the reference product's conversions). */
export type FieldConversion = 'default' | 'date-only' | 'no-tz-shift' | 'raw';

/** A mapped field with everything needed to store its values. */
export interface ColumnTarget {
  field: string;
  column: string;
  type: HubColumnType;
  canonicalType: CanonicalType;
  conversion: FieldConversion;
}

/** A value ready for its column, or why it cannot be stored (the record's other values still are). */
export type ColumnValue = { ok: true; value: unknown } | { ok: false; code: string; reason: string };

const refused = (code: string, reason: string): ColumnValue => ({ ok: false, code, reason });

/**
 * Turns a canonical value (as plugins send it) into what the column stores, after the mapping's
 * conversion. Never rounds, never truncates: a value that does not fit (too long, too many digits,
 * not a date…) is refused with a reason, and becomes a reject.
 *
 * - `default`: the canonical value (instants as UTC).
 * - `date-only`: the calendar date of an instant in `timeZone` (midnight UTC of it in a timestamp column).
 * - `no-tz-shift`: the wall-clock time of an instant in `timeZone`, stored as if it were UTC, for
 *   readers that ignore time zones.
 * - `raw`: the value as text, unconverted (text and JSON columns only: checked when the job is saved).
 */
export function toColumnValue(value: unknown, target: ColumnTarget, dialect: SqlDialect, timeZone: string): ColumnValue {
  if (value === null || value === undefined) return { ok: true, value: null };
  try {
    if (target.conversion === 'raw') return text(typeof value === 'string' ? value : JSON.stringify(value), target.type);
    const converted = applyConversion(value, target, timeZone);
    return store(converted, target.type, dialect);
  } catch (error) {
    return refused('INVALID_VALUE', (error as Error).message);
  }
}

function applyConversion(value: unknown, target: ColumnTarget, timeZone: string): unknown {
  if (target.canonicalType !== 'datetime' || target.conversion === 'default') return value;
  const instant = new Date(toIsoDateTime(value as string));
  const wall = wallClock(instant, timeZone);
  if (target.conversion === 'date-only') return wall.slice(0, 10) + 'T00:00:00.000Z';
  return `${wall}Z`; // no-tz-shift
}

/** `YYYY-MM-DDTHH:mm:ss.sss` of an instant as a clock in `timeZone` shows it. */
export function wallClock(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const ms = String(instant.getUTCMilliseconds()).padStart(3, '0');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}.${ms}`;
}

function store(value: unknown, type: HubColumnType, dialect: SqlDialect): ColumnValue {
  switch (type.kind) {
    case 'varchar':
    case 'text':
      if (typeof value === 'object') return refused('TYPE_MISMATCH', `a ${Array.isArray(value) ? 'list' : 'structured value'} does not fit a text column`);
      return text(String(value), type);
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(n)) return refused('TYPE_MISMATCH', `${JSON.stringify(value)} is not a whole number within ±2^53`);
      return { ok: true, value: n };
    }
    case 'decimal':
      return decimal(toDecimalString(value as string | number), type);
    case 'boolean':
      if (typeof value !== 'boolean') return refused('TYPE_MISMATCH', `${JSON.stringify(value)} is not true or false`);
      return { ok: true, value: dialect === 'sqlite' ? (value ? 1 : 0) : value };
    case 'date':
      return { ok: true, value: toIsoDate(String(value).length > 10 ? toIsoDateTime(String(value)).slice(0, 10) : String(value)) };
    case 'timestamp':
      return { ok: true, value: toIsoDateTime(value as string) };
    case 'time':
      return { ok: true, value: toIsoTime(String(value)) };
    case 'json':
      return { ok: true, value: JSON.stringify(value) };
  }
}

function text(value: string, type: HubColumnType): ColumnValue {
  if (value.includes('\u0000')) return refused('INVALID_VALUE', 'the text holds a NUL character, which databases cannot store');
  // UTF-16 units never undercount characters: only a value longer in units needs counting.
  if (type.kind === 'varchar' && value.length > type.length) {
    const length = [...value].length;
    if (length > type.length) return refused('VALUE_TOO_LONG', `${length} characters, the column holds ${type.length}`);
  }
  return { ok: true, value };
}

/** Checks a canonical decimal (`-?\d+(\.\d+)?`) against the column's precision and scale, counting in place. */
function decimal(value: string, type: Extract<HubColumnType, { kind: 'decimal' }>): ColumnValue {
  if (!type.precision) return { ok: true, value };
  const dot = value.indexOf('.');
  const wholeEnd = dot < 0 ? value.length : dot;
  let firstDigit = value.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  while (firstDigit < wholeEnd && value.charCodeAt(firstDigit) === 48 /* 0 */) firstDigit++;
  let fractionEnd = value.length;
  if (dot >= 0) while (fractionEnd > dot + 1 && value.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
  const significantFraction = dot < 0 ? 0 : fractionEnd - dot - 1;
  const scale = type.scale ?? 0;
  if (significantFraction > scale) {
    return refused('VALUE_OUT_OF_RANGE', `${value} has ${significantFraction} decimals, the column keeps ${scale}`);
  }
  const digits = wholeEnd - firstDigit;
  if (digits > type.precision - scale) {
    return refused('VALUE_OUT_OF_RANGE', `${value} has ${digits} digits before the point, the column holds ${type.precision - scale}`);
  }
  return { ok: true, value };
}
