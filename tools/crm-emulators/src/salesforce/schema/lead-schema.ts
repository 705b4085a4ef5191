import { INDUSTRIES, LEAD_SOURCES, RATINGS } from './account-schema';
import { SALUTATIONS } from './contact-schema';
import { addressFields, buildField, picklistEntries, systemFields } from './field-builder';
import { personName, scopes, type ObjectDefinition } from './object-definition';

export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];

/** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm */
export function leadDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Lead', ['Group', 'User']);
  const converted = { createable: false, updateable: false } as const;
  return {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    custom: false,
    supportedScopes: scopes('Leads'),
    formulas: { Name: personName },
    createDefaults: (row) => {
      row['Status'] ??= LEAD_STATUSES[0] as string;
      row['IsConverted'] = false;
    },
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { createable: false, updateable: false, referenceTo: ['Lead'], relationshipName: 'MasterRecord' }),
      buildField('string', 'LastName', 'Last Name', { length: 80, nillable: false }),
      buildField('string', 'FirstName', 'First Name', { length: 40 }),
      buildField('picklist', 'Salutation', 'Salutation', { length: 40, picklistValues: picklistEntries(SALUTATIONS) }),
      buildField('string', 'Name', 'Full Name', { length: 121, createable: false, updateable: false, nillable: false, nameField: true, extraTypeInfo: 'personname' }),
      buildField('string', 'Title', 'Title', { length: 128 }),
      buildField('string', 'Company', 'Company', { length: 255, nillable: false }),
      ...addressFields('', ''),
      buildField('phone', 'Phone', 'Phone'),
      buildField('email', 'Email', 'Email', { idLookup: true }),
      buildField('url', 'Website', 'Website'),
      buildField('textarea', 'Description', 'Description', { length: 32000 }),
      buildField('picklist', 'LeadSource', 'Lead Source', { length: 40, picklistValues: picklistEntries(LEAD_SOURCES) }),
      buildField('picklist', 'Status', 'Status', { length: 40, nillable: false, defaultedOnCreate: true, defaultValue: LEAD_STATUSES[0] as string, picklistValues: picklistEntries(LEAD_STATUSES, LEAD_STATUSES[0]) }),
      buildField('picklist', 'Industry', 'Industry', { length: 40, picklistValues: picklistEntries(INDUSTRIES) }),
      buildField('picklist', 'Rating', 'Rating', { length: 40, picklistValues: picklistEntries(RATINGS) }),
      buildField('currency', 'AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
      buildField('int', 'NumberOfEmployees', 'Employees', { digits: 8 }),
      buildField('boolean', 'IsConverted', 'Converted', { ...converted }),
      buildField('date', 'ConvertedDate', 'Converted Date', { ...converted }),
      buildField('reference', 'ConvertedAccountId', 'Converted Account ID', { ...converted, referenceTo: ['Account'], relationshipName: 'ConvertedAccount' }),
      buildField('reference', 'ConvertedContactId', 'Converted Contact ID', { ...converted, referenceTo: ['Contact'], relationshipName: 'ConvertedContact' }),
      buildField('reference', 'ConvertedOpportunityId', 'Converted Opportunity ID', { ...converted, referenceTo: ['Opportunity'], relationshipName: 'ConvertedOpportunity' }),
      ...tail,
    ],
  };
}
