import type { CanonicalType, CrmField } from '@crm-hub/plugin-sdk';
import type { SfField } from './describe-types';
import { enumIdOf } from './picklist-mapping';

/**
 * Salesforce field types → canonical types. Notes on the less obvious ones:
 * - `double` and `long` are `decimal`: a Number(18,0) exceeds JavaScript's safe integers;
 * - `combobox` accepts free text, so it is a `string` that still points at its suggested values;
 * - `location` (geolocation) is `json`: an object of its latitude/longitude components;
 * - `base64` is left out of the catalog: SOQL returns a blob URL, not the content.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm
 */
const TYPES: Record<string, CanonicalType> = {
  id: 'id',
  string: 'string',
  encryptedstring: 'string',
  combobox: 'string',
  datacategorygroupreference: 'string',
  textarea: 'text',
  email: 'email',
  phone: 'phone',
  url: 'url',
  boolean: 'boolean',
  int: 'integer',
  long: 'decimal',
  double: 'decimal',
  currency: 'currency',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  picklist: 'enum',
  multipicklist: 'multi-enum',
  reference: 'reference',
  address: 'address',
  location: 'json',
  anyType: 'json',
  complexvalue: 'json',
};

/**
 * The canonical type of a describe field, or `undefined` for fields the plugin does not expose
 * (`base64`, unknown future types).
 *
 * @example
 * ```ts
 * canonicalTypeOf({ type: 'multipicklist' } as SfField); // 'multi-enum'
 * ```
 */
export function canonicalTypeOf(field: Pick<SfField, 'type'>): CanonicalType | undefined {
  return Object.prototype.hasOwnProperty.call(TYPES, field.type) ? TYPES[field.type] : undefined;
}

/** Whether the field's values are listed as an enum. */
export function hasPicklist(field: SfField): boolean {
  return ['picklist', 'multipicklist', 'combobox'].includes(field.type);
}

/**
 * A describe field as a catalog field: canonical type, sizes, flags, reference targets, enum id
 * and the components of compound fields (address, geolocation).
 *
 * @example
 * ```ts
 * toCrmField('Contact', mailingAddress, ['MailingStreet', 'MailingCity']);
 * // { name: 'MailingAddress', type: 'address', components: ['MailingStreet', 'MailingCity'], … }
 * ```
 */
export function toCrmField(object: string, field: SfField, components: string[]): CrmField | undefined {
  const type = canonicalTypeOf(field);
  if (type === undefined) return undefined;
  const crm: CrmField = {
    name: field.name,
    label: field.label,
    nativeType: field.type,
    type,
    nullable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    externalId: field.externalId === true,
    unique: field.unique === true,
  };
  if (['string', 'text', 'email', 'phone', 'url', 'enum', 'multi-enum', 'id', 'reference'].includes(type) && field.length) {
    crm.length = field.length;
  }
  if (field.type === 'int' && field.digits) crm.precision = field.digits;
  if (['decimal', 'currency', 'percent'].includes(type) && field.precision) {
    crm.precision = field.precision;
    crm.scale = field.scale ?? 0;
  }
  if (type === 'reference') crm.referenceTo = [...(field.referenceTo ?? [])];
  if (hasPicklist(field)) crm.enumId = enumIdOf(object, field.name);
  if (components.length) crm.components = components;
  return crm;
}
