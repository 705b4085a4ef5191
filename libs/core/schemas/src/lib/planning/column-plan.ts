import type { HubColumnType } from '@crm-hub/persistence';
import type { CrmEnum, CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import { createHash } from 'node:crypto';
import type { EnumSnapshot } from '../crm-schema-field.entity';
import { claimName, toSnakeIdentifier } from '../naming/hub-names';

/** A CRM field as the hub stores it: its column (none for a compound field stored as components). */
export interface PlannedField {
  field: CrmField;
  column: string | null;
  columnType: HubColumnType | null;
  /** For an address component: the compound field it belongs to. */
  compoundOf: string | null;
  /** Fingerprint of the field's picklist values (enum and multi-enum), for drift. */
  enumFingerprint: string | null;
  enumSnapshot: EnumSnapshot | null;
}

/** Longest varchar declared as such; longer texts become `text`. */
const MAX_VARCHAR = 10_000;

/**
 * The column type of a canonical field type. Exact and lossless: decimals keep precision and scale,
 * instants keep their time zone, multi-enums and JSON are JSON, ids and references fit any CRM id.
 */
export function columnTypeFor(field: CrmField): HubColumnType {
  const length = field.length && field.length > 0 && field.length <= MAX_VARCHAR ? field.length : undefined;
  switch (field.type) {
    case 'id':
    case 'reference':
      return { kind: 'varchar', length: Math.max(length ?? 0, 255) };
    case 'string':
    case 'email':
    case 'phone':
    case 'url':
    case 'enum':
      return length ? { kind: 'varchar', length } : { kind: 'text' };
    case 'text':
    case 'binary':
      return { kind: 'text' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'integer' };
    case 'decimal':
    case 'currency':
    case 'percent':
      return field.precision ? { kind: 'decimal', precision: field.precision, scale: field.scale ?? 0 } : { kind: 'decimal' };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: 'timestamp' };
    case 'time':
      return { kind: 'time' };
    case 'multi-enum':
    case 'address':
    case 'json':
      return { kind: 'json' };
  }
}

/**
 * Expands a selection of fields: an address whose components are all fields of the object is stored
 * as those component columns (the compound itself gets none); selecting the address selects them.
 */
export function expandSelection(object: CrmObject, selected: readonly string[]): string[] {
  const names = new Set(object.fields.map((f) => f.name));
  const result = new Set<string>();
  for (const name of selected) {
    result.add(name);
    const field = object.fields.find((f) => f.name === name);
    if (field?.type === 'address' && field.components?.every((c) => names.has(c))) field.components.forEach((c) => result.add(c));
  }
  return object.fields.map((f) => f.name).filter((n) => result.has(n));
}

/** Plans columns for the selected fields, claiming names in `taken` (which holds the names already used). */
export function planFields(object: CrmObject, selected: readonly string[], enums: CrmEnum[], taken: Set<string>): PlannedField[] {
  const names = new Set(object.fields.map((f) => f.name));
  const compoundOf = new Map<string, string>();
  for (const f of object.fields) {
    if (f.type === 'address' && f.components?.every((c) => names.has(c))) f.components.forEach((c) => compoundOf.set(c, f.name));
  }
  return selected.map((name) => {
    const field = object.fields.find((f) => f.name === name) as CrmField;
    const storedAsComponents = field.type === 'address' && field.components?.every((c) => names.has(c));
    return {
      field,
      column: storedAsComponents ? null : claimName(toSnakeIdentifier(field.name), taken),
      columnType: storedAsComponents ? null : columnTypeFor(field),
      compoundOf: compoundOf.get(field.name) ?? null,
      enumFingerprint: enumFingerprint(field, enums),
      enumSnapshot: enumSnapshot(field, enums),
    };
  });
}

/** A picklist's values (value, label, active), kept to explain later changes. */
export function enumSnapshot(field: CrmField, enums: CrmEnum[]): EnumSnapshot | null {
  const crmEnum = field.enumId ? enums.find((e) => e.id === field.enumId) : undefined;
  return crmEnum ? crmEnum.values.map((v) => ({ value: v.value, label: v.label, active: v.active })) : null;
}

/** A stable digest of a picklist's values (value, label, active), to see when the CRM changed them. */
export function enumFingerprint(field: CrmField, enums: CrmEnum[]): string | null {
  if (!field.enumId) return null;
  const crmEnum = enums.find((e) => e.id === field.enumId);
  if (!crmEnum) return null;
  const values = crmEnum.values.map((v) => [v.value, v.label, v.active]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32);
}

/** A stable digest of what matters in an object's describe, to see cheaply that nothing changed. */
export function describeFingerprint(object: CrmObject, enums: CrmEnum[]): string {
  const fields = object.fields
    .map((f) => [f.name, f.type, f.nativeType, f.length ?? null, f.precision ?? null, f.scale ?? null, f.components ?? null, enumFingerprint(f, enums)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
