/**
 * Parses JSON keeping every number that a JS float cannot hold exactly as the digits the server
 * sent: numbers with a fraction or an exponent, and integers beyond `Number.MAX_SAFE_INTEGER`,
 * become strings of their literal text (`5000000.0000` → `"5000000.0000"`). Safe integers stay
 * numbers. Dataverse sends money and decimals as JSON numbers with their full scale, and
 * `JSON.parse` would round `12345678901234.5678`; the value converters then read the literal
 * through the SDK's `toDecimalString`.
 *
 * @example
 * ```ts
 * parseLosslessJson('{"revenue": 12345678901234.5678, "n": 3}'); // { revenue: '12345678901234.5678', n: 3 }
 * ```
 */
export function parseLosslessJson(text: string): unknown {
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
      i++;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const literal = text.slice(start, i);
      if (!isSafeIntegerLiteral(literal)) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function isNumberChar(c: number): boolean {
  // digits . e E + -
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

function isSafeIntegerLiteral(literal: string): boolean {
  return /^-?\d+$/.test(literal) && Number.isSafeInteger(Number(literal));
}

/**
 * Serialises a JSON body in which some numbers must go out exactly as written (decimals and
 * money from canonical strings): wrap those with {@link rawNumber}.
 *
 * @example
 * ```ts
 * stringifyWithRawNumbers({ revenue: rawNumber('12345678901234.5678') }); // '{"revenue":12345678901234.5678}'
 * ```
 */
export function stringifyWithRawNumbers(value: unknown): string {
  const marker = `\u0000raw${Math.random().toString(36).slice(2)}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawNumber ? `${marker}${v.literal}` : v));
  const escaped = JSON.stringify(marker).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return json.replace(new RegExp(`"${escaped}(-?[0-9.eE+-]+)"`, 'g'), '$1');
}

/** A number literal to be written verbatim by {@link stringifyWithRawNumbers}. */
export class RawNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) throw new TypeError(`Not a JSON number literal: ${literal}`);
  }
}

/**
 * Wraps an exact decimal string so it is serialised as a JSON number without float rounding.
 *
 * @example
 * ```ts
 * rawNumber('0.1'); // serialised as 0.1
 * ```
 */
export function rawNumber(literal: string): RawNumber {
  return new RawNumber(literal);
}
