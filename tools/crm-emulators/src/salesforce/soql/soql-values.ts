import type { FieldDescribe } from '../schema/describe-types';
import type { FieldValue } from '../store/row-types';

/** How SOQL compares a field's values: ids case-sensitively, text case-insensitively, dates as text. */
export type ValueCategory = 'id' | 'text' | 'multi' | 'boolean' | 'number' | 'date' | 'datetime';

export function categoryOf(field: FieldDescribe): ValueCategory | undefined {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'string':
    case 'textarea':
    case 'picklist':
    case 'combobox':
    case 'email':
    case 'phone':
    case 'url':
    case 'encryptedstring':
      return 'text';
    case 'multipicklist':
      return 'multi';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return undefined;
  }
}

/** The comparable form of a stored value (text lower-cased; ids on their case-sensitive 15 characters). */
export function normalize(category: ValueCategory, value: FieldValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (category === 'text' || category === 'multi') return String(value).toLowerCase();
  if (category === 'id') return String(value).slice(0, 15);
  return value;
}

export function compareNormalized(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A LIKE pattern as a regular expression: `%` any run, `_` one character, `\%` and `\_` literal. */
export function likeRegex(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\' && i + 1 < raw.length) {
      source += escapeRegex(unescapeChar(raw[++i] as string));
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'i');
}

function unescapeChar(c: string): string {
  return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
