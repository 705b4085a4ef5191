import { malformed } from './soql-error';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'punct' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier / operator / punctuation text, the unescaped string, the number or date text. */
  text: string;
  /** String literals: the text between the quotes, escapes kept (LIKE needs `\%` and `\_`). */
  raw?: string;
  pos: number;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', _: '_', '%': '%' };
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits SOQL into tokens; anything it does not know is a MALFORMED_QUERY at that column. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = soql.slice(i);
    if (c === "'") {
      const { value, raw, end } = readString(soql, i);
      tokens.push({ kind: 'string', text: value, raw, pos: i });
      i = end;
      continue;
    }
    const signed = (c === '-' || c === '+') && /\d/.test(soql[i + 1] ?? '') && isValueStart(tokens[tokens.length - 1]);
    const literal = signed ? rest.slice(1) : rest;
    const datetime = DATETIME.exec(literal);
    const date = DATE.exec(literal);
    const number = NUMBER.exec(literal);
    if (!signed && datetime) {
      tokens.push({ kind: 'datetime', text: datetime[0], pos: i });
      i += datetime[0].length;
    } else if (!signed && date) {
      tokens.push({ kind: 'date', text: date[0], pos: i });
      i += date[0].length;
    } else if (number) {
      tokens.push({ kind: 'number', text: (c === '-' ? '-' : '') + number[0], pos: i });
      i += number[0].length + (signed ? 1 : 0);
    } else if (IDENT.test(rest)) {
      const ident = (IDENT.exec(rest) as RegExpExecArray)[0];
      tokens.push({ kind: 'ident', text: ident, pos: i });
      i += ident.length;
    } else if (['!=', '<>', '<=', '>='].includes(rest.slice(0, 2))) {
      tokens.push({ kind: 'op', text: rest.slice(0, 2) === '<>' ? '!=' : rest.slice(0, 2), pos: i });
      i += 2;
    } else if ('=<>'.includes(c)) {
      tokens.push({ kind: 'op', text: c, pos: i });
      i++;
    } else if (',().:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
    } else {
      throw malformed(soql, i, `unexpected token: '${c}'`);
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: soql.length });
  return tokens;
}

function isValueStart(previous: Token | undefined): boolean {
  return !previous || previous.kind === 'op' || (previous.kind === 'punct' && (previous.text === '(' || previous.text === ','));
}

function readString(soql: string, start: number): { value: string; raw: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < soql.length) {
    const c = soql[i] as string;
    if (c === "'") return { value, raw: soql.slice(start + 1, i), end: i + 1 };
    if (c === '\\') {
      const next = soql[i + 1] ?? '';
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw malformed(soql, i, `Invalid string literal '${soql.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`);
      value += escaped;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw malformed(soql, start, `unexpected token: '${soql.slice(start)}'`);
}
