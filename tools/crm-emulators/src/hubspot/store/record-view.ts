import type { ObjectDefinition } from '../schema/object-definition';
import type { StoredRecord } from './object-store';

/**
 * The value of one property of a record as the API shows it: stamps and `hs_object_id` from the
 * record itself, calculated properties evaluated now, others as stored; `null` when empty and
 * `undefined` when the object has no such property.
 */
export function propertyValue(def: ObjectDefinition, record: StoredRecord, name: string): string | null | undefined {
  if (name === 'hs_object_id') return record.id;
  if (name === def.createdProperty) return new Date(record.createdMs).toISOString();
  if (name === def.modifiedProperty) return new Date(record.updatedMs).toISOString();
  const property = def.properties.find((p) => p.name === name);
  if (!property) return undefined;
  if (property.compute) return property.compute(record.values);
  return record.values[name] ?? null;
}

/**
 * A record as list, read, search and batch answers show it (`SimplePublicObject`): the asked
 * properties (the object's defaults when none), always with `hs_object_id` and the two stamps;
 * properties the object does not have are left out, empty ones are `null`.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#retrieving-records
 */
export function recordJson(def: ObjectDefinition, record: StoredRecord, asked: readonly string[] | undefined, extra: Record<string, unknown> = {}): object {
  const names = new Set(asked && asked.length ? asked : def.defaultProperties);
  for (const always of ['hs_object_id', def.createdProperty, def.modifiedProperty]) names.add(always);
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    const value = propertyValue(def, record, name);
    if (value !== undefined) properties[name] = value;
  }
  return {
    id: record.id,
    properties,
    createdAt: new Date(record.createdMs).toISOString(),
    updatedAt: new Date(record.updatedMs).toISOString(),
    archived: record.archivedMs !== undefined,
    ...(record.archivedMs !== undefined ? { archivedAt: new Date(record.archivedMs).toISOString() } : {}),
    ...extra,
  };
}

/** `properties` of a query string: repeated and/or comma-separated (`properties=a,b&properties=c`). */
export function askedProperties(params: URLSearchParams): string[] | undefined {
  const names = params.getAll('properties').flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}
