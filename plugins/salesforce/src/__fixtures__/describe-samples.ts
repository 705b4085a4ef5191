import type { SfDescribe, SfField } from '../describe/describe-types';

/** A describe field with the flags most fields share; `extra` overrides. */
export function sfField(name: string, type: string, extra: Partial<SfField> = {}): SfField {
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    length: ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'id', 'reference'].includes(type) ? 255 : 0,
    precision: 0,
    scale: 0,
    nillable: true,
    createable: true,
    updateable: true,
    externalId: false,
    unique: false,
    filterable: true,
    sortable: type !== 'multipicklist' && type !== 'textarea',
    referenceTo: [],
    compoundFieldName: null,
    picklistValues: [],
    restrictedPicklist: false,
    dependentPicklist: false,
    controllerName: null,
    ...extra,
  };
}

const picklist = (values: string[], validFor?: (i: number) => string) =>
  values.map((value, i) => ({ value, label: `${value} label`, active: value !== 'Legacy', defaultValue: i === 0, ...(validFor ? { validFor: validFor(i) } : {}) }));

/** A Subscription__c describe shaped like Salesforce's (multi-select, dependent and restricted picklists, lookup, external id, geolocation). */
export const subscriptionDescribe: SfDescribe = {
  name: 'Subscription__c',
  label: 'Subscription',
  custom: true,
  queryable: true,
  replicateable: true,
  fields: [
    sfField('Id', 'id', { nillable: false, createable: false, updateable: false, length: 18 }),
    sfField('IsDeleted', 'boolean', { nillable: false, createable: false, updateable: false }),
    sfField('Name', 'string', { length: 80, nameField: true }),
    sfField('External_Id__c', 'string', { length: 64, externalId: true, unique: true, idLookup: true }),
    sfField('Account__c', 'reference', { referenceTo: ['Account'], relationshipName: 'Account__r', length: 18 }),
    sfField('Plan__c', 'picklist', { restrictedPicklist: true, picklistValues: picklist(['Basic', 'Premium', 'Legacy']) }),
    sfField('Features__c', 'multipicklist', { picklistValues: picklist(['Api', 'Sso', 'Support']) }),
    sfField('Region__c', 'picklist', { picklistValues: picklist(['EMEA', 'AMER', 'APAC']) }),
    // Germany → EMEA (0x80 = bit 0), Canada → AMER (0x40 = bit 1), Global → all three (0xE0)
    sfField('Country__c', 'picklist', {
      dependentPicklist: true,
      controllerName: 'Region__c',
      picklistValues: picklist(['Germany', 'Canada', 'Global'], (i) => ['gA==', 'QA==', '4A=='][i] as string),
    }),
    sfField('Trial_Kind__c', 'picklist', {
      dependentPicklist: true,
      controllerName: 'Active__c',
      picklistValues: picklist(['Paid', 'Free'], (i) => ['QA==', 'gA=='][i] as string),
    }),
    sfField('Amount__c', 'currency', { precision: 16, scale: 2 }),
    sfField('Discount__c', 'percent', { precision: 5, scale: 2 }),
    sfField('Seats__c', 'double', { precision: 18, scale: 0 }),
    sfField('Licences__c', 'int', { digits: 9 }),
    sfField('Start_Date__c', 'date', { nillable: false }),
    sfField('Renewal_At__c', 'datetime'),
    sfField('Billing_Time__c', 'time'),
    sfField('Active__c', 'boolean'),
    sfField('Contact_Email__c', 'email'),
    sfField('Notes__c', 'textarea', { length: 32768, filterable: false }),
    sfField('Attachment__c', 'base64'),
    sfField('Site__c', 'location', { createable: false, updateable: false, filterable: false }),
    sfField('Site__Latitude__s', 'double', { compoundFieldName: 'Site__c', precision: 18, scale: 15 }),
    sfField('Site__Longitude__s', 'double', { compoundFieldName: 'Site__c', precision: 18, scale: 15 }),
    sfField('Tags__c', 'combobox', { picklistValues: picklist(['Hot', 'Cold']) }),
    // SDK 1.1 catalog flags: defaults on create, formulas and roll-ups, auto numbers, text formats, polymorphic owner.
    sfField('OwnerId', 'reference', { referenceTo: ['Group', 'User'], relationshipName: 'Owner', nillable: false, defaultedOnCreate: true, length: 18 }),
    sfField('Status__c', 'picklist', { nillable: false, defaultedOnCreate: true, picklistValues: picklist(['New', 'Active']) }),
    sfField('Number__c', 'string', { autoNumber: true, nillable: false, createable: false, updateable: false, defaultedOnCreate: true, length: 30 }),
    sfField('Seats_Total__c', 'double', { calculated: true, createable: false, updateable: false, precision: 18, scale: 0 }),
    sfField('Summary__c', 'textarea', { length: 32768, extraTypeInfo: 'richtextarea', htmlFormatted: true, filterable: false }),
    sfField('Photo__c', 'url', { extraTypeInfo: 'imageurl', createable: false, updateable: false }),
    sfField('Holder__c', 'string', { extraTypeInfo: 'personname', nameField: false }),
    sfField('Secret__c', 'encryptedstring', { length: 175 }),
    sfField('Phone__c', 'phone'),
    sfField('CreatedDate', 'datetime', { nillable: false, createable: false, updateable: false }),
    sfField('LastModifiedDate', 'datetime', { nillable: false, createable: false, updateable: false }),
    sfField('SystemModstamp', 'datetime', { nillable: false, createable: false, updateable: false }),
  ],
};

/** A Contact describe with the Mailing compound address. */
export const contactDescribe: SfDescribe = {
  name: 'Contact',
  label: 'Contact',
  custom: false,
  queryable: true,
  replicateable: true,
  fields: [
    sfField('Id', 'id', { nillable: false, createable: false, updateable: false, length: 18 }),
    sfField('IsDeleted', 'boolean', { nillable: false, createable: false, updateable: false }),
    sfField('LastName', 'string', { nillable: false, length: 80 }),
    sfField('MailingStreet', 'textarea', { compoundFieldName: 'MailingAddress' }),
    sfField('MailingCity', 'string', { compoundFieldName: 'MailingAddress', length: 40 }),
    sfField('MailingPostalCode', 'string', { compoundFieldName: 'MailingAddress', length: 20 }),
    sfField('MailingLatitude', 'double', { compoundFieldName: 'MailingAddress', precision: 18, scale: 15 }),
    sfField('MailingAddress', 'address', { createable: false, updateable: false, filterable: false }),
    sfField('LastModifiedDate', 'datetime', { nillable: false, createable: false, updateable: false }),
  ],
};

/** An object without any modification stamp (read in full every time). */
export const stamplessDescribe: SfDescribe = {
  name: 'Stampless__c',
  label: 'Stampless',
  custom: true,
  queryable: true,
  replicateable: false,
  fields: [sfField('Id', 'id', { nillable: false, createable: false, updateable: false }), sfField('Name', 'string')],
};

/** A Task describe with the polymorphic WhoId (Contact or Lead). */
export const taskDescribe: SfDescribe = {
  name: 'Task',
  label: 'Task',
  custom: false,
  queryable: true,
  replicateable: true,
  fields: [
    sfField('Id', 'id', { nillable: false, createable: false, updateable: false, length: 18 }),
    sfField('IsDeleted', 'boolean', { nillable: false, createable: false, updateable: false }),
    sfField('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who', length: 18 }),
    sfField('SystemModstamp', 'datetime', { nillable: false, createable: false, updateable: false }),
  ],
};
