import type { RecordError } from '../errors';
import type { FieldDescribe } from '../schema/describe-types';
import type { ObjectDefinition } from '../schema/object-definition';
import { canonicalId } from '../util/record-ids';
import type { OrgStore } from './org-store';
import type { FieldValue } from './row-types';

/**
 * The checks Salesforce makes on saved values, with its status codes and messages (which use field
 * labels). https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode
 */

const TEXT_LIKE = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'phone', 'url', 'encryptedstring']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const recordError = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });

/** The first problem with one field value, if any. */
export function checkValue(store: OrgStore, field: FieldDescribe, value: FieldValue): RecordError | undefined {
  if (value === null) return undefined;
  const label = field.label;
  if (TEXT_LIKE.has(field.type) && typeof value === 'string' && value.length > field.length) {
    return recordError('STRING_TOO_LONG', `${label}: data value too large: ${value} (max length=${field.length})`, [field.name]);
  }
  if ((field.type === 'picklist' || field.type === 'multipicklist') && field.restrictedPicklist) {
    const allowed = new Set(field.picklistValues.filter((p) => p.active).map((p) => p.value));
    const bad = String(value).split(';').find((v) => !allowed.has(v));
    if (bad !== undefined) {
      return recordError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${label}: bad value for restricted picklist field: ${bad}`, [field.name]);
    }
  }
  if (field.type === 'email' && !EMAIL.test(String(value))) {
    return recordError('INVALID_EMAIL_ADDRESS', `${label}: invalid email address: ${value}`, [field.name]);
  }
  if (typeof value === 'number' && ['int', 'double', 'currency', 'percent'].includes(field.type)) {
    const integerDigits = field.type === 'int' ? field.digits : field.precision - field.scale;
    if (integerDigits > 0 && Math.abs(Math.trunc(value)) >= 10 ** integerDigits) {
      return recordError('NUMBER_OUTSIDE_VALID_RANGE', `${label}: value outside of valid range on numeric field: ${value}`, [field.name]);
    }
  }
  if (field.type === 'reference') return checkReference(store, field, String(value));
  return undefined;
}

function checkReference(store: OrgStore, field: FieldDescribe, text: string): RecordError | undefined {
  const id = canonicalId(text);
  if (!id) return recordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`, [field.name]);
  if (field.referenceTo.includes('User') && id.startsWith('005')) {
    // The org has one user: its API user.
    return id === store.userId ? undefined : recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
  }
  const target = store.findRecord(id);
  if (!target && !field.referenceTo.some((name) => name !== 'User' && name !== 'Group' && id.startsWith(prefixOf(store, name)))) {
    return recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${text}`, [field.name]);
  }
  if (target && !field.referenceTo.includes(target.def.name)) {
    return recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${text}`, [field.name]);
  }
  if (!target) return recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
  if (target.row['IsDeleted'] === true) return recordError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
  return undefined;
}

function prefixOf(store: OrgStore, objectName: string): string {
  return store.keyPrefixOf(objectName) ?? '\u0000';
}

/** REQUIRED_FIELD_MISSING for createable, non-nillable fields without a default that are empty. */
export function checkRequired(def: ObjectDefinition, row: Record<string, FieldValue>, only?: Set<string>): RecordError | undefined {
  const missing = def.fields
    .filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean' && (!only || only.has(f.name)))
    .filter((f) => row[f.name] === null || row[f.name] === undefined)
    .map((f) => f.name);
  return missing.length ? recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing) : undefined;
}

/** INVALID_FIELD_FOR_INSERT_UPDATE for values sent to read-only fields. */
export function checkWritable(fields: FieldDescribe[], creating: boolean): RecordError | undefined {
  const readOnly = fields.filter((f) => f.name !== 'Id' && !(creating ? f.createable : f.updateable)).map((f) => f.name);
  if (!readOnly.length) return undefined;
  return recordError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    readOnly,
  );
}
