import { LEAD_SOURCES } from './account-schema';
import { addressFields, buildField, picklistEntries, systemFields } from './field-builder';
import { personName, scopes, type ObjectDefinition } from './object-definition';

export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];

/** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm */
export function contactDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Contact', ['User']);
  return {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    custom: false,
    supportedScopes: scopes('Contacts'),
    formulas: { Name: personName },
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { createable: false, updateable: false, referenceTo: ['Contact'], relationshipName: 'MasterRecord' }),
      buildField('reference', 'AccountId', 'Account ID', { referenceTo: ['Account'], relationshipName: 'Account', cascadeDelete: false }),
      buildField('string', 'LastName', 'Last Name', { length: 80, nillable: false }),
      buildField('string', 'FirstName', 'First Name', { length: 40 }),
      buildField('picklist', 'Salutation', 'Salutation', { length: 40, picklistValues: picklistEntries(SALUTATIONS) }),
      buildField('string', 'Name', 'Full Name', { length: 121, createable: false, updateable: false, nillable: false, nameField: true, extraTypeInfo: 'personname' }),
      ...addressFields('Mailing', 'Mailing'),
      buildField('phone', 'Phone', 'Business Phone'),
      buildField('phone', 'MobilePhone', 'Mobile Phone'),
      buildField('email', 'Email', 'Email', { idLookup: true }),
      buildField('string', 'Title', 'Title', { length: 128 }),
      buildField('string', 'Department', 'Department', { length: 80 }),
      buildField('picklist', 'LeadSource', 'Lead Source', { length: 40, picklistValues: picklistEntries(LEAD_SOURCES) }),
      buildField('date', 'Birthdate', 'Birthdate'),
      buildField('textarea', 'Description', 'Contact Description', { length: 32000 }),
      buildField('boolean', 'HasOptedOutOfEmail', 'Email Opt Out'),
      buildField('boolean', 'DoNotCall', 'Do Not Call'),
      ...tail,
    ],
  };
}
