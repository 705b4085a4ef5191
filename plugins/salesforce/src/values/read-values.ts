import {
  CanonicalValueError,
  parseMultiEnum,
  toBoolean,
  toDecimalString,
  toInteger,
  toIsoDate,
  toIsoDateTime,
  toIsoTime,
  type CanonicalType,
} from '@crm-hub/plugin-sdk';

/**
 * A Salesforce value (from REST JSON parsed losslessly, or a Bulk CSV cell) in canonical form for
 * its field's type. `null`, `undefined` and (Bulk CSV has no null) `''` are `null`.
 *
 * - decimals stay exact (the lossless parser hands them over as their JSON source text, Java
 *   exponent forms such as `1.2345678E7` or `1.0E-4` included; Bulk CSV cells likewise) and are
 *   written with the field's scale, as Salesforce stores them: REST JSON sends `19.9`, `316.0`
 *   or `1.2345678E7`, Bulk CSV `19.90`, `316` or `12345678`, and one record must not look changed
 *   because of the way it was read;
 * - datetimes `2026-03-01T10:00:00.000+0000` become `2026-03-01T10:00:00.000Z`;
 * - multi-select `a;b` becomes `['a', 'b']`;
 * - `json` values (geolocation, anyType) pass through.
 *
 * @example
 * ```ts
 * toCanonical('currency', '12345678901234567.8', 2); // '12345678901234567.80'
 * toCanonical('decimal', '316.0', 0);                 // '316'
 * toCanonical('currency', '1.2345678E7', 2);          // '12345678.00'
 * toCanonical('multi-enum', 'Email;Phone');        // ['Email', 'Phone']
 * toCanonical('datetime', '2026-03-01T10:00:00.000+0000'); // '2026-03-01T10:00:00.000Z'
 * ```
 */
export function toCanonical(type: CanonicalType, value: unknown, scale?: number): unknown {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'integer':
      return toInteger(value as string | number);
    case 'decimal':
    case 'currency':
    case 'percent': {
      const exact = toDecimalString(value as string | number);
      return scale === undefined ? exact : atScale(exact, scale);
    }
    case 'boolean':
      return toBoolean(value as string | boolean);
    case 'date':
      return toIsoDate(value as string);
    case 'datetime':
      return toIsoDateTime(value as string);
    case 'time':
      return toIsoTime(value as string);
    case 'multi-enum':
      return parseMultiEnum(value as string, ';');
    case 'json':
    case 'address':
      return value;
    default:
      if (typeof value !== 'string') throw new CanonicalValueError(`a ${type} string`, value);
      return value;
  }
}

/**
 * An exact decimal string with exactly `scale` fraction digits: zeros added, or trailing zeros
 * dropped — never a non-zero digit (a value with more digits than the scale is kept whole).
 *
 * @example
 * ```ts
 * atScale('19.9', 2);   // '19.90'
 * atScale('316.0', 0);  // '316'
 * atScale('1.005', 2);  // '1.005'
 * ```
 */
export function atScale(decimal: string, scale: number): string {
  const [whole, fraction = ''] = decimal.split('.') as [string, string?];
  const extra = fraction.slice(scale);
  if (/[1-9]/.test(extra)) return decimal;
  const digits = fraction.slice(0, scale).padEnd(scale, '0');
  return digits ? `${whole}.${digits}` : whole;
}
