import { addressFields, buildField, photoUrlField, picklistEntries, systemFields } from './field-builder';
import { recordTypeId, scopes, type ObjectDefinition, type RecordTypeDefinition } from './object-definition';

/** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm */
export const ACCOUNT_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'];
export const INDUSTRIES = ['Agriculture', 'Banking', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation', 'Utilities', 'Other'];
export const RATINGS = ['Hot', 'Warm', 'Cold'];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
/** Data.com clean status (Account, Contact, Lead `CleanStatus`, a restricted picklist). */
export const CLEAN_STATUSES = ['Matched', 'Different', 'Acknowledged', 'NotFound', 'Inactive', 'Pending', 'SelectMatch', 'Skipped'];

/** The org's Account record types (beside Master): customers by default, partners. */
export const ACCOUNT_RECORD_TYPES: RecordTypeDefinition[] = [
  { id: recordTypeId(1), developerName: 'Customer', name: 'Customer', defaultMapping: true },
  { id: recordTypeId(2), developerName: 'Partner', name: 'Partner' },
];

/**
 * Accounts with the standard fields of a real org (Data.com, D&B and SIC/NAICS fields included),
 * two record types (so `RecordTypeId` exists, as it does only on objects with record types), and
 * picklists of length 40 as real describes give Type, Industry, Rating, Ownership and AccountSource.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm
 */
export function accountDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Account', ['User']);
  const picklist = (name: string, label: string, values: readonly string[]) => buildField('picklist', name, label, { length: 40, picklistValues: picklistEntries(values) });
  const text = (name: string, label: string, length: number) => buildField('string', name, label, { length });
  const readOnly = { createable: false, updateable: false } as const;
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    supportedScopes: scopes('Accounts'),
    recordTypes: ACCOUNT_RECORD_TYPES,
    formulas: { PhotoUrl: (row) => `/services/images/photo/${String(row['Id'])}` },
    createDefaults: (row) => {
      row['RecordTypeId'] = ACCOUNT_RECORD_TYPES.find((rt) => rt.defaultMapping)?.id ?? null;
    },
    fields: [
      ...head,
      buildField('reference', 'MasterRecordId', 'Master Record ID', { ...readOnly, referenceTo: ['Account'], relationshipName: 'MasterRecord' }),
      buildField('string', 'Name', 'Account Name', { nillable: false, nameField: true, length: 255 }),
      picklist('Type', 'Account Type', ACCOUNT_TYPES),
      buildField('reference', 'RecordTypeId', 'Record Type ID', { referenceTo: ['RecordType'], relationshipName: 'RecordType' }),
      buildField('reference', 'ParentId', 'Parent Account ID', { referenceTo: ['Account'], relationshipName: 'Parent' }),
      ...addressFields('Billing', 'Billing'),
      ...addressFields('Shipping', 'Shipping'),
      buildField('phone', 'Phone', 'Account Phone'),
      buildField('phone', 'Fax', 'Account Fax'),
      text('AccountNumber', 'Account Number', 40),
      buildField('url', 'Website', 'Website'),
      photoUrlField(),
      text('Sic', 'SIC Code', 20),
      picklist('Industry', 'Industry', INDUSTRIES),
      buildField('currency', 'AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
      buildField('int', 'NumberOfEmployees', 'Employees', { digits: 8 }),
      picklist('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
      text('TickerSymbol', 'Ticker Symbol', 20),
      buildField('textarea', 'Description', 'Account Description', { length: 32000 }),
      picklist('Rating', 'Account Rating', RATINGS),
      text('Site', 'Account Site', 80),
      text('Jigsaw', 'Data.com Key', 20),
      buildField('string', 'JigsawCompanyId', 'Jigsaw Company ID', { ...readOnly, length: 20 }),
      buildField('picklist', 'CleanStatus', 'Clean Status', { length: 40, restrictedPicklist: true, picklistValues: picklistEntries(CLEAN_STATUSES) }),
      picklist('AccountSource', 'Account Source', LEAD_SOURCES),
      text('DunsNumber', 'D-U-N-S Number', 9),
      text('Tradestyle', 'Tradestyle', 255),
      text('NaicsCode', 'NAICS Code', 8),
      text('NaicsDesc', 'NAICS Description', 120),
      text('YearStarted', 'Year Started', 4),
      text('SicDesc', 'SIC Description', 80),
      buildField('reference', 'DandbCompanyId', 'D&B Company ID', { referenceTo: ['DandBCompany'], relationshipName: 'DandbCompany' }),
      ...tail,
    ],
  };
}
