import {
  formatMultiEnum,
  parseMultiEnum,
  toBoolean,
  toDecimalString,
  toInteger,
  toIsoDate,
  toIsoDateTime,
  type CanonicalType,
  type CrmCatalog,
  type CrmEnum,
  type CrmField,
  type CrmObject,
} from '@crm-hub/plugin-sdk';
import type { MemoryFieldSchema, MemoryRow } from './memory-crm';

const TYPES: Record<MemoryFieldSchema['nativeType'], CanonicalType> = {
  id: 'id',
  string: 'string',
  email: 'email',
  int: 'integer',
  currency: 'currency',
  multipicklist: 'multi-enum',
  picklist: 'enum',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  address: 'address',
};

/** The catalog of the described objects; `fields: false` for a listing. `broken` reports a native type as is. */
export function toCatalog(
  schema: Record<string, MemoryFieldSchema[]>,
  objects: string[],
  withFields: boolean,
  broken: boolean,
): CrmCatalog {
  const enums: CrmEnum[] = [];
  const described: CrmObject[] = objects.map((name) => ({
    name,
    label: name,
    custom: false,
    idField: 'Id',
    cursorField: 'SystemModstamp',
    incremental: 'cursor',
    fields: withFields ? (schema[name] ?? []).map((f) => toField(name, f, enums, broken)) : [],
  }));
  return { objects: described, enums };
}

function toField(object: string, f: MemoryFieldSchema, enums: CrmEnum[], broken: boolean): CrmField {
  const field: CrmField = {
    name: f.name,
    label: f.name,
    nativeType: f.nativeType,
    type: broken && f.nativeType === 'picklist' ? ('picklist' as CanonicalType) : TYPES[f.nativeType],
    nullable: !f.required && f.nativeType !== 'id' && f.nativeType !== 'boolean',
    createable: !f.readOnly,
    updateable: !f.readOnly,
    externalId: f.externalId === true,
    unique: f.externalId === true || f.nativeType === 'id',
  };
  if (f.picklist) {
    const id = `${object}.${f.name}`;
    field.enumId = id;
    enums.push({
      id,
      label: f.name,
      global: false,
      multiSelect: f.nativeType === 'multipicklist',
      restricted: true,
      values: f.picklist.map((value, order) => ({ value, label: value, active: true, isDefault: false, order })),
    });
  }
  if (f.components) field.components = [...f.components];
  return field;
}

/** A row's requested fields in canonical form (the id and cursor fields always included). */
export function toCanonical(
  row: MemoryRow,
  schema: MemoryFieldSchema[],
  requested: string[],
  floatDecimals: boolean,
): Record<string, unknown> {
  const wanted = new Set([...requested, 'Id', 'SystemModstamp']);
  const data: Record<string, unknown> = {};
  for (const f of schema) {
    if (!wanted.has(f.name)) continue;
    const raw = f.name === 'Id' ? row.id : f.name === 'SystemModstamp' ? row.modifiedAt : row.fields[f.name];
    if (f.nativeType === 'address') {
      data[f.name] = Object.fromEntries((f.components ?? []).map((c) => [c, row.fields[c] ?? null]));
    } else if (raw === undefined || raw === null) {
      data[f.name] = f.nativeType === 'multipicklist' ? [] : null;
    } else {
      data[f.name] = canonicalValue(f.nativeType, raw, floatDecimals);
    }
  }
  return data;
}

function canonicalValue(type: MemoryFieldSchema['nativeType'], raw: unknown, floatDecimals: boolean): unknown {
  switch (type) {
    case 'int':
      return toInteger(raw as number);
    case 'currency':
      return floatDecimals ? Number(raw) : toDecimalString(raw as string);
    case 'multipicklist':
      return parseMultiEnum(raw as string, ';');
    case 'boolean':
      return toBoolean(raw as boolean);
    case 'date':
      return toIsoDate(raw as string);
    case 'datetime':
      return toIsoDateTime(raw as string);
    default:
      return String(raw);
  }
}

/** Canonical field data to native (multi-enums joined with ';'); other values pass as they are. */
export function toNative(data: Record<string, unknown>, schema: MemoryFieldSchema[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => {
      const f = schema.find((s) => s.name === name);
      return [name, f?.nativeType === 'multipicklist' && Array.isArray(value) ? formatMultiEnum(value as string[], ';') : value];
    }),
  );
}
