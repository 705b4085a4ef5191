import { querySyntaxError } from '../errors';
import type { Literal } from './filter-ast';

/** Tokens of a `$filter` expression. Literals are typed here, the way the OData URI grammar types them. */
export type Token =
  | { kind: 'literal'; literal: Literal; pos: number }
  | { kind: 'identifier'; text: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | '[' | ']' | '='; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?(?![\w])/;
const IDENTIFIER = /^[A-Za-z_$][\w.]*(?:\/[A-Za-z_$][\w.]*)*/;
const STRING = /^'((?:[^']|'')*)'/;

export function syntaxError(source: string, pos: number): Error {
  return querySyntaxError(`Syntax error at position ${pos} in '${source}'.`);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const rest = source.slice(pos);
    const space = /^\s+/.exec(rest);
    if (space) {
      pos += space[0].length;
      continue;
    }
    const ch = rest.charAt(0);
    if ('(),[]='.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch as '(' | ')' | ',' | '[' | ']' | '=', pos });
      pos += 1;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = STRING.exec(rest))) {
      const text = (m[1] ?? '').replace(/''/g, "'");
      tokens.push({ kind: 'literal', literal: { type: 'string', value: text, raw: m[0] }, pos });
    } else if ((m = GUID.exec(rest))) {
      tokens.push({ kind: 'literal', literal: { type: 'guid', value: m[0].toLowerCase(), raw: m[0] }, pos });
    } else if ((m = DATETIME.exec(rest))) {
      const ms = Date.parse(m[0]);
      if (Number.isNaN(ms)) throw syntaxError(source, pos);
      tokens.push({ kind: 'literal', literal: { type: 'datetime', value: ms, raw: m[0] }, pos });
    } else if ((m = DATE.exec(rest))) {
      tokens.push({ kind: 'literal', literal: { type: 'date', value: m[0], raw: m[0] }, pos });
    } else if ((m = NUMBER.exec(rest))) {
      tokens.push({ kind: 'literal', literal: { type: 'number', value: Number(m[0].replace(/[mMdDfFlL]$/, '')), raw: m[0] }, pos });
    } else if ((m = IDENTIFIER.exec(rest))) {
      const text = m[0];
      const enumValue = STRING.exec(rest.slice(text.length));
      if (enumValue && text.includes('.')) {
        // Enum literal: Microsoft.Dynamics.CRM.OwnershipTypes'UserOwned' (query-metadata-web-api.md).
        tokens.push({ kind: 'literal', literal: { type: 'enum', value: enumValue[1] ?? '', raw: text + enumValue[0] }, pos });
        pos += text.length + enumValue[0].length;
        continue;
      }
      if (text === 'true' || text === 'false') tokens.push({ kind: 'literal', literal: { type: 'boolean', value: text === 'true', raw: text }, pos });
      else if (text === 'null') tokens.push({ kind: 'literal', literal: { type: 'null', value: null, raw: text }, pos });
      else tokens.push({ kind: 'identifier', text, pos });
    } else {
      throw syntaxError(source, pos);
    }
    pos += m[0].length;
  }
  return tokens;
}
