import type { HubColumnType } from '@crm-hub/persistence';
import { type FilterExpr, type FilterOperator, type FilterProblem, toDecimalString, toIsoDate, toIsoDateTime, toIsoTime } from '@crm-hub/plugin-sdk';
import type { CrmSchemaFieldEntity } from '../crm-schema-field.entity';
import { DECIMAL_TEXT } from './sqlite-functions';

type Kind = HubColumnType['kind'];

const ORDERED: FilterOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'isNull'];

/**
 * The operators each column type answers the same way on SQLite and PostgreSQL. Text compares by
 * code point on both (see filter-sql), `contains`/`startsWith` are text searches, and on JSON
 * columns (multi-selects) `contains` means "has this value among its selections".
 */
export const OPERATORS_BY_KIND: Record<Kind, readonly FilterOperator[]> = {
  text: [...ORDERED, 'contains', 'startsWith'],
  varchar: [...ORDERED, 'contains', 'startsWith'],
  integer: ORDERED,
  decimal: ORDERED,
  date: ORDERED,
  timestamp: ORDERED,
  time: ORDERED,
  boolean: ['eq', 'ne', 'in', 'isNull'],
  json: ['contains', 'isNull'],
};

const NUL_MESSAGE = 'must not contain a NUL character (\\u0000)';

/** What a value of each column type must look like, for the error message. */
const EXPECTED: Record<Kind, string> = {
  text: 'a string',
  varchar: 'a string',
  integer: 'a whole number (e.g. 42 or "42")',
  decimal: 'a decimal number (e.g. 10.5 or "10.50")',
  date: 'a date YYYY-MM-DD',
  timestamp: 'a date-time with its offset, e.g. 2026-01-31T09:30:00Z',
  time: 'a time HH:mm[:ss[.sss]]',
  boolean: 'true or false',
  json: 'a string',
};

/**
 * Converts each value of an (already well-formed) filter to its column's canonical type, so both
 * databases compare the same things: exact decimal strings, whole numbers, booleans, `YYYY-MM-DD`
 * dates, UTC instants, `HH:mm:ss.sss` times. Values that do not convert and operators a type does
 * not support are listed as problems, each at its path in the filter.
 */
export function convertFilter(expr: FilterExpr, fields: Map<string, CrmSchemaFieldEntity>): { filter: FilterExpr; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const filter = convert(expr, '', fields, problems);
  return { filter, problems };
}

function convert(expr: FilterExpr, path: string, fields: Map<string, CrmSchemaFieldEntity>, out: FilterProblem[]): FilterExpr {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if ('and' in expr) return { and: expr.and.map((e, i) => convert(e, `${at('and')}[${i}]`, fields, out)) };
  if ('or' in expr) return { or: expr.or.map((e, i) => convert(e, `${at('or')}[${i}]`, fields, out)) };
  if ('not' in expr) return { not: convert(expr.not, at('not'), fields, out) };
  const kind = fields.get(expr.field)?.columnType?.kind ?? 'text';
  if (!OPERATORS_BY_KIND[kind].includes(expr.op)) {
    out.push({
      path,
      message: `operator '${expr.op}' is not supported on field '${expr.field}' (${kind}); use one of ${OPERATORS_BY_KIND[kind].join(', ')}`,
      unsupported: true,
    });
    return expr;
  }
  if (expr.op === 'isNull') return expr;
  if (expr.op === 'contains' || expr.op === 'startsWith') {
    // Non-empty strings (checked by validateFilter), but not NUL: PostgreSQL cannot even compare it.
    if (String(expr.value).includes('\0')) out.push({ path: at('value'), message: NUL_MESSAGE });
    return expr;
  }
  if (expr.op === 'in') {
    const values = (expr.value as unknown[]).map((v, i) => convertValue(v, kind, `${at('value')}[${i}]`, expr.field, out));
    return { ...expr, value: values };
  }
  return { ...expr, value: convertValue(expr.value, kind, at('value'), expr.field, out) };
}

/** One value in its column's canonical form, or a problem (and the value unchanged). */
export function convertValue(value: unknown, kind: Kind, path: string, field: string, out: FilterProblem[]): unknown {
  if (typeof value === 'string' && value.includes('\0')) {
    out.push({ path, message: NUL_MESSAGE });
    return value;
  }
  const converted = tryConvert(value, kind);
  if (converted !== undefined) return converted;
  out.push({ path, message: `${shown(value)} is not ${EXPECTED[kind]}, as field '${field}' (${kind}) needs` });
  return value;
}

function tryConvert(value: unknown, kind: Kind): unknown {
  try {
    switch (kind) {
      case 'text':
      case 'varchar':
      case 'json':
        // A number compares as its text on both databases; a boolean has no single text form.
        return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
      case 'integer':
        return wholeNumber(value);
      case 'decimal':
        // DECIMAL_TEXT first: a huge exponent would make toDecimalString build that many digits.
        return (typeof value === 'string' && DECIMAL_TEXT.test(value)) || typeof value === 'number' ? toDecimalString(value as string | number) : undefined;
      case 'boolean':
        return typeof value === 'boolean' ? value : undefined;
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? toIsoDate(value) : undefined;
      case 'timestamp':
        return typeof value === 'string' ? toIsoDateTime(value) : undefined;
      case 'time':
        return typeof value === 'string' ? toIsoTime(value) : undefined;
    }
  } catch {
    return undefined; // CanonicalValueError: not a value of this type
  }
}

/** A safe integer, from a number or a decimal-digit string (never hex, exponent or fraction). */
function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d{1,16}$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
