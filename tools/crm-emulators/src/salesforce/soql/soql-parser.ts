import type { ComparisonOp, Condition, FieldPath, Literal, OrderItem, SoqlQuery } from './soql-ast';
import { malformed } from './soql-error';
import { tokenize, type Token } from './soql-tokenizer';

/** Date literals whose keyword takes `:n`. https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm */
export const DATE_LITERALS_N = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'NEXT_N_WEEKS', 'LAST_N_MONTHS', 'NEXT_N_MONTHS', 'LAST_N_YEARS', 'NEXT_N_YEARS']);
export const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH', 'LAST_90_DAYS', 'NEXT_90_DAYS', 'LAST_YEAR', 'THIS_YEAR', 'NEXT_YEAR']);

/** SOQL's reserved words: never field or object names. https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_reservedwords.htm */
const RESERVED = new Set(['AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES', 'LAST', 'LIKE', 'LIMIT', 'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH']);

/** Clauses of valid SOQL that the emulator does not evaluate: refused loudly, never answered wrongly. */
const UNSUPPORTED = new Set(['GROUP', 'HAVING', 'WITH', 'FOR', 'USING', 'UPDATE', 'TYPEOF', 'FIELDS']);

/** A hand-written recursive-descent parser for `SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]`. */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql).query();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly soql: string) {
    this.tokens = tokenize(soql);
  }

  query(): SoqlQuery {
    this.keyword('SELECT');
    const { fields, countOnly } = this.selectList();
    this.keyword('FROM');
    const fromToken = this.expect('ident');
    const query: SoqlQuery = { fields, countOnly, from: { name: fromToken.text, pos: fromToken.pos }, orderBy: [] };
    if (this.peekKeyword('WHERE')) {
      this.i++;
      query.where = this.condition();
    }
    if (this.peekKeyword('ORDER')) {
      this.i++;
      this.keyword('BY');
      query.orderBy = this.orderList();
    }
    if (this.peekKeyword('LIMIT')) {
      this.i++;
      query.limit = this.integer();
    }
    if (this.peekKeyword('OFFSET')) {
      this.i++;
      query.offset = this.integer();
    }
    const last = this.peek();
    if (last.kind !== 'eof') throw this.unexpected(last);
    return query;
  }

  private selectList(): { fields: FieldPath[]; countOnly: boolean } {
    const first = this.peek();
    if (first.kind === 'ident' && first.text.toUpperCase() === 'COUNT' && this.peek(1).text === '(') {
      this.i += 2;
      if (this.peek().text !== ')') throw this.unsupported(this.peek(), 'COUNT(field) and aggregate functions');
      this.i++;
      return { fields: [], countOnly: true };
    }
    const fields = [this.selectItem()];
    while (this.peek().text === ',') {
      this.i++;
      fields.push(this.selectItem());
    }
    return { fields, countOnly: false };
  }

  private selectItem(): FieldPath {
    const token = this.peek();
    if (token.text === '(') throw this.unsupported(token, 'relationship subqueries');
    if (token.kind === 'ident' && this.peek(1).text === '(') throw this.unsupported(token, `${token.text.toUpperCase()}()`);
    return this.fieldPath();
  }

  private fieldPath(): FieldPath {
    const first = this.expect('ident');
    const parts = [first.text];
    while (this.peek().text === '.') {
      this.i++;
      parts.push(this.expect('ident').text);
    }
    return { parts, pos: first.pos };
  }

  /** SOQL refuses AND and OR side by side without parentheses. */
  private condition(): Condition {
    const items = [this.unary()];
    let joiner: 'and' | 'or' | undefined;
    for (;;) {
      const token = this.peek();
      const word = token.kind === 'ident' ? token.text.toUpperCase() : '';
      if (word !== 'AND' && word !== 'OR') break;
      const kind = word === 'AND' ? 'and' : 'or';
      if (joiner && joiner !== kind) throw this.unexpected(token);
      joiner = kind;
      this.i++;
      items.push(this.unary());
    }
    return joiner ? { kind: joiner, items } : (items[0] as Condition);
  }

  private unary(): Condition {
    if (this.peekKeyword('NOT')) {
      this.i++;
      return { kind: 'not', item: this.unary() };
    }
    if (this.peek().text === '(') {
      this.i++;
      const inner = this.condition();
      this.expectText(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const path = this.fieldPath();
    const token = this.peek();
    const word = token.kind === 'ident' ? token.text.toUpperCase() : '';
    let op: ComparisonOp;
    if (token.kind === 'op') op = token.text as ComparisonOp;
    else if (word === 'LIKE') op = 'like';
    else if (word === 'IN') op = 'in';
    else if (word === 'INCLUDES') op = 'includes';
    else if (word === 'EXCLUDES') op = 'excludes';
    else if (word === 'NOT' && this.peek(1).text.toUpperCase() === 'IN') {
      this.i++;
      op = 'not in';
    } else throw this.unexpected(token);
    this.i++;
    if (op === 'in' || op === 'not in' || op === 'includes' || op === 'excludes') {
      if (this.peek().text === '(' && this.peek(1).kind === 'ident' && this.peek(1).text.toUpperCase() === 'SELECT') {
        throw this.unsupported(this.peek(1), 'semi-join subqueries');
      }
      return { kind: 'cmp', path, op, value: this.literalList(), pos: token.pos };
    }
    return { kind: 'cmp', path, op, value: this.literal(), pos: token.pos };
  }

  private literalList(): Literal[] {
    this.expectText('(');
    const values = [this.literal()];
    while (this.peek().text === ',') {
      this.i++;
      values.push(this.literal());
    }
    this.expectText(')');
    return values;
  }

  private literal(): Literal {
    const token = this.peek();
    this.i++;
    const pos = token.pos;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, raw: token.raw ?? token.text, pos };
      case 'number':
        return { kind: 'number', value: Number(token.text), pos };
      case 'date':
        return { kind: 'date', value: token.text, pos };
      case 'datetime':
        return { kind: 'datetime', value: token.text, pos };
      case 'ident': {
        const word = token.text.toUpperCase();
        if (word === 'NULL') return { kind: 'null', pos };
        if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', pos };
        if (DATE_LITERALS.has(word)) return { kind: 'dateLiteral', name: word, pos };
        if (DATE_LITERALS_N.has(word)) {
          this.expectText(':');
          return { kind: 'dateLiteral', name: word, n: this.integer(), pos };
        }
        throw this.unexpected(token);
      }
      default:
        throw this.unexpected(token);
    }
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      if (items.length) this.i++;
      const path = this.fieldPath();
      let desc = false;
      let nullsLast = false;
      if (this.peekKeyword('ASC') || this.peekKeyword('DESC')) desc = this.tokens[this.i++]?.text.toUpperCase() === 'DESC';
      if (this.peekKeyword('NULLS')) {
        this.i++;
        const which = this.peek();
        if (which.kind !== 'ident' || !['FIRST', 'LAST'].includes(which.text.toUpperCase())) throw this.unexpected(which);
        this.i++;
        nullsLast = which.text.toUpperCase() === 'LAST';
      }
      items.push({ path, desc, nullsLast });
    } while (this.peek().text === ',');
    return items;
  }

  private integer(): number {
    const token = this.expect('number');
    if (!/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  private keyword(word: string): void {
    if (!this.peekKeyword(word)) throw this.unexpected(this.peek());
    this.i++;
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.peek();
    if (token.kind !== kind || (kind === 'ident' && RESERVED.has(token.text.toUpperCase()))) throw this.unexpected(token);
    this.i++;
    return token;
  }

  private expectText(text: string): void {
    if (this.peek().text !== text || this.peek().kind === 'string') throw this.unexpected(this.peek());
    this.i++;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  private unexpected(token: Token): Error {
    if (token.kind === 'ident' && UNSUPPORTED.has(token.text.toUpperCase())) return this.unsupported(token, token.text.toUpperCase());
    const shown = token.kind === 'string' ? `'${token.raw ?? token.text}'` : token.text;
    return malformed(this.soql, token.pos, `unexpected token: ${shown}`);
  }

  private unsupported(token: Token, what: string): Error {
    return malformed(this.soql, token.pos, `unexpected token: ${token.text} (${what} is valid SOQL the Salesforce emulator does not evaluate)`);
  }
}
