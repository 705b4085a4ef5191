/** Where the rows of a page's `value` array lie in the page's UTF-8 bytes. */
export interface RowSpans {
  /** Index of the array's `[`. */
  open: number;
  /** Index of the array's `]`. */
  close: number;
  /** Index of each row's `{`. */
  starts: number[];
  /** Index just after each row's `}`. */
  ends: number[];
}

/** `value`, the key of a collection's rows. */
const VALUE_KEY = [0x76, 0x61, 0x6c, 0x75, 0x65];
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Finds the rows of an OData collection answer (`{"@odata.context": …, "value": [{…}, {…}], …}`)
 * in one pass over its UTF-8 bytes, without decoding or parsing them: strings are skipped natively
 * (`indexOf` of the quote; in UTF-8 a quote or backslash byte is never part of another
 * character), and brackets are matched. So a page of 5,000 rows can be decoded and parsed a part
 * at a time, each part's records living only while that part is handed on.
 *
 * It answers `undefined` for anything it does not recognise — a top level that is not an object,
 * no `value` key or two of them, a key written with escapes, an element that is not an object,
 * unmatched brackets, misplaced commas — and the caller then parses the whole text as before, so
 * malformed JSON still gets `JSON.parse`'s own error. When it answers, the text is exactly the
 * envelope with an array whose elements are the spans, separated by single commas and JSON
 * whitespace: parsing the envelope with an empty array and each span gives what parsing the whole
 * text gives.
 *
 * @example
 * ```ts
 * findRowSpans(new TextEncoder().encode('{"value":[{"a":1},{"a":2}]}')); // { open: 9, close: 25, starts: [10, 18], ends: [17, 25] }
 * ```
 */
export function findRowSpans(bytes: Uint8Array): RowSpans | undefined {
  const stack: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let open = -1;
  let close = -1;
  /** Where the value of the envelope's `value` key starts (just after its colon), while it is next. */
  let valueAt = -1;
  /** Inside the `value` array, at its own level: whether the next token must be a row (after `[` or `,`). */
  let rowDue = false;
  const n = bytes.length;
  // A byte order mark, which decoding drops.
  let i = skipWhitespace(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  if (bytes[i] !== OPEN_BRACE) return undefined;
  while (i < n) {
    const c = bytes[i] as number;
    const depth = stack.length;
    const inArray = open >= 0 && close < 0 && depth === 2;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end < 0 || inArray) return undefined;
      if (depth === 1) {
        const colon = skipWhitespace(bytes, end);
        if (bytes[colon] === COLON) {
          const key = bytes.subarray(i + 1, end - 1);
          if (key.includes(BACKSLASH)) return undefined;
          if (isValueKey(key)) {
            if (open >= 0 || valueAt >= 0) return undefined;
            valueAt = colon + 1;
            i = valueAt;
            continue;
          }
        }
      }
      i = end;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (inArray) {
        if (!rowDue || c !== OPEN_BRACE) return undefined;
        starts.push(i);
        rowDue = false;
      } else if (depth === 1 && valueAt >= 0) {
        if (c !== OPEN_BRACKET || skipWhitespace(bytes, valueAt) !== i) return undefined;
        open = i;
        valueAt = -1;
        rowDue = true;
      }
      stack.push(c);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (stack.pop() !== (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) return undefined;
      if (open >= 0 && close < 0) {
        if (stack.length === 2 && c === CLOSE_BRACE) ends.push(i + 1);
        else if (stack.length === 1) {
          // `]` of the array: after a row, or right after `[` (an empty page), never after a comma.
          if (rowDue && starts.length > 0) return undefined;
          close = i;
        }
      }
      if (stack.length === 0) break;
    } else if (inArray) {
      if (c === COMMA && !rowDue) rowDue = true;
      else if (!isWhitespace(c)) return undefined;
    } else if (depth === 1 && valueAt >= 0 && !isWhitespace(c)) {
      // The `value` key holds something other than an array.
      return undefined;
    }
    i++;
  }
  if (open < 0 || close < 0 || stack.length > 0 || skipWhitespace(bytes, i + 1) !== n) return undefined;
  return { open, close, starts, ends };
}

/** The index just after the string opening at `start` (its closing quote is the next one not escaped), or -1. */
function stringEnd(bytes: Uint8Array, start: number): number {
  for (let from = start + 1; ; ) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function isValueKey(key: Uint8Array): boolean {
  return key.length === VALUE_KEY.length && VALUE_KEY.every((b, i) => key[i] === b);
}

function skipWhitespace(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length && isWhitespace(bytes[i] as number)) i++;
  return i;
}

/** JSON's four whitespace characters. */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
