import { createHash } from 'node:crypto';
import { invalidInput } from '../errors';
import type { ObjectDefinition } from '../schema/object-definition';
import type { HubSpotPropertyType } from '../schema/property-types';
import type { StoredRecord } from '../store/object-store';
import { propertyValue } from '../store/record-view';
import type { SearchFilter, SearchRequest } from './search-request';

type Comparable = number | string;

/**
 * Runs a search over the live records of an object: filter groups (OR of ANDs), then the one
 * sort (default: by id). Records with equal sort values come in an order that is stable but
 * not by id (a hash of it): HubSpot documents no tie order, so clients must not rely on one.
 * Values compare by the property's type: numbers and `hs_object_id` numerically, dates and
 * date-times as instants (filter values in epoch milliseconds or ISO 8601), text without case.
 */
export function runSearch(def: ObjectDefinition, records: StoredRecord[], request: SearchRequest): StoredRecord[] {
  for (const group of request.filterGroups) for (const filter of group) typeOf(def, filter.propertyName);
  const matching = records.filter((r) => request.filterGroups.length === 0 || request.filterGroups.some((g) => g.every((f) => matches(def, r, f))));
  const sort = request.sort ?? { propertyName: 'hs_object_id', descending: false };
  const type = typeOf(def, sort.propertyName);
  const keyed = matching.map((record) => ({ record, key: comparable(type, propertyValue(def, record, sort.propertyName) ?? null), tie: tieOf(record.id) }));
  keyed.sort((a, b) => {
    const byKey = compareKeys(a.key, b.key) * (sort.descending ? -1 : 1);
    return byKey !== 0 ? byKey : a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0;
  });
  return keyed.map((k) => k.record);
}

function typeOf(def: ObjectDefinition, name: string): HubSpotPropertyType {
  const property = def.properties.find((p) => p.name === name);
  if (!property) throw invalidInput(`Property "${name}" does not exist on ${def.plural}`, 'PROPERTY_DOESNT_EXIST');
  return property.type;
}

function matches(def: ObjectDefinition, record: StoredRecord, filter: SearchFilter): boolean {
  const type = typeOf(def, filter.propertyName);
  const held = propertyValue(def, record, filter.propertyName) ?? null;
  const { operator } = filter;
  if (operator === 'HAS_PROPERTY') return held !== null;
  if (operator === 'NOT_HAS_PROPERTY') return held === null;
  if (held === null) return operator === 'NEQ' || operator === 'NOT_IN' || operator === 'NOT_CONTAINS_TOKEN';
  const parts = def.properties.find((p) => p.name === filter.propertyName)?.fieldType === 'checkbox' ? held.split(';') : [held];
  const value = comparable(type, filter.value ?? null);
  const any = (test: (part: Comparable) => boolean) => parts.some((p) => test(comparable(type, p)));
  switch (operator) {
    case 'EQ':
      return any((p) => compareKeys(p, value) === 0);
    case 'NEQ':
      return !any((p) => compareKeys(p, value) === 0);
    case 'LT':
      return any((p) => compareKeys(p, value) < 0);
    case 'LTE':
      return any((p) => compareKeys(p, value) <= 0);
    case 'GT':
      return any((p) => compareKeys(p, value) > 0);
    case 'GTE':
      return any((p) => compareKeys(p, value) >= 0);
    case 'BETWEEN': {
      const high = comparable(type, filter.highValue ?? null);
      return any((p) => compareKeys(p, value) >= 0 && compareKeys(p, high) <= 0);
    }
    case 'IN':
      return any((p) => (filter.values ?? []).some((v) => compareKeys(p, comparable(type, v)) === 0));
    case 'NOT_IN':
      return !any((p) => (filter.values ?? []).some((v) => compareKeys(p, comparable(type, v)) === 0));
    case 'CONTAINS_TOKEN':
      return tokenMatch(held, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !tokenMatch(held, filter.value ?? '');
    default:
      return false;
  }
}

/** A value in a comparable form: a number for numbers and instants, lower-case text otherwise. */
function comparable(type: HubSpotPropertyType, text: string | null): Comparable {
  if (text === null) return '';
  if (type === 'number') return Number(text);
  if (type === 'datetime' || type === 'date') {
    if (/^-?\d+$/.test(text)) return Number(text);
    const ms = Date.parse(type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(ms)) throw invalidInput(`${text} is not a valid ${type} value`);
    return ms;
  }
  return text.toLowerCase();
}

function compareKeys(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Tokens: words of the value; `*` in the searched token is a wildcard. */
function tokenMatch(held: string, token: string): boolean {
  const pattern = new RegExp(`^${token.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return held
    .toLowerCase()
    .split(/[\s@.,;:_-]+/)
    .some((word) => pattern.test(word));
}

const ties = new Map<string, string>();

function tieOf(id: string): string {
  let tie = ties.get(id);
  if (tie === undefined) ties.set(id, (tie = createHash('sha1').update(id).digest('hex')));
  return tie;
}
