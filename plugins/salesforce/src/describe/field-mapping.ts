import type { CanonicalType, CrmField, FieldFormat, UnsupportedField } from '@crm-hub/plugin-sdk';
import type { SfField } from './describe-types';
import { enumIdOf } from './picklist-mapping';

/**
 * Salesforce field types → canonical types. Notes on the less obvious ones:
 * - `double` and `long` are `decimal`: a Number(18,0) exceeds JavaScript's safe integers;
 * - `combobox` accepts free text, so it is a `string` that still points at its suggested values;
 * - `encryptedstring` (Shield / classic encrypted text) is a `string`: the API reads it masked or
 *   clear as the user's permissions say, and writes it as text;
 * - `location` (geolocation) is `json`: an object of its latitude/longitude components;
 * - `base64` is not readable (see {@link unsupportedReason}).
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

/**
 * Why a describe field is not in the catalog (for `CrmObject.unsupportedFields`), or `undefined`
 * when it is. `base64` is not `binary`: a SOQL query (REST or Bulk) returns a blob URL
 * (`/services/data/vXX.X/sobjects/Document/015…/Body`) instead of the content, so reading it would
 * cost one request per record, which reads do not do.
 *
 * @example
 * ```ts
 * unsupportedReason({ type: 'base64' } as SfField); // 'SOQL returns a blob URL (…)'
 * ```
 */
export function unsupportedReason(field: Pick<SfField, 'type'>): string | undefined {
  if (field.type === 'base64') {
    return 'SOQL (REST and Bulk) returns a URL of the blob, not its content: reading it would take one request per record';
  }
  return canonicalTypeOf(field) === undefined ? `Salesforce field type '${field.type}' is not supported by this plugin` : undefined;
}

/**
 * The field as a catalog `UnsupportedField`, or `undefined` when the plugin reads it.
 *
 * @example
 * ```ts
 * toUnsupportedField(attachmentField); // { name: 'Attachment__c', nativeType: 'base64', reason: 'SOQL …' }
 * ```
 */
export function toUnsupportedField(field: SfField): UnsupportedField | undefined {
  const reason = unsupportedReason(field);
  return reason === undefined ? undefined : { name: field.name, nativeType: field.type, reason };
}

/** Whether the field's values are listed as an enum. */
export function hasPicklist(field: SfField): boolean {
  return ['picklist', 'multipicklist', 'combobox'].includes(field.type);
}

/** Whether a reference field can point at records of several objects (`Task.WhoId`, `OwnerId` → User or Group). */
export function isPolymorphic(field: Pick<SfField, 'type' | 'referenceTo'>): boolean {
  return field.type === 'reference' && (field.referenceTo?.length ?? 0) > 1;
}

const TYPE_FORMATS: Partial<Record<string, FieldFormat>> = { email: 'email', phone: 'phone', url: 'url' };
const EXTRA_FORMATS: Partial<Record<string, FieldFormat>> = {
  richtextarea: 'html',
  plaintextarea: 'multiline',
  imageurl: 'image-url',
  personname: 'person-name',
  switchablepersonname: 'person-name',
};

/**
 * How a field's text is meant, from its type and `extraTypeInfo`: rich text areas hold `html`,
 * other text areas `multiline` text, formula fields made with `IMAGE()` an `image-url`, the
 * compound `Name` of people a `person-name`; email, phone and url fields their own format.
 *
 * @example
 * ```ts
 * formatOf({ type: 'textarea', extraTypeInfo: 'richtextarea' } as SfField); // 'html'
 * ```
 */
export function formatOf(field: Pick<SfField, 'type' | 'extraTypeInfo' | 'htmlFormatted'>): FieldFormat | undefined {
  const extra = field.extraTypeInfo ? EXTRA_FORMATS[field.extraTypeInfo] : undefined;
  if (extra) return extra;
  if (field.type === 'textarea') return field.htmlFormatted === true ? 'html' : 'multiline';
  return TYPE_FORMATS[field.type];
}

/** Polymorphic values are `"<Target>:<id>"`: room for the longest target name, a colon and the id. */
function referenceLength(field: SfField): number | undefined {
  if (!isPolymorphic(field)) return field.length || undefined;
  const longest = Math.max(...(field.referenceTo ?? []).map((t) => t.length));
  return longest + 1 + (field.length || 18);
}

/**
 * A describe field as a catalog field: canonical type, sizes, flags, reference targets and
 * relationship, enum id, the components of compound fields (address, geolocation), and what
 * SDK 1.1 adds — `required` (a create must give it: `!nillable && createable &&
 * !defaultedOnCreate`, so Lead `Status`, `OwnerId` and checkboxes are not), `computed` (formula
 * and roll-up summary fields: they change without the record's stamp moving), `autoNumber`,
 * `nameField` and `format`. Polymorphic references get a `length` that fits `"<Target>:<id>"`.
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
    required: !field.nillable && field.createable && field.defaultedOnCreate !== true,
    createable: field.createable,
    updateable: field.updateable,
    externalId: field.externalId === true,
    unique: field.unique === true,
  };
  if (field.calculated === true) crm.computed = true;
  if (field.autoNumber === true) crm.autoNumber = true;
  if (field.nameField === true) crm.nameField = true;
  const format = formatOf(field);
  if (format) crm.format = format;
  if (['string', 'text', 'email', 'phone', 'url', 'enum', 'multi-enum', 'id'].includes(type) && field.length) crm.length = field.length;
  if (field.type === 'int' && field.digits) crm.precision = field.digits;
  if (['decimal', 'currency', 'percent'].includes(type) && field.precision) {
    crm.precision = field.precision;
    crm.scale = field.scale ?? 0;
  }
  if (type === 'reference') {
    crm.referenceTo = [...(field.referenceTo ?? [])];
    if (field.relationshipName) crm.relationshipName = field.relationshipName;
    const length = referenceLength(field);
    if (length) crm.length = length;
  }
  if (hasPicklist(field)) crm.enumId = enumIdOf(object, field.name);
  if (components.length) crm.components = components;
  return crm;
}
