import { parseJsonLossless } from '@crm-hub/plugin-sdk';
import { DataverseRequestError } from '../errors';
import { ODataPage } from './odata-page';

/** A small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY_TEXT = ['', 'a', '"', '\\', '\\"', '{', '}', '[', ']', ',', ':', 'value', '"value":[', 'é', '😀', '\n', '\u0000', '\u2028'];
const NUMBERS = ['0', '-1', '42', '12.50', '12345678901234.5678', '1.0E7', '-0.5e-3', '9007199254740993', '123456789012345678901234567890'];

/** Random JSON text of a value (numbers as literals, so unsafe ones reach the lossless parse). */
function valueText(next: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const ws = () => pick(['', '', ' ', '\n', '\t', '\r\n  ']);
  const kind = Math.floor(next() * (depth > 2 ? 5 : 7));
  switch (kind) {
    case 0:
      return JSON.stringify(pick(TRICKY_TEXT) + pick(TRICKY_TEXT));
    case 1:
      return pick(NUMBERS);
    case 2:
      return pick(['true', 'false', 'null']);
    case 3:
      return JSON.stringify(`${pick(TRICKY_TEXT)}${Math.floor(next() * 1e6)}`);
    case 4:
      return JSON.stringify(pick(TRICKY_TEXT).repeat(3));
    case 5: {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => `${ws()}${valueText(next, depth + 1)}${ws()}`);
      return `[${items.join(',')}]`;
    }
    default:
      return objectText(next, depth + 1);
  }
}

function objectText(next: () => number, depth: number): string {
  const keys = ['contactid', 'fullname', 'value', '@odata.etag', '_parentcustomerid_value', 'x"y', '[', '{'];
  const count = Math.floor(next() * 5);
  const members = Array.from({ length: count }, (_, i) => `${JSON.stringify(`${keys[Math.floor(next() * keys.length)]}${i}`)} : ${valueText(next, depth)}`);
  return `{${members.join(', ')}}`;
}

/** A page as Dataverse lays it out, with random rows, links and whitespace. */
function pageText(next: () => number, rows: number): string {
  const body = Array.from({ length: rows }, () => objectText(next, 1)).join(next() < 0.5 ? ',' : ' ,\n ');
  const links = next() < 0.5 ? `, "@odata.nextLink": "https://org.crm.dynamics.com/api/data/v9.2/contacts?$skiptoken=%3Ccookie%3E"` : `,"@odata.deltaLink":"https://x/y?$deltatoken=1%2101"`;
  const head = next() < 0.5 ? `{"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts","@odata.count": 12.5,` : '{ ';
  return `${head} "value" : [ ${body} ]${links} }${next() < 0.5 ? '\n' : ''}`;
}

const page = (text: string) => ODataPage.fromBytes(new TextEncoder().encode(text), new Headers());

function partsOf(page: ODataPage, size: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let from = 0; from < page.rowCount; from += size) rows.push(...page.rowsIn(from, from + size));
  return rows;
}

describe('ODataPage: a query answer whose rows are parsed a part at a time', () => {
  it('gives exactly what parsing the whole answer gives, rows, exact decimals and links, in parts of any size', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      // Mostly small pages, some longer than one parse (100 rows), read in parts of 1 to 300 rows.
      const big = next() < 0.15;
      const text = pageText(next, big ? 100 + Math.floor(next() * 150) : Math.floor(next() * 12));
      const whole = parseJsonLossless(text) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      const read = page(text);
      expect({ seed, count: read.rowCount }).toEqual({ seed, count: whole.value.length });
      expect({ seed, rows: partsOf(read, 1 + Math.floor(next() * (big ? 300 : 4))) }).toEqual({ seed, rows: whole.value });
      expect({ seed, rows: read.rows }).toEqual({ seed, rows: whole.value });
      expect([read.nextLink, read.deltaLink]).toEqual([whole['@odata.nextLink'], whole['@odata.deltaLink']]);
    }
  });

  it('keeps the digits of decimals in every part', () => {
    const read = page('{"value":[{"amount":12345678901234.5678},{"amount":12.50},{"amount":7}]}');
    expect(read.rowsIn(1, 3)).toEqual([{ amount: '12.50' }, { amount: 7 }]);
    expect(read.rowsIn(0, 1)).toEqual([{ amount: '12345678901234.5678' }]);
  });

  it('decodes the body as Response.text() does: a byte order mark is dropped, characters of any length kept', () => {
    const read = page('\uFEFF{"value":[{"name":"Zoë 😀 \u00e9"},{"name":"x"}],"@odata.nextLink":"https://o/n?é"}');
    expect(read.rowsIn(0, 1)).toEqual([{ name: 'Zoë 😀 é' }]);
    expect(read.rows).toEqual([{ name: 'Zoë 😀 é' }, { name: 'x' }]);
    expect(read.nextLink).toBe('https://o/n?é');
  });

  it('never accepts text that JSON.parse refuses: the envelope fails at once, a row when its part is read', () => {
    let refused = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const valid = pageText(next, 1 + Math.floor(next() * 6));
      // One character removed, doubled or replaced by a structural one.
      const at = Math.floor(next() * valid.length);
      const edits = [valid.slice(0, at) + valid.slice(at + 1), valid.slice(0, at) + valid[at] + valid.slice(at), valid.slice(0, at) + '{},[]":'[Math.floor(next() * 7)] + valid.slice(at + 1)];
      for (const text of edits) {
        let expected: unknown;
        try {
          expected = parseJsonLossless(text);
        } catch {
          refused++;
          expect(() => page(text).rows).toThrow();
          // Row by row, so that every separator lies between two parses.
          expect(() => partsOf(page(text), 1)).toThrow();
          continue;
        }
        const value = (expected as { value?: unknown }).value;
        if (!Array.isArray(value)) {
          expect(() => page(text)).toThrow(DataverseRequestError);
          continue;
        }
        expect({ seed, text, rows: page(text).rows }).toEqual({ seed, text, rows: value });
        expect({ seed, text, rows: partsOf(page(text), 1) }).toEqual({ seed, text, rows: value });
      }
    }
    expect(refused).toBeGreaterThan(300);
  });

  it('refuses, as JSON.parse does, misplaced commas, unmatched brackets and trailing text, however the rows are read', () => {
    for (const text of [
      '{"value":[{"a":1},]}',
      '{"value":[,{"a":1}]}',
      '{"value":[{"a":1},,{"a":2}]}',
      '{"value":[{"a":1}{"a":2}]}',
      '{"value":[{"a":1]},{"a":2}]}',
      '{"value":[{"a":[1}]},{"a":2}]}',
      '{"value":[{"a":1}]]}',
      '{"value":[{"a":1}]} x',
      '{"value":[{"a":"1}]}',
    ]) {
      expect(() => parseJsonLossless(text)).toThrow();
      expect(() => page(text).rows).toThrow();
      expect(() => partsOf(page(text), 1)).toThrow();
    }
  });

  it('reads the answers it cannot split (a key with escapes, two value keys, rows that are not objects) by parsing them whole', () => {
    for (const text of [
      '{"val\\u0075e":[{"a":1}],"value":[{"a":2}]}',
      '{"value":[{"a":1}],"val\\u0075e":[{"a":2},{"a":3}]}',
      '{"value":[{"a":1}],"value":[{"a":2},{"a":3}]}',
      '{"value":[1,"two",{"a":3}]}',
      '["value",[{"a":1}]]',
    ]) {
      const expected = parseJsonLossless(text) as { value?: unknown };
      if (Array.isArray(expected.value)) {
        expect(page(text).rows).toEqual(expected.value);
        expect(partsOf(page(text), 1)).toEqual(expected.value);
      }
      else expect(() => page(text)).toThrow('Dataverse answered a query without a value array');
    }
  });

  it('hands a lent body back once its last row is parsed, and reads no row of it after that', () => {
    const bytes = new TextEncoder().encode('{"value":[{"a":1},{"a":2},{"a":3}],"@odata.nextLink":"https://x/y"}');
    const released: Uint8Array[] = [];
    const lent = ODataPage.fromBytes(bytes, new Headers(), (b) => released.push(b));
    expect(lent.rowsIn(0, 2)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(released).toEqual([]);
    expect(lent.rowsIn(2, 3)).toEqual([{ a: 3 }]);
    expect(released).toHaveLength(1);
    expect(released[0]).toBe(bytes);
    expect(() => lent.rowsIn(0, 1)).toThrow(/all read already/);
    expect(lent.nextLink).toBe('https://x/y');
    expect(released).toHaveLength(1);
  });

  it('hands a lent body back at once when nothing is left to parse: no rows, or rows parsed whole', () => {
    for (const text of ['{"value":[]}', '{"val\\u0075e":[{"a":1}]}']) {
      const released: Uint8Array[] = [];
      const lent = ODataPage.fromBytes(new TextEncoder().encode(text), new Headers(), (b) => released.push(b));
      expect(released).toHaveLength(1);
      expect(lent.rows).toEqual(JSON.parse(text).value);
    }
  });

  it('refuses an answer without a value array, as before', () => {
    for (const text of ['', '{}', '{"value":{"a":1}}', '{"value":null}', '{"error":{"code":"0x0","message":"x"}}', 'null', '5', '"value"', '[]']) {
      expect(() => page(text)).toThrow('Dataverse answered a query without a value array');
    }
  });
});
