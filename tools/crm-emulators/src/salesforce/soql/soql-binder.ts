import type { FieldDescribe } from '../schema/describe-types';
import type { ObjectDefinition } from '../schema/object-definition';
import type { OrgSchema } from '../schema/org-schema';
import type { OrgStore } from '../store/org-store';
import { readField } from '../store/rest-record-format';
import type { FieldValue, Row } from '../store/row-types';
import { canonicalId } from '../util/record-ids';
import { isoDate, parseDate, parseDateTime } from '../util/sf-dates';
import { dateLiteralRange } from './date-literals';
import type { ComparisonOp, Condition, FieldPath, Literal, SoqlQuery } from './soql-ast';
import { soqlError } from './soql-error';
import { categoryOf, type ValueCategory } from './soql-values';

/** A field path resolved against the describe: the field, and the parent lookup it goes through. */
export interface BoundPath {
  /** Output names: `['Name']`, or `['Account', 'Name']` through a relationship. */
  key: string[];
  field: FieldDescribe;
  def: ObjectDefinition;
  via?: { field: FieldDescribe; target: ObjectDefinition };
  category: ValueCategory | undefined;
  parentOf(row: Row): Row | undefined;
  get(row: Row): FieldValue;
}

export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: string | number | boolean }
  | { kind: 'range'; start: string | number; end: string | number };

export type BoundCondition =
  | { kind: 'cmp'; path: BoundPath; op: ComparisonOp; operands: Operand[]; likeRaw?: string }
  | { kind: 'and' | 'or'; items: BoundCondition[] }
  | { kind: 'not'; item: BoundCondition };

export interface BoundQuery {
  def: ObjectDefinition;
  fields: BoundPath[];
  countOnly: boolean;
  where?: BoundCondition;
  orderBy: { path: BoundPath; desc: boolean; nullsLast: boolean }[];
  limit?: number;
  offset?: number;
}

const NOT_QUOTED: Partial<Record<ValueCategory, string>> = { boolean: 'boolean', number: 'double', date: 'date', datetime: 'dateTime' };

/** Resolves object and field names (case-insensitively, to their describe spelling) and types every literal. */
export class SoqlBinder {
  constructor(
    private readonly soql: string,
    private readonly schema: OrgSchema,
    private readonly store: OrgStore,
    private readonly nowMs: number,
  ) {}

  bind(query: SoqlQuery): BoundQuery {
    const def = this.schema.find(query.from.name);
    if (!def) {
      throw soqlError(this.soql, query.from.pos, 'INVALID_TYPE', `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    if (query.offset !== undefined && query.offset > 2000) {
      throw soqlError(this.soql, 0, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
    }
    return {
      def,
      fields: query.fields.map((p) => this.path(def, p)),
      countOnly: query.countOnly,
      where: query.where && this.condition(def, query.where),
      orderBy: query.orderBy.map((o) => {
        const path = this.path(def, o.path);
        if (!path.field.sortable) throw soqlError(this.soql, o.path.pos, 'INVALID_FIELD', `field '${path.field.name}' can not be sorted in a query call`);
        return { path, desc: o.desc, nullsLast: o.nullsLast };
      }),
      limit: query.limit,
      offset: query.offset,
    };
  }

  private path(def: ObjectDefinition, path: FieldPath): BoundPath {
    let parts = path.parts;
    if (parts.length > 1 && parts[0]?.toLowerCase() === def.name.toLowerCase() && !this.relationship(def, parts[0])) parts = parts.slice(1);
    if (parts.length === 1) {
      const field = this.schema.field(def, parts[0] as string);
      if (!field) throw this.noSuchColumn(def, path, parts[0] as string);
      return { key: [field.name], field, def, category: categoryOf(field), parentOf: () => undefined, get: (row) => readField(def, row, field) };
    }
    const reference = parts.length === 2 ? this.relationship(def, parts[0] as string) : undefined;
    const target = reference && this.schema.find(reference.referenceTo[0] as string);
    if (!reference || !target) {
      throw soqlError(this.soql, path.pos, 'INVALID_FIELD', `Didn't understand relationship '${parts[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    const field = this.schema.field(target, parts[1] as string);
    if (!field) throw this.noSuchColumn(target, path, parts[1] as string);
    const parentOf = (row: Row): Row | undefined => {
      const id = row[reference.name];
      const parent = typeof id === 'string' ? this.store.table(target).get(id) : undefined;
      return parent && parent['IsDeleted'] !== true ? parent : undefined;
    };
    return {
      key: [reference.relationshipName as string, field.name],
      field,
      def: target,
      via: { field: reference, target },
      category: categoryOf(field),
      parentOf,
      get: (row) => { const parent = parentOf(row); return parent ? readField(target, parent, field) : null; },
    };
  }

  private relationship(def: ObjectDefinition, name: string): FieldDescribe | undefined {
    return def.fields.find((f) => f.type === 'reference' && f.referenceTo.length === 1 && f.relationshipName?.toLowerCase() === name.toLowerCase());
  }

  private noSuchColumn(def: ObjectDefinition, path: FieldPath, name: string): Error {
    return soqlError(this.soql, path.pos, 'INVALID_FIELD', `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }

  private condition(def: ObjectDefinition, cond: Condition): BoundCondition {
    if (cond.kind === 'not') return { kind: 'not', item: this.condition(def, cond.item) };
    if (cond.kind !== 'cmp') return { kind: cond.kind, items: cond.items.map((c) => this.condition(def, c)) };
    const path = this.path(def, cond.path);
    const { field, category } = path;
    if (!field.filterable || !category) throw soqlError(this.soql, cond.path.pos, 'INVALID_FIELD', `field '${field.name}' can not be filtered in a query call`);
    const literals = Array.isArray(cond.value) ? cond.value : [cond.value];
    if ((cond.op === 'includes' || cond.op === 'excludes') && category !== 'multi') {
      throw soqlError(this.soql, cond.pos, 'INVALID_QUERY_FILTER_OPERATOR', 'includes or excludes operator only valid on multipicklist field');
    }
    if (cond.op === 'like' && category !== 'text') {
      throw soqlError(this.soql, cond.pos, 'INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.type} field: LIKE`);
    }
    const operands = literals.map((l) => this.operand(field, category, l));
    const like = cond.op === 'like' ? literals[0] : undefined;
    return { kind: 'cmp', path, op: cond.op, operands, likeRaw: like?.kind === 'string' ? like.raw : undefined };
  }

  private operand(field: FieldDescribe, category: ValueCategory, literal: Literal): Operand {
    const wrongType = () => {
      const expected = NOT_QUOTED[category];
      const reason = expected
        ? `value of filter criterion for field '${field.name}' must be of type ${expected} and should not be enclosed in quotes`
        : `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`;
      return soqlError(this.soql, literal.pos, 'INVALID_QUERY_FILTER_OPERATOR', reason);
    };
    if (literal.kind === 'null') return { kind: 'null' };
    switch (category) {
      case 'id': {
        if (literal.kind !== 'string') throw wrongType();
        const id = canonicalId(literal.value);
        if (!id) throw soqlError(this.soql, literal.pos, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`);
        return { kind: 'value', value: id.slice(0, 15) };
      }
      case 'text':
      case 'multi':
        if (literal.kind !== 'string') throw wrongType();
        return { kind: 'value', value: literal.value.toLowerCase() };
      case 'boolean':
        if (literal.kind !== 'boolean') throw wrongType();
        return { kind: 'value', value: literal.value };
      case 'number':
        if (literal.kind !== 'number') throw wrongType();
        return { kind: 'value', value: literal.value };
      case 'date':
        if (literal.kind === 'dateLiteral') return this.range(literal, true);
        if (literal.kind !== 'date' || !parseDate(literal.value)) throw wrongType();
        return { kind: 'value', value: literal.value };
      case 'datetime': {
        if (literal.kind === 'dateLiteral') return this.range(literal, false);
        const ms = literal.kind === 'datetime' ? parseDateTime(literal.value) : undefined;
        if (ms === undefined) throw wrongType();
        return { kind: 'value', value: ms };
      }
    }
  }

  private range(literal: Extract<Literal, { kind: 'dateLiteral' }>, asDate: boolean): Operand {
    const { startMs, endMs } = dateLiteralRange(literal.name, literal.n, this.nowMs);
    return asDate ? { kind: 'range', start: isoDate(startMs), end: isoDate(endMs) } : { kind: 'range', start: startMs, end: endMs };
  }
}
