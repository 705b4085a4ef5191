/**
 * A value that cannot be turned into its canonical form; the message names the value and the form.
 *
 * @example
 * ```ts
 * try { toIsoDate('31/12/2026'); } catch (e) { if (e instanceof CanonicalValueError) log.warn(e.message); }
 * ```
 */
export class CanonicalValueError extends TypeError {
  constructor(expected: string, value: unknown) {
    super(`Cannot convert ${describe(value)} to ${expected}`);
    this.name = 'CanonicalValueError';
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * An exact decimal as a string (canonical form of `decimal`, `currency`, `percent`): no float
 * rounding, no exponent. Strings keep their digits (trailing zeros included); numbers use their
 * shortest exact representation.
 *
 * @example
 * ```ts
 * toDecimalString('0012.50'); // '12.50'
 * toDecimalString(1e-7);      // '0.0000001'
 * toDecimalString(12345678901234567890n); // '12345678901234567890'
 * ```
 */
export function toDecimalString(value: string | number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && isCanonicalDecimal(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new CanonicalValueError('an exact decimal', value);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  const m = text === undefined ? null : DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new CanonicalValueError('an exact decimal', value);
  const sign = m[1] === '-' ? '-' : '';
  let intPart = m[2] ?? '';
  let fracPart = m[3] ?? '';
  const exponent = Number(m[4] ?? 0);
  if (exponent > 0) {
    const moved = fracPart.slice(0, exponent).padEnd(exponent, '0');
    intPart += moved;
    fracPart = fracPart.slice(exponent);
  } else if (exponent < 0) {
    const padded = intPart.padStart(-exponent + 1, '0');
    fracPart = padded.slice(padded.length + exponent) + fracPart;
    intPart = padded.slice(0, padded.length + exponent);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  const result = fracPart ? `${intPart}.${fracPart}` : intPart;
  return sign && /[1-9]/.test(result) ? `-${result}` : result;
}

/**
 * Whether `text` is already a canonical decimal (`-?(0|[1-9]\d*)(\.\d+)?`, no `-` on zero), checked
 * in place: the common case of {@link toDecimalString}, on every decimal of every record.
 */
function isCanonicalDecimal(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = i === 1;
  let nonZero = false;
  if (text.charCodeAt(i) === 48 /* 0 */) i++;
  else {
    const start = i;
    for (; i < n && isDigitCode(text.charCodeAt(i)); i++) nonZero = true;
    if (i === start) return false;
  }
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */ || i === n - 1) return false;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isDigitCode(c)) return false;
      if (c !== 48) nonZero = true;
    }
  }
  return nonZero || !negative;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 UTC datetime with milliseconds (canonical `datetime`). Accepts a `Date`, epoch
 * milliseconds, or a string with an explicit offset (`Z`, `+02:00`, Salesforce's `+0000`);
 * a string without an offset is refused, since its instant would be a guess.
 *
 * @example
 * ```ts
 * toIsoDateTime('2026-03-01T10:00:00.000+0000'); // '2026-03-01T10:00:00.000Z'
 * toIsoDateTime('2026-03-01T12:00:00+02:00');    // '2026-03-01T10:00:00.000Z'
 * toIsoDateTime(new Date(0));                    // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toIsoDateTime(value: string | Date | number): string {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') {
    const canonical = alreadyCanonical(value);
    if (canonical !== undefined) return canonical;
    const m = DATE_TIME.exec(value.trim());
    if (!m) throw new CanonicalValueError('an ISO 8601 datetime with an offset', value);
    const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
    const ms = frac.padEnd(3, '0').slice(0, 3);
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
    if (!Number.isNaN(date.getTime()) && !sameCalendarDay(y, mo, d)) throw new CanonicalValueError('a real date', value);
  } else throw new CanonicalValueError('an ISO 8601 datetime', value);
  if (Number.isNaN(date.getTime())) throw new CanonicalValueError('an ISO 8601 datetime', value);
  return date.toISOString();
}

/**
 * The fast path of {@link toIsoDateTime}: most values are already `YYYY-MM-DDTHH:mm:ss.sssZ` (or the
 * same without milliseconds, as Dataverse sends them). Checking the characters in place (digits,
 * separators, ranges, the month's length) costs no allocation and no parse; the general path
 * ran for every datetime of every record, in the plugin and again in the hub.
 */
function alreadyCanonical(value: string): string | undefined {
  const withMs = value.length === 24;
  if ((!withMs && value.length !== 20) || value.charCodeAt(value.length - 1) !== 90 /* Z */) return undefined;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return undefined;
  if (withMs && value[19] !== '.') return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const ms = withMs ? digits(value, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return undefined;
  return withMs ? value : `${value.slice(0, 19)}.000Z`;
}

/** The number written at `value[from…from+count)`, or -1 if any of those is not a digit. */
function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `YYYY-MM-DD` of a real day, checked in place (the common case of {@link toIsoDate}). */
function isPlainDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function sameCalendarDay(y: string, mo: string, d: string): boolean {
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return probe.getUTCMonth() === Number(mo) - 1 && probe.getUTCDate() === Number(d);
}

/**
 * A calendar date `YYYY-MM-DD` (canonical `date`). A `Date` gives its UTC day; a datetime string
 * keeps its own calendar day (no time zone shift).
 *
 * @example
 * ```ts
 * toIsoDate('2026-02-28');            // '2026-02-28'
 * toIsoDate('2026-02-28T00:00:00Z');  // '2026-02-28'
 * toIsoDate('2026-02-30');            // throws CanonicalValueError
 * ```
 */
export function toIsoDate(value: string | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalValueError('a date', value);
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string' && isPlainDate(value)) return value;
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim()) : null;
  if (!m || !sameCalendarDay(m[1] as string, m[2] as string, m[3] as string)) {
    throw new CanonicalValueError('a date (YYYY-MM-DD)', value);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * A time of day `HH:mm:ss.sss` (canonical `time`). Accepts `HH:mm`, `HH:mm:ss`, fractions and
 * Salesforce's trailing `Z`.
 *
 * @example
 * ```ts
 * toIsoTime('09:30');         // '09:30:00.000'
 * toIsoTime('23:59:59.5Z');   // '23:59:59.500'
 * ```
 */
export function toIsoTime(value: string): string {
  const m = typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?Z?$/i.exec(value.trim()) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
    throw new CanonicalValueError('a time (HH:mm:ss.sss)', value);
  }
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '').padEnd(3, '0').slice(0, 3)}`;
}

/**
 * A safe integer (canonical `integer`) from a number or a numeric string.
 *
 * @example
 * ```ts
 * toInteger('42'); // 42
 * toInteger(4.2);  // throws CanonicalValueError
 * ```
 */
export function toInteger(value: string | number): number {
  const n = typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new CanonicalValueError('a safe integer', value);
  return n;
}

/**
 * A boolean (canonical `boolean`) from a boolean or the strings `true`/`false` (any case).
 *
 * @example
 * ```ts
 * toBoolean('TRUE'); // true
 * ```
 */
export function toBoolean(value: boolean | string): boolean {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new CanonicalValueError('a boolean', value);
}

/**
 * Splits a CRM multi-select value into the canonical `multi-enum` array (Salesforce: `;`,
 * Dataverse: `,`). Empty and missing values give `[]`; blanks around items are dropped.
 *
 * @example
 * ```ts
 * parseMultiEnum('Gold;Silver', ';'); // ['Gold', 'Silver']
 * parseMultiEnum('1, 9', ',');        // ['1', '9']
 * parseMultiEnum(null, ';');          // []
 * ```
 */
export function parseMultiEnum(value: string | readonly string[] | null | undefined, separator: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') throw new CanonicalValueError('a multi-select value', value);
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Joins a canonical `multi-enum` array into the CRM's form; refuses an item holding the separator.
 *
 * @example
 * ```ts
 * formatMultiEnum(['Gold', 'Silver'], ';'); // 'Gold;Silver'
 * formatMultiEnum(['1', '9'], ',');         // '1,9'
 * ```
 */
export function formatMultiEnum(values: readonly string[], separator: string): string {
  for (const item of values) {
    if (typeof item !== 'string' || item.includes(separator)) {
      throw new CanonicalValueError(`a multi-select item without '${separator}'`, item);
    }
  }
  return values.join(separator);
}

/**
 * The canonical value of a polymorphic reference (a `reference` field with several
 * `referenceTo` targets): `"<target>:<id>"`, so the target of each value is never lost.
 *
 * @example
 * ```ts
 * formatReference('systemuser', '3f2c…'); // 'systemuser:3f2c…'
 * ```
 */
export function formatReference(target: string, id: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) throw new CanonicalValueError('a reference target name', target);
  if (typeof id !== 'string' || id === '') throw new CanonicalValueError('a record id', id);
  return `${target}:${id}`;
}

/**
 * Splits a reference value into its target and id: `"<target>:<id>"` → both; a bare id (a
 * single-target reference) → the id alone.
 *
 * @example
 * ```ts
 * parseReference('team:9a1e…');    // { target: 'team', id: '9a1e…' }
 * parseReference('0015g00000XyZ'); // { id: '0015g00000XyZ' }
 * ```
 */
export function parseReference(value: string): { target?: string; id: string } {
  if (typeof value !== 'string' || value === '') throw new CanonicalValueError('a reference', value);
  const match = /^([A-Za-z_][A-Za-z0-9_]*):(.+)$/.exec(value);
  return match ? { target: match[1] as string, id: match[2] as string } : { id: value };
}
