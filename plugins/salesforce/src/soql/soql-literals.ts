import { toDecimalString, toIsoDate, toIsoDateTime, toIsoTime } from '@crm-hub/plugin-sdk';

/**
 * SOQL literals. Strings are single-quoted with backslash escapes (SOQL does not double quotes);
 * numbers, booleans, dates, datetimes and times are written bare — a quoted date is a string and
 * Salesforce refuses to compare it with a date field.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * A value as a quoted SOQL string: `\`, `'`, `"` and control characters escaped. Other control
 * characters are refused rather than guessed at.
 *
 * @example
 * ```ts
 * soqlString("O'Brien \\ Co"); // "'O\\'Brien \\\\ Co'"
 * ```
 */
export function soqlString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is checked
  if (/[\u0000-\u0007\u000b\u000e-\u001f]/.test(value)) throw new TypeError('SOQL string literals cannot hold control characters');
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] as string)}'`;
}

/**
 * A LIKE pattern matching `prefix` + `value` + `suffix` literally: `%` and `_` in the value are
 * escaped (`\%`, `\_`) so they match themselves, then the whole is quoted.
 *
 * @example
 * ```ts
 * soqlLikePattern('50%_off', '%', '%'); // "'%50\\%\\_off%'"
 * ```
 */
export function soqlLikePattern(value: string, prefix: '' | '%', suffix: '' | '%'): string {
  const quoted = soqlString(value).slice(1, -1).replace(/[%_]/g, (c) => `\\${c}`);
  return `'${prefix}${quoted}${suffix}'`;
}

/**
 * A dateTime literal in UTC (`2026-03-01T10:00:00Z`, milliseconds kept only when not zero).
 *
 * @example
 * ```ts
 * soqlDateTime('2026-03-01T12:00:00+02:00'); // '2026-03-01T10:00:00Z'
 * soqlDateTime(Date.UTC(2026, 2, 1, 10, 0, 0, 250)); // '2026-03-01T10:00:00.250Z'
 * ```
 */
export function soqlDateTime(value: string | number | Date): string {
  return toIsoDateTime(value).replace(/\.000Z$/, 'Z');
}

/**
 * A date literal `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * soqlDate('2026-02-28'); // '2026-02-28'
 * ```
 */
export function soqlDate(value: string): string {
  return toIsoDate(value);
}

/**
 * A time literal `HH:mm:ss.sssZ`.
 *
 * @example
 * ```ts
 * soqlTime('09:30'); // '09:30:00.000Z'
 * ```
 */
export function soqlTime(value: string): string {
  return `${toIsoTime(value)}Z`;
}

/**
 * An exact number literal (no exponent, no float rounding).
 *
 * @example
 * ```ts
 * soqlNumber('1e3'); // '1000'
 * soqlNumber(12.5);  // '12.5'
 * ```
 */
export function soqlNumber(value: string | number): string {
  return toDecimalString(value);
}
