import type { FieldDescribe, FieldType, PicklistEntry } from './describe-types';

/**
 * Builds field describes with every key Salesforce returns and the per-type values real orgs show
 * (soapType, byteLength = 3 bytes per character, filterable/sortable rules of long text and
 * multi-select picklists, `plaintextarea` on plain text areas, compound fields filterable,
 * `permissionable` only where field-level security can be set...).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm#field
 */

type Overrides = Partial<FieldDescribe>;

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', picklist: 'xsd:string',
  multipicklist: 'xsd:string', combobox: 'xsd:string', email: 'xsd:string', phone: 'xsd:string', url: 'xsd:string',
  encryptedstring: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double',
  percent: 'xsd:double', date: 'xsd:date', datetime: 'xsd:dateTime', time: 'xsd:time', address: 'urn:address',
  location: 'urn:location', base64: 'xsd:base64Binary', anyType: 'xsd:anyType',
};

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'phone', 'url', 'encryptedstring']);

/** The describe of a field of `type` with Salesforce's defaults for that type, then `overrides`. */
export function buildField(type: FieldType, name: string, label: string, overrides: Overrides = {}): FieldDescribe {
  const custom = name.endsWith('__c');
  const length = overrides.length ?? defaultLength(type);
  const longText = type === 'textarea' && length > 255;
  const multi = type === 'multipicklist';
  const compound = type === 'address' || type === 'location';
  const field: FieldDescribe = {
    aggregatable: !longText && !multi && !compound && type !== 'boolean',
    aiPredictionField: false,
    autoNumber: false,
    byteLength: TEXT_TYPES.has(type) ? length * 3 : type === 'id' || type === 'reference' ? 18 : 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: true,
    custom,
    defaultValue: type === 'boolean' ? false : null,
    defaultValueFormula: null,
    defaultedOnCreate: type === 'boolean',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: type === 'int' ? 9 : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: false,
    // Every plain text area says so (rich ones override it with `richtextarea`), short ones too.
    extraTypeInfo: type === 'textarea' ? 'plaintextarea' : null,
    // Compound fields are filterable (`Filter, Nillable` in the object reference): by DISTANCE().
    filterable: !longText,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !longText && !multi && !compound && !['double', 'currency', 'percent', 'datetime', 'time'].includes(type),
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: type === 'id',
    inlineHelpText: null,
    label,
    length,
    mask: null,
    maskType: null,
    name,
    nameField: false,
    namePointing: false,
    nillable: type !== 'boolean' && type !== 'id',
    permissionable: false, // decided below, from the merged flags
    picklistValues: [],
    polymorphicForeignKey: false,
    precision: defaultPrecision(type),
    queryByDistance: type === 'address',
    referenceTargetField: null,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: type === 'currency' ? 2 : 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[type],
    sortable: !longText && !multi && !compound,
    type,
    unique: false,
    updateable: true,
    writeRequiresMasterRead: false,
  };
  const merged = { ...field, ...overrides };
  if (overrides.length !== undefined && TEXT_TYPES.has(type)) merged.byteLength = overrides.length * 3;
  merged.permissionable = overrides.permissionable ?? isPermissionable(merged);
  return merged;
}

/**
 * Whether field-level security can be set on the field (`permissionable`): not on the fields every
 * user must see — required ones (not nillable, checkboxes aside: they are never nillable) and
 * the system's own (id, audit stamps, owner, read-only standard fields) — and on every other
 * field, custom ones (formulas and auto numbers included) and optional standard ones.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm#field
 */
function isPermissionable(f: FieldDescribe): boolean {
  const optional = f.nillable || f.type === 'boolean';
  if (f.custom) return optional || f.calculated || f.autoNumber;
  return optional && (f.createable || f.updateable);
}

function defaultLength(type: FieldType): number {
  switch (type) {
    case 'id':
    case 'reference':
      return 18;
    case 'string':
    case 'textarea':
    case 'picklist':
    case 'url':
    case 'combobox':
      return 255;
    case 'multipicklist':
      return 4099;
    case 'email':
      return 80;
    case 'phone':
      return 40;
    default:
      return 0;
  }
}

function defaultPrecision(type: FieldType): number {
  return type === 'double' || type === 'currency' ? 18 : type === 'percent' ? 3 : 0;
}

/** Picklist entries; the first listed default is marked `defaultValue`. */
export function picklistEntries(values: readonly string[], defaultValue?: string): PicklistEntry[] {
  return values.map((value) => ({ active: true, defaultValue: value === defaultValue, label: value, validFor: null, value }));
}

/** System audit and ownership fields every replicateable object has. */
export function systemFields(objectLabel: string, ownerTo: string[]): { head: FieldDescribe[]; tail: FieldDescribe[] } {
  const readOnly = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true } satisfies Overrides;
  const userRef = (name: string, label: string, relationshipName: string): FieldDescribe =>
    buildField('reference', name, label, { ...readOnly, referenceTo: ['User'], relationshipName });
  return {
    head: [
      buildField('id', 'Id', `${objectLabel} ID`, { ...readOnly }),
      buildField('reference', 'OwnerId', 'Owner ID', {
        nillable: false,
        defaultedOnCreate: true,
        referenceTo: ownerTo,
        relationshipName: 'Owner',
        polymorphicForeignKey: ownerTo.length > 1,
      }),
      buildField('boolean', 'IsDeleted', 'Deleted', { ...readOnly }),
    ],
    tail: [
      buildField('datetime', 'CreatedDate', 'Created Date', { ...readOnly }),
      userRef('CreatedById', 'Created By ID', 'CreatedBy'),
      buildField('datetime', 'LastModifiedDate', 'Last Modified Date', { ...readOnly }),
      userRef('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
      buildField('datetime', 'SystemModstamp', 'System Modstamp', { ...readOnly }),
      buildField('date', 'LastActivityDate', 'Last Activity', { createable: false, updateable: false }),
      buildField('datetime', 'LastViewedDate', 'Last Viewed Date', { createable: false, updateable: false }),
      buildField('datetime', 'LastReferencedDate', 'Last Referenced Date', { createable: false, updateable: false }),
    ],
  };
}

/**
 * A compound address and its components, as Salesforce describes them: the compound (type `address`)
 * is read-only and queryable in REST; components carry `compoundFieldName`.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/compound_fields_address.htm
 */
export function addressFields(prefix: string, labelPrefix: string): FieldDescribe[] {
  const compound = `${prefix}Address`;
  const part = (type: 'textarea' | 'string' | 'double' | 'picklist', suffix: string, label: string, extra: Overrides = {}) =>
    buildField(type, `${prefix}${suffix}`, `${labelPrefix} ${label}`.trim(), { compoundFieldName: compound, ...extra });
  return [
    part('textarea', 'Street', 'Street', { length: 255 }),
    part('string', 'City', 'City', { length: 40 }),
    part('string', 'State', 'State/Province', { length: 80 }),
    part('string', 'PostalCode', 'Zip/Postal Code', { length: 20 }),
    part('string', 'Country', 'Country', { length: 80 }),
    part('double', 'Latitude', 'Latitude', { precision: 18, scale: 15 }),
    part('double', 'Longitude', 'Longitude', { precision: 18, scale: 15 }),
    part('picklist', 'GeocodeAccuracy', 'Geocode Accuracy', {
      length: 40,
      restrictedPicklist: true,
      picklistValues: picklistEntries(['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown']),
    }),
    buildField('address', compound, `${labelPrefix} Address`.trim(), { createable: false, updateable: false }),
  ];
}

/**
 * A person's name as Contact, Lead and User describe it: last name (required), first name and
 * salutation, each with `compoundFieldName: 'Name'`, and the read-only compound `Name` itself
 * (`extraTypeInfo: 'personname'`, the object's name field). Real orgs add MiddleName and Suffix
 * only when an admin enables them.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/compound_fields.htm
 */
export function personNameFields(salutations: readonly string[] | undefined): FieldDescribe[] {
  const part = { compoundFieldName: 'Name' };
  return [
    buildField('string', 'LastName', 'Last Name', { ...part, length: 80, nillable: false }),
    buildField('string', 'FirstName', 'First Name', { ...part, length: 40 }),
    ...(salutations ? [buildField('picklist', 'Salutation', 'Salutation', { ...part, length: 40, picklistValues: picklistEntries(salutations) })] : []),
    buildField('string', 'Name', 'Full Name', { length: 121, createable: false, updateable: false, nillable: false, nameField: true, extraTypeInfo: 'personname' }),
  ];
}

/** A read-only URL of a record's photo: `extraTypeInfo: 'imageurl'`, what real orgs mark image links with. */
export function photoUrlField(): FieldDescribe {
  return buildField('url', 'PhotoUrl', 'Photo URL', { createable: false, updateable: false, extraTypeInfo: 'imageurl' });
}
