/**
 * Numbers as Salesforce handles them: number, currency and percent fields are doubles ("Custom Number
 * fields are stored as Double values", help article 000221617), rounded half-up to the field's scale
 * on save, and written in API answers the way Java prints a double: `1234567.0`, `1.2345678E7`.
 */

/** Decimal digits and exponent of the shortest text that reads back as `n` (what JS and Java both print). */
function shortest(n: number): { negative: boolean; digits: string; exponent: number } {
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
  return { negative: mantissa.startsWith('-'), digits: mantissa.replace('-', '').replace('.', ''), exponent: Number(exponent) };
}

/** Java's `Double.toString`: plain between 10⁻³ and 10⁷ (always a fraction digit), else `d.dddE±n`. */
export function javaDoubleText(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const { negative, digits, exponent } = shortest(n);
  const sign = negative ? '-' : '';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, '0') : '0';
    const fraction = exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits;
    return `${sign}${whole}.${fraction || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Rounds half-up (away from zero) to `scale` decimals on the value's decimal digits, not on its binary form. */
export function roundHalfUp(n: number, scale: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const { negative, digits, exponent } = shortest(n);
  const shift = exponent - (digits.length - 1) + scale;
  let scaled: bigint;
  if (shift >= 0) scaled = BigInt(digits) * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    const value = BigInt(digits);
    scaled = value / divisor + ((value % divisor) * 2n >= divisor ? 1n : 0n);
  }
  return Number(`${negative ? '-' : ''}${scaled}e-${scale}`);
}
