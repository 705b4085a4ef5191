import { randomUUID } from 'node:crypto';

/**
 * JSON without float rounding, both ways.
 *
 * Salesforce handles number, currency and percent fields as doubles, rounded half-up to the
 * field's scale on save, and prints them the way Java prints a double: `1234567.0`, `1.2345678E7`,
 * `1.0E-4` (help articles 000221617, 000394530). The text it prints is the value: the plugin must
 * not round it a second time through a JavaScript float, nor lose exponent forms. Node 20 has no
 * `JSON.parse` source-text access, so responses are parsed here: every number that is not a safe
 * integer is kept as its source text (a string, exponent included), and the record mapper turns
 * it into the canonical exact decimal at the field's scale (SDK `toDecimalString`, then
 * `atScale`: `1.2345678E7` at scale 2 → `12345678.00`). Safe integers (`totalSize`, `int`
 * fields) stay numbers.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

class JsonSyntaxError extends SyntaxError {
  constructor(what: string, at: number) {
    super(`Invalid JSON from Salesforce: ${what} at position ${at}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Parses JSON like `JSON.parse`, except that numbers which are not safe integers come back as
 * their exact source text (`12.50` → `'12.50'`, `1.0E7` → `'1.0E7'`).
 *
 * @example
 * ```ts
 * parseJsonLossless('{"n":3,"Amount":12345678901234567.89}'); // { n: 3, Amount: '12345678901234567.89' }
 * ```
 */
export function parseJsonLossless(text: string): unknown {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const literal = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, i)) throw new JsonSyntaxError('an unexpected token', i);
    i += word.length;
    return value;
  };
  const string = (): string => {
    const start = i;
    let escaped = false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        escaped = true;
        i++;
      } else if (c === 0x22) {
        i++;
        const raw = text.slice(start, i);
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
    }
    throw new JsonSyntaxError('an unterminated string', start);
  };
  const number = (): number | string => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) throw new JsonSyntaxError('an unexpected character', i);
    i += m[0].length;
    const token = m[0];
    if (!/[.eE]/.test(token)) {
      const n = Number(token);
      if (Number.isSafeInteger(n)) return n;
    }
    return token;
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{') {
      const object: Record<string, unknown> = {};
      i++;
      skip();
      if (text[i] === '}') return i++, object;
      for (;;) {
        skip();
        if (text[i] !== '"') throw new JsonSyntaxError('a missing property name', i);
        const key = string();
        skip();
        if (text[i++] !== ':') throw new JsonSyntaxError("a missing ':'", i - 1);
        object[key] = value();
        skip();
        const next = text[i++];
        if (next === '}') return object;
        if (next !== ',') throw new JsonSyntaxError("a missing ',' or '}'", i - 1);
      }
    }
    if (c === '[') {
      const array: unknown[] = [];
      i++;
      skip();
      if (text[i] === ']') return i++, array;
      for (;;) {
        array.push(value());
        skip();
        const next = text[i++];
        if (next === ']') return array;
        if (next !== ',') throw new JsonSyntaxError("a missing ',' or ']'", i - 1);
      }
    }
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return number();
  };
  const result = value();
  skip();
  if (i !== text.length) throw new JsonSyntaxError('trailing characters', i);
  return result;
}

/**
 * An exact decimal to be written as a bare JSON number (not a quoted string) by
 * {@link stringifyJsonLossless}.
 *
 * @example
 * ```ts
 * stringifyJsonLossless({ Amount: new JsonNumber('12.50') }); // '{"Amount":12.50}'
 * ```
 */
export class JsonNumber {
  constructor(readonly text: string) {
    NUMBER.lastIndex = 0;
    const m = NUMBER.exec(text);
    if (!m || m[0].length !== text.length) throw new TypeError(`Not a JSON number: ${JSON.stringify(text)}`);
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
  const marker = `\uE000${randomUUID()}`;
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof JsonNumber ? `${marker}${v.text}${marker}` : v));
  return text.split(`"${marker}`).map((part, i) => (i === 0 ? part : part.replace(`${marker}"`, ''))).join('');
}
