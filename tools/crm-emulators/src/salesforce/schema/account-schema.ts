import { addressFields, buildField, picklistEntries, systemFields } from './field-builder';
import { scopes, type ObjectDefinition } from './object-definition';

/** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm */
export const ACCOUNT_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'];
export const INDUSTRIES = ['Agriculture', 'Banking', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation', 'Utilities', 'Other'];
export const RATINGS = ['Hot', 'Warm', 'Cold'];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

export function accountDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Account', ['User']);
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    supportedScopes: scopes('Accounts'),
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { createable: false, updateable: false, referenceTo: ['Account'], relationshipName: 'MasterRecord' }),
      buildField('string', 'Name', 'Account Name', { nillable: false, nameField: true, length: 255 }),
      buildField('picklist', 'Type', 'Account Type', { length: 255, picklistValues: picklistEntries(ACCOUNT_TYPES) }),
      buildField('reference', 'ParentId', 'Parent Account ID', { referenceTo: ['Account'], relationshipName: 'Parent' }),
      ...addressFields('Billing', 'Billing'),
      ...addressFields('Shipping', 'Shipping'),
      buildField('phone', 'Phone', 'Account Phone'),
      buildField('phone', 'Fax', 'Account Fax'),
      buildField('string', 'AccountNumber', 'Account Number', { length: 40 }),
      buildField('url', 'Website', 'Website'),
      buildField('picklist', 'Industry', 'Industry', { picklistValues: picklistEntries(INDUSTRIES) }),
      buildField('currency', 'AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
      buildField('int', 'NumberOfEmployees', 'Employees', { digits: 8 }),
      buildField('picklist', 'Ownership', 'Ownership', { picklistValues: picklistEntries(['Public', 'Private', 'Subsidiary', 'Other']) }),
      buildField('textarea', 'Description', 'Account Description', { length: 32000 }),
      buildField('picklist', 'Rating', 'Account Rating', { picklistValues: picklistEntries(RATINGS) }),
      buildField('picklist', 'AccountSource', 'Account Source', { picklistValues: picklistEntries(LEAD_SOURCES) }),
      ...tail,
    ],
  };
}
