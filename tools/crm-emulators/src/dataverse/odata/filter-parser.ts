import { querySyntaxError } from '../errors';
import type { ComparisonOperator, FilterNode, Literal, Operand } from './filter-ast';
import { syntaxError, tokenize, type Token } from './filter-tokenizer';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const TEXT_FUNCTIONS = new Set<string>(['contains', 'startswith', 'endswith']);
const CRM_PREFIX = 'Microsoft.Dynamics.CRM.';

/**
 * Recursive-descent parser for `$filter`: `or` < `and` < `not` < comparison, parentheses, the string
 * functions contains/startswith/endswith and Dataverse query functions
 * (`Microsoft.Dynamics.CRM.ContainValues(PropertyName='x',PropertyValues=['1','2'])`).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 */
export function parseFilter(source: string): FilterNode {
  const parser = new Parser(source, tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  expression(): FilterNode {
    let left = this.conjunction();
    while (this.keyword('or')) left = { type: 'or', left, right: this.conjunction() };
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token) throw syntaxError(this.source, token.pos);
  }

  private conjunction(): FilterNode {
    let left = this.unary();
    while (this.keyword('and')) left = { type: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    if (this.keyword('not')) return { type: 'not', operand: this.unary() };
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === '(') {
      this.index++;
      const inner = this.expression();
      this.punct(')');
      return inner;
    }
    if (token.kind === 'identifier' && this.peekAt(1)?.kind === 'punct' && (this.peekAt(1) as { text: string }).text === '(') {
      return this.call(token.text);
    }
    const left = this.operand();
    const op = this.peek();
    if (op.kind !== 'identifier' || !COMPARISONS.has(op.text)) throw syntaxError(this.source, op.pos);
    this.index++;
    return { type: 'compare', op: op.text as ComparisonOperator, left, right: this.operand() };
  }

  private call(name: string): FilterNode {
    const start = this.peek().pos;
    this.index += 2;
    if (TEXT_FUNCTIONS.has(name)) {
      const property = this.operand();
      this.punct(',');
      const value = this.operand();
      this.punct(')');
      return { type: 'text', fn: name as 'contains' | 'startswith' | 'endswith', property, value };
    }
    if (name.startsWith(CRM_PREFIX)) {
      const params: Record<string, Literal | Literal[]> = {};
      while (!this.isPunct(')')) {
        const key = this.peek();
        if (key.kind !== 'identifier') throw syntaxError(this.source, key.pos);
        this.index++;
        this.punct('=');
        params[key.text] = this.isPunct('[') ? this.list() : this.literal();
        if (!this.isPunct(')')) this.punct(',');
      }
      this.index++;
      return { type: 'crm', fn: name.slice(CRM_PREFIX.length), params };
    }
    throw querySyntaxError(`An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed. (position ${start})`);
  }

  private list(): Literal[] {
    this.punct('[');
    const values: Literal[] = [];
    while (!this.isPunct(']')) {
      values.push(this.literal());
      if (!this.isPunct(']')) this.punct(',');
    }
    this.index++;
    return values;
  }

  private literal(): Literal {
    const token = this.peek();
    if (token.kind !== 'literal') throw syntaxError(this.source, token.pos);
    this.index++;
    return token.literal;
  }

  private operand(): Operand {
    const token = this.peek();
    this.index++;
    if (token.kind === 'literal') return { kind: 'literal', literal: token.literal };
    if (token.kind === 'identifier' && !COMPARISONS.has(token.text) && !['and', 'or', 'not'].includes(token.text)) {
      return { kind: 'property', path: token.text.split('/'), raw: token.text };
    }
    throw syntaxError(this.source, token.pos);
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.index];
    if (token?.kind === 'identifier' && token.text === word) {
      this.index++;
      return true;
    }
    return false;
  }

  private isPunct(text: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'punct' && token.text === text;
  }

  private punct(text: string): void {
    if (!this.isPunct(text)) throw syntaxError(this.source, this.tokens[this.index]?.pos ?? this.source.length);
    this.index++;
  }

  private peek(): Token {
    const token = this.tokens[this.index];
    if (!token) throw syntaxError(this.source, this.source.length);
    return token;
  }

  private peekAt(offset: number): Token | undefined {
    return this.tokens[this.index + offset];
  }
}
