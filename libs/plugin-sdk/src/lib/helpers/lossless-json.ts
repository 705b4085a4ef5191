/**
 * Parses JSON like `JSON.parse`, except that every number a JavaScript float cannot hold exactly
 * comes back as its source text: numbers with a fraction or an exponent, and integers beyond
 * `Number.MAX_SAFE_INTEGER` (`12.50` → `'12.50'`, `1.0E7` → `'1.0E7'`). Safe integers stay numbers.
 * CRMs send money and decimals as JSON numbers; `JSON.parse` would round
 * `12345678901234.5678`. Turn the text into a canonical decimal with `toDecimalString`.
 *
 * Unsafe literals are quoted in one pass over the text, then the native parser runs: as strict as
 * `JSON.parse` (same `SyntaxError`s) and nearly as fast.
 *
 * @example
 * ```ts
 * parseJsonLossless('{"revenue": 12345678901234.5678, "n": 3}'); // { revenue: '12345678901234.5678', n: 3 }
 * ```
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteUnsafeNumbers(text));
}

/** Rewrites unsafe number literals (outside strings) as JSON strings of their text. */
function quoteUnsafeNumbers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let integer = true;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (!isNumberChar(d)) break;
        if (isFractionOrExponent(d)) integer = false;
      }
      // Most literals are short integers, always safe: no copy, no regular expression (~12 % of the
      // time of parsing 100 Dataverse-shaped rows). A malformed one (`01`) is left for JSON.parse as below.
      if (integer && i - start <= MAX_ALWAYS_SAFE_INTEGER_LENGTH) continue;
      const literal = text.slice(start, i);
      // A malformed literal (`01`, `1.`) is left as it is, for JSON.parse to refuse.
      if (NUMBER.test(literal) && !isSafeIntegerLiteral(literal)) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The index after the string opening at `start`: the next quote not escaped (an even run of backslashes before it). */
function skipString(text: string, start: number): number {
  // indexOf scans natively: strings are most of a CRM page's text.
  for (let from = start + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function isNumberChar(c: number): boolean {
  // digits . e E + -
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

function isFractionOrExponent(c: number): boolean {
  return c === 0x2e || c === 0x65 || c === 0x45; // . e E
}

/** Characters of an integer literal (sign included) that is always within ±2^53: 15 digits at most. */
const MAX_ALWAYS_SAFE_INTEGER_LENGTH = 15;

function isSafeIntegerLiteral(literal: string): boolean {
  return /^-?(0|[1-9]\d*)$/.test(literal) && Number.isSafeInteger(Number(literal));
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * An exact number to be written as a bare JSON number, digit for digit, by {@link stringifyJsonLossless}.
 *
 * @example
 * ```ts
 * stringifyJsonLossless({ Amount: new JsonNumber('12.50') }); // '{"Amount":12.50}'
 * ```
 */
export class JsonNumber {
  constructor(readonly text: string) {
    if (!NUMBER.test(text)) throw new TypeError(`Not a JSON number: ${JSON.stringify(text)}`);
  }
}

/**
 * `JSON.stringify` that writes {@link JsonNumber} values as bare numbers, digit for digit.
 *
 * @example
 * ```ts
 * stringifyJsonLossless([{ n: new JsonNumber('1234567890123456.78') }]); // '[{"n":1234567890123456.78}]'
 * ```
 */
export function stringifyJsonLossless(value: unknown): string {
  // A private-use character plus a random nonce: JSON.stringify leaves it unescaped, and no real
  // string value can be mistaken for it.
  const marker = `\uE000${globalThis.crypto.randomUUID()}`;
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof JsonNumber ? `${marker}${v.text}${marker}` : v));
  return text.split(`"${marker}`).map((part, i) => (i === 0 ? part : part.replace(`${marker}"`, ''))).join('');
}
