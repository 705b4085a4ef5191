import type { Row } from '../store/row-types';
import type { BoundCondition, BoundPath, Operand } from './soql-binder';
import { compareNormalized, likeRegex, normalize } from './soql-values';

type Scalar = string | number | boolean;

/** Compiles a bound WHERE clause to a row predicate with SOQL's null semantics. */
export function compilePredicate(cond: BoundCondition): (row: Row) => boolean {
  switch (cond.kind) {
    case 'and': {
      const items = cond.items.map(compilePredicate);
      return (row) => items.every((p) => p(row));
    }
    case 'or': {
      const items = cond.items.map(compilePredicate);
      return (row) => items.some((p) => p(row));
    }
    case 'not': {
      const item = compilePredicate(cond.item);
      return (row) => !item(row);
    }
    case 'cmp':
      return compileComparison(cond);
  }
}

function compileComparison(cond: Extract<BoundCondition, { kind: 'cmp' }>): (row: Row) => boolean {
  const { path, op, operands } = cond;
  const category = path.category ?? 'text';
  const value = (row: Row) => normalize(category, path.get(row));
  if (op === 'like') {
    const regex = likeRegex(cond.likeRaw ?? '');
    return (row) => { const v = path.get(row); return typeof v === 'string' && regex.test(v); };
  }
  if (op === 'includes' || op === 'excludes') {
    const wanted = operands.map((o) => (o.kind === 'value' ? String(o.value).split(';').map((s) => s.trim()) : []));
    const includes = (row: Row) => {
      const v = value(row);
      if (typeof v !== 'string') return false;
      const have = new Set(v.split(';'));
      return wanted.some((all) => all.every((w) => have.has(w)));
    };
    return op === 'includes' ? includes : (row) => !includes(row);
  }
  if (op === 'in' || op === 'not in') {
    const tests = operands.map((o) => matcher(category, '=', o));
    const inList = (row: Row) => { const v = value(row); return tests.some((t) => t(v)); };
    return op === 'in' ? inList : (row) => !inList(row);
  }
  const test = matcher(category, op, operands[0] as Operand);
  return (row) => test(value(row));
}

function matcher(category: string, op: string, operand: Operand): (v: Scalar | null) => boolean {
  if (operand.kind === 'null') {
    if (op === '=') return (v) => v === null;
    if (op === '!=') return (v) => v !== null;
    return () => false;
  }
  if (operand.kind === 'range') {
    const { start, end } = operand;
    const within = (v: Scalar) => compareNormalized(v, start) >= 0 && compareNormalized(v, end) < 0;
    const tests: Record<string, (v: Scalar) => boolean> = {
      '=': within,
      '!=': (v) => !within(v),
      '<': (v) => compareNormalized(v, start) < 0,
      '<=': (v) => compareNormalized(v, end) < 0,
      '>': (v) => compareNormalized(v, end) >= 0,
      '>=': (v) => compareNormalized(v, start) >= 0,
    };
    const test = tests[op] as (v: Scalar) => boolean;
    return (v) => (v === null ? op === '!=' : test(v));
  }
  const target = operand.value;
  if (category === 'multi' && (op === '=' || op === '!=')) {
    const key = setKey(String(target));
    return (v) => (v === null ? op === '!=' : (setKey(String(v)) === key) === (op === '='));
  }
  return (v) => {
    if (v === null) return op === '!=';
    const c = compareNormalized(v, target);
    switch (op) {
      case '=': return c === 0;
      case '!=': return c !== 0;
      case '<': return c < 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      default: return c >= 0;
    }
  };
}

function setKey(value: string): string {
  return [...new Set(value.split(';').map((s) => s.trim()))].sort().join(';');
}

/**
 * A value every matching row's `fieldName` is at or above (inclusive bound), when the WHERE clause
 * implies one — lets `SystemModstamp > x` or `Id > y` queries start mid-index instead of scanning.
 */
export function lowerBound(cond: BoundCondition | undefined, fieldName: string): Scalar | undefined {
  if (!cond) return undefined;
  switch (cond.kind) {
    case 'and': {
      const bounds = cond.items.map((c) => lowerBound(c, fieldName)).filter((b): b is Scalar => b !== undefined);
      return bounds.length ? bounds.reduce((a, b) => (compareNormalized(a, b) >= 0 ? a : b)) : undefined;
    }
    case 'or': {
      const bounds = cond.items.map((c) => lowerBound(c, fieldName));
      if (bounds.some((b) => b === undefined)) return undefined;
      return (bounds as Scalar[]).reduce((a, b) => (compareNormalized(a, b) <= 0 ? a : b));
    }
    case 'not':
      return undefined;
    case 'cmp': {
      const operand = cond.operands[0];
      if (cond.path.via || cond.path.field.name !== fieldName || !operand || cond.operands.length !== 1) return undefined;
      if (!['=', '>', '>='].includes(cond.op)) return undefined;
      if (operand.kind === 'value') return operand.value;
      if (operand.kind === 'range') return cond.op === '>' ? operand.end : operand.start;
      return undefined;
    }
  }
}

/** Sorts rows by ORDER BY keys: nulls first unless NULLS LAST, DESC reverses non-null order. */
export function orderComparator(keys: { path: BoundPath; desc: boolean; nullsLast: boolean }[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { path, desc, nullsLast } of keys) {
      const category = path.category ?? 'text';
      const x = normalize(category, path.get(a));
      const y = normalize(category, path.get(b));
      if (x === null && y === null) continue;
      if (x === null) return nullsLast ? 1 : -1;
      if (y === null) return nullsLast ? -1 : 1;
      const c = compareNormalized(x, y);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}
