import { CLEAN_STATUSES, LEAD_SOURCES } from './account-schema';
import { addressFields, buildField, personNameFields, photoUrlField, picklistEntries, systemFields } from './field-builder';
import { personName, scopes, type ObjectDefinition } from './object-definition';

export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];

/**
 * Contacts with the standard fields of a real org: both addresses (Mailing and Other), the
 * compound person name, Data.com (`Jigsaw`, `CleanStatus`) and bounce fields, `IndividualId`
 * (data privacy record), `ReportsToId`, assistant and extra phones, `PhotoUrl`.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm
 * https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_Contact.htm
 */
export function contactDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Contact', ['User']);
  const readOnly = { createable: false, updateable: false } as const;
  return {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    custom: false,
    supportedScopes: scopes('Contacts'),
    formulas: { Name: personName, PhotoUrl: (row) => `/services/images/photo/${String(row['Id'])}` },
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { ...readOnly, referenceTo: ['Contact'], relationshipName: 'MasterRecord' }),
      buildField('reference', 'AccountId', 'Account ID', { referenceTo: ['Account'], relationshipName: 'Account', cascadeDelete: false }),
      ...personNameFields(SALUTATIONS),
      ...addressFields('Other', 'Other'),
      ...addressFields('Mailing', 'Mailing'),
      buildField('phone', 'Phone', 'Business Phone'),
      buildField('phone', 'Fax', 'Business Fax'),
      buildField('phone', 'MobilePhone', 'Mobile Phone'),
      buildField('phone', 'HomePhone', 'Home Phone'),
      buildField('phone', 'OtherPhone', 'Other Phone'),
      buildField('phone', 'AssistantPhone', 'Asst. Phone'),
      buildField('reference', 'ReportsToId', 'Reports To ID', { referenceTo: ['Contact'], relationshipName: 'ReportsTo' }),
      buildField('email', 'Email', 'Email', { idLookup: true }),
      buildField('string', 'Title', 'Title', { length: 128 }),
      buildField('string', 'Department', 'Department', { length: 80 }),
      buildField('string', 'AssistantName', "Assistant's Name", { length: 40 }),
      buildField('picklist', 'LeadSource', 'Lead Source', { length: 255, picklistValues: picklistEntries(LEAD_SOURCES) }),
      buildField('date', 'Birthdate', 'Birthdate'),
      buildField('textarea', 'Description', 'Contact Description', { length: 32000 }),
      buildField('boolean', 'HasOptedOutOfEmail', 'Email Opt Out'),
      buildField('boolean', 'HasOptedOutOfFax', 'Fax Opt Out'),
      buildField('boolean', 'DoNotCall', 'Do Not Call'),
      ...tail,
      buildField('datetime', 'LastCURequestDate', 'Last Stay-in-Touch Request Date', { ...readOnly }),
      buildField('datetime', 'LastCUUpdateDate', 'Last Stay-in-Touch Save Date', { ...readOnly }),
      buildField('string', 'EmailBouncedReason', 'Email Bounced Reason', { length: 255 }),
      buildField('datetime', 'EmailBouncedDate', 'Email Bounced Date'),
      buildField('boolean', 'IsEmailBounced', 'Is Email Bounced', { ...readOnly }),
      photoUrlField(),
      buildField('string', 'Jigsaw', 'Data.com Key', { length: 20 }),
      buildField('string', 'JigsawContactId', 'Jigsaw Contact ID', { ...readOnly, length: 20 }),
      buildField('picklist', 'CleanStatus', 'Clean Status', { length: 40, restrictedPicklist: true, picklistValues: picklistEntries(CLEAN_STATUSES) }),
      buildField('reference', 'IndividualId', 'Individual ID', { referenceTo: ['Individual'], relationshipName: 'Individual' }),
    ],
  };
}
