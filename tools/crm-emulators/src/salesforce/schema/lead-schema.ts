import { CLEAN_STATUSES, INDUSTRIES, LEAD_SOURCES, RATINGS } from './account-schema';
import { SALUTATIONS } from './contact-schema';
import { addressFields, buildField, personNameFields, photoUrlField, picklistEntries, systemFields } from './field-builder';
import { personName, scopes, type ObjectDefinition } from './object-definition';

export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];

/**
 * Leads with the standard fields of a real org. Status, Industry, Rating and LeadSource are
 * picklists of length 255 here (40 on Account); `Status` is filled in on create (the default
 * status) and `IsConverted` is createable (data loads may insert converted leads) but set by
 * conversion afterwards, so neither is required on create.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
 * https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_Lead.htm
 */
export function leadDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Lead', ['Group', 'User']);
  const converted = { createable: false, updateable: false } as const;
  const picklist = (name: string, label: string, values: readonly string[]) => buildField('picklist', name, label, { length: 255, picklistValues: picklistEntries(values) });
  return {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    custom: false,
    supportedScopes: scopes('Leads'),
    formulas: { Name: personName, PhotoUrl: (row) => `/services/images/photo/${String(row['Id'])}` },
    createDefaults: (row) => {
      row['Status'] ??= LEAD_STATUSES[0] as string;
      row['IsConverted'] = false;
    },
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { createable: false, updateable: false, referenceTo: ['Lead'], relationshipName: 'MasterRecord' }),
      ...personNameFields(SALUTATIONS),
      buildField('string', 'Title', 'Title', { length: 128 }),
      buildField('string', 'Company', 'Company', { length: 255, nillable: false }),
      ...addressFields('', ''),
      buildField('phone', 'Phone', 'Phone'),
      buildField('phone', 'MobilePhone', 'Mobile Phone'),
      buildField('phone', 'Fax', 'Fax'),
      buildField('email', 'Email', 'Email', { idLookup: true }),
      buildField('url', 'Website', 'Website'),
      photoUrlField(),
      buildField('textarea', 'Description', 'Description', { length: 32000 }),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      buildField('picklist', 'Status', 'Status', { length: 255, nillable: false, defaultedOnCreate: true, defaultValue: LEAD_STATUSES[0] as string, picklistValues: picklistEntries(LEAD_STATUSES, LEAD_STATUSES[0]) }),
      picklist('Industry', 'Industry', INDUSTRIES),
      picklist('Rating', 'Rating', RATINGS),
      buildField('currency', 'AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
      buildField('int', 'NumberOfEmployees', 'Employees', { digits: 8 }),
      buildField('boolean', 'HasOptedOutOfEmail', 'Email Opt Out'),
      buildField('boolean', 'IsConverted', 'Converted', { updateable: false }),
      buildField('date', 'ConvertedDate', 'Converted Date', { ...converted }),
      buildField('reference', 'ConvertedAccountId', 'Converted Account ID', { ...converted, referenceTo: ['Account'], relationshipName: 'ConvertedAccount' }),
      buildField('reference', 'ConvertedContactId', 'Converted Contact ID', { ...converted, referenceTo: ['Contact'], relationshipName: 'ConvertedContact' }),
      buildField('reference', 'ConvertedOpportunityId', 'Converted Opportunity ID', { ...converted, referenceTo: ['Opportunity'], relationshipName: 'ConvertedOpportunity' }),
      buildField('boolean', 'IsUnreadByOwner', 'Unread By Owner'),
      ...tail,
      buildField('boolean', 'DoNotCall', 'Do Not Call'),
      buildField('boolean', 'HasOptedOutOfFax', 'Fax Opt Out'),
      buildField('string', 'Jigsaw', 'Data.com Key', { length: 20 }),
      buildField('string', 'JigsawContactId', 'Jigsaw Contact ID', { ...converted, length: 20 }),
      buildField('picklist', 'CleanStatus', 'Clean Status', { length: 40, restrictedPicklist: true, picklistValues: picklistEntries(CLEAN_STATUSES) }),
      buildField('string', 'CompanyDunsNumber', 'Company D-U-N-S Number', { length: 9 }),
      buildField('string', 'EmailBouncedReason', 'Email Bounced Reason', { length: 255 }),
      buildField('datetime', 'EmailBouncedDate', 'Email Bounced Date'),
      buildField('reference', 'IndividualId', 'Individual ID', { referenceTo: ['Individual'], relationshipName: 'Individual' }),
    ],
  };
}
