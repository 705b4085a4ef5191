import { describeColumnType, isSafeWidening, sameType, type HubColumnType } from '@crm-hub/persistence';
import type { CrmEnum, CrmObject } from '@crm-hub/plugin-sdk';
import type { EnumSnapshot } from '../crm-schema-field.entity';
import type { CrmSchemaEntity } from '../crm-schema.entity';
import { columnTypeFor, describeFingerprint, enumFingerprint } from '../planning/column-plan';

/** A field the CRM has and the schema does not (or had, and removed). */
export interface AddedField {
  field: string;
  type: string;
  columnType: string | null;
  /** The field was in the schema before, removed, and is back. */
  returning: boolean;
}

/** A field whose type or size changed in the CRM. */
export interface RetypedField {
  field: string;
  from: string;
  to: string;
  /** Whether the column can follow without losing or reinterpreting data. */
  safe: boolean;
  reason: string;
}

/** A picklist whose values changed in the CRM. */
export interface ChangedPicklist {
  field: string;
  picklist: string;
  added: string[];
  removed: string[];
  relabeled: string[];
}

/** What differs between a schema and the CRM's describe of its object now. */
export interface DriftReport {
  schemaId: string;
  checkedAt: string;
  upToDate: boolean;
  added: AddedField[];
  removed: { field: string; column: string | null }[];
  retyped: RetypedField[];
  picklists: ChangedPicklist[];
}

/** Compares a schema with a fresh describe. Picklist changes are found by value, label and active flag. */
export function compareWithCrm(schema: CrmSchemaEntity, object: CrmObject, enums: CrmEnum[]): DriftReport {
  const byName = new Map(object.fields.map((f) => [f.name, f]));
  const known = new Map(schema.fields.map((f) => [f.fieldName, f]));
  const added: AddedField[] = object.fields
    .filter((f) => !known.get(f.name)?.active)
    .map((f) => ({ field: f.name, type: f.type, columnType: f.type === 'address' ? null : describeColumnType(columnTypeFor(f)), returning: known.has(f.name) }));
  const removed = schema.fields.filter((f) => f.active && !byName.has(f.fieldName)).map((f) => ({ field: f.fieldName, column: f.columnName }));
  const retyped: RetypedField[] = [];
  const picklists: ChangedPicklist[] = [];
  for (const stored of schema.fields.filter((f) => f.active)) {
    const current = byName.get(stored.fieldName);
    if (!current) continue;
    if (stored.columnType) {
      const next = columnTypeFor(current);
      if (!sameType(stored.columnType, next) || stored.canonicalType !== current.type) {
        retyped.push(retype(stored.fieldName, stored.canonicalType, stored.columnType, current.type, next));
      }
    }
    const fingerprint = enumFingerprint(current, enums);
    if (stored.crmEnumId && fingerprint !== stored.enumFingerprint) {
      picklists.push(picklistChange(stored.fieldName, current.enumId ?? stored.crmEnumId, stored.enumSnapshot ?? [], enums.find((e) => e.id === current.enumId)?.values ?? []));
    }
  }
  return {
    schemaId: schema.id,
    checkedAt: new Date().toISOString(),
    upToDate: describeFingerprint(object, enums) === schema.fingerprint && !added.length && !removed.length && !retyped.length && !picklists.length,
    added,
    removed,
    retyped,
    picklists,
  };
}

function retype(field: string, fromType: string, from: HubColumnType, toType: string, to: HubColumnType): RetypedField {
  const safe = isSafeWidening(from, to);
  const fromText = `${fromType} ${describeColumnType(from)}`;
  const toText = `${toType} ${describeColumnType(to)}`;
  return {
    field,
    from: fromText,
    to: toText,
    safe,
    reason: safe
      ? `the column widens from ${describeColumnType(from)} to ${describeColumnType(to)}; no stored value changes`
      : `changing ${fromText} to ${toText} could lose or reinterpret stored values: the hub will not convert it. ` +
        'Keep the column as it is (apply with skipUnsafe) or create a new schema for the object and re-import it',
  };
}

function picklistChange(field: string, picklist: string, before: EnumSnapshot, after: EnumSnapshot): ChangedPicklist {
  const old = new Map(before.map((v) => [v.value, v]));
  const now = new Map(after.map((v) => [v.value, v]));
  return {
    field,
    picklist,
    added: [...now.keys()].filter((v) => !old.has(v)),
    removed: [...old.keys()].filter((v) => !now.has(v)),
    relabeled: [...now.values()].filter((v) => old.has(v.value) && (old.get(v.value)?.label !== v.label || old.get(v.value)?.active !== v.active)).map((v) => v.value),
  };
}
