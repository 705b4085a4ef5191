import type { FieldDescribe } from '../schema/describe-types';
import type { ObjectDefinition } from '../schema/object-definition';
import { RawJson } from '../util/rest-json';
import { bulkDateTime, restDateTime } from '../util/sf-dates';
import { javaDoubleText } from '../util/sf-numbers';
import type { FieldValue, Row } from './row-types';

/**
 * Reading stored rows as the APIs answer them.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm
 */

/** A field's value, formula fields computed. */
export function readField(def: ObjectDefinition, row: Row, field: FieldDescribe): FieldValue {
  const formula = def.formulas?.[field.name];
  if (formula) return formula(row);
  return row[field.name] ?? null;
}

const ADDRESS_PARTS: [string, string][] = [
  ['city', 'City'], ['country', 'Country'], ['geocodeAccuracy', 'GeocodeAccuracy'], ['latitude', 'Latitude'],
  ['longitude', 'Longitude'], ['postalCode', 'PostalCode'], ['state', 'State'], ['street', 'Street'],
];

const DOUBLES = new Set(['double', 'currency', 'percent']);

/**
 * A value in REST JSON form: datetimes `…+0000`, compound addresses as objects (null when empty).
 * `wire`: doubles as RawJson in Java's notation (`1.2345678E7`), for answers serialized with stringifyRest.
 */
export function restValue(def: ObjectDefinition, row: Row, field: FieldDescribe, wire = false): unknown {
  const number = (v: unknown) => (wire && typeof v === 'number' ? new RawJson(javaDoubleText(v)) : v);
  if (field.type === 'address') {
    const prefix = field.name.slice(0, -'Address'.length);
    const address = Object.fromEntries(ADDRESS_PARTS.map(([key, suffix]) => [key, row[prefix + suffix] ?? null]));
    if (Object.values(address).every((v) => v === null)) return null;
    return { ...address, latitude: number(address['latitude']), longitude: number(address['longitude']) };
  }
  const value = readField(def, row, field);
  if (field.type === 'datetime' && typeof value === 'number') return restDateTime(value);
  return DOUBLES.has(field.type) ? number(value) : value;
}

/** A value as Bulk API CSV text: empty for null, datetimes `…Z`. */
export function csvValue(def: ObjectDefinition, row: Row, field: FieldDescribe): string {
  const value = readField(def, row, field);
  if (value === null) return '';
  if (field.type === 'datetime' && typeof value === 'number') return bulkDateTime(value);
  return String(value);
}

/** The `attributes` block of a REST record. */
export function recordAttributes(def: ObjectDefinition, row: Row, version: string): { type: string; url: string } {
  return { type: def.name, url: `/services/data/${version}/sobjects/${def.name}/${row['Id'] as string}` };
}

/** A whole record in REST form: attributes, then every field of the describe (or the listed ones). */
export function restRecord(def: ObjectDefinition, row: Row, version: string, fields: FieldDescribe[] = def.fields, wire = false): Record<string, unknown> {
  const record: Record<string, unknown> = { attributes: recordAttributes(def, row, version) };
  for (const field of fields) record[field.name] = restValue(def, row, field, wire);
  return record;
}
