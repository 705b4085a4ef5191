import type { FieldDescribe, SalesforceEmulator } from '@crm-hub/crm-emulators';
import { parseMultiEnum, toDecimalString, toInteger, toIsoDateTime, toIsoTime } from '@crm-hub/plugin-sdk';

/** One REST value of a field in canonical form (SDK value table); `undefined` for types left out. */
function canonical(field: FieldDescribe, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'multipicklist':
      return parseMultiEnum(String(value), ';');
    case 'int':
      return toInteger(value as number);
    case 'double':
    case 'currency':
    case 'percent':
      return toDecimalString(value as number);
    case 'datetime':
      return toIsoDateTime(String(value));
    case 'time':
      return toIsoTime(String(value));
    case 'boolean':
    case 'date':
      return value;
    case 'location':
    case 'base64':
    case 'anyType':
      return undefined;
    default:
      return typeof value === 'string' ? value : undefined; // text, picklists, ids and references (bare ids)
  }
}

/**
 * A record as the emulated org stores it, read through the emulator's control interface (never
 * through the plugin), in canonical form: the independent witness the conformance kit's
 * `crm.readRecord` asks for. Types come from the emulator's own describe; compound addresses
 * become objects of their component fields (null when all are empty); references stay bare ids
 * (the kit compares references by id). `undefined` when the record does not exist or is deleted.
 */
export function canonicalRecord(emulator: SalesforceEmulator, object: string, id: string): Record<string, unknown> | undefined {
  const values = emulator.record(object, id);
  if (values === undefined) return undefined;
  const { fields } = emulator.describe(object);
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.type === 'address') {
      const parts = fields.filter((f) => f.compoundFieldName === field.name).map((f) => [f.name, canonical(f, values[f.name])] as const);
      record[field.name] = parts.every(([, v]) => v === null) ? null : Object.fromEntries(parts);
      continue;
    }
    const value = canonical(field, values[field.name]);
    if (value !== undefined) record[field.name] = value;
  }
  return record;
}
