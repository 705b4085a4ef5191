import type { OptionDef } from './metadata-types';
import type { ReferenceChoices } from './reference-columns';

/**
 * The options of the `account` table's choice and Yes/No columns, as the table reference's
 * "Choices/Options" tables list them (Yes/No columns: the label of 1, then of 0):
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account
 */
const DEFAULT_VALUE = [[1, 'Default Value']] as const;
const DO_NOT_ALLOW = ['Do Not Allow', 'Allow'] as const;
const YES_NO = ['Yes', 'No'] as const;

/** Options per choice or Yes/No column (by logical name). */
export const ACCOUNT_CHOICES: ReferenceChoices = {
  accountcategorycode: [[1, 'Preferred Customer'], [2, 'Standard']],
  accountclassificationcode: DEFAULT_VALUE,
  accountratingcode: DEFAULT_VALUE,
  address1_addresstypecode: [[1, 'Bill To'], [2, 'Ship To'], [3, 'Primary'], [4, 'Other']],
  address1_freighttermscode: [[1, 'FOB'], [2, 'No Charge']],
  address1_shippingmethodcode: [[1, 'Airborne'], [2, 'DHL'], [3, 'FedEx'], [4, 'UPS'], [5, 'Postal Mail'], [6, 'Full Load'], [7, 'Will Call']],
  address2_addresstypecode: DEFAULT_VALUE,
  address2_freighttermscode: DEFAULT_VALUE,
  address2_shippingmethodcode: DEFAULT_VALUE,
  businesstypecode: DEFAULT_VALUE,
  customersizecode: DEFAULT_VALUE,
  customertypecode: [
    [1, 'Competitor'], [2, 'Consultant'], [3, 'Customer'], [4, 'Investor'], [5, 'Partner'], [6, 'Influencer'],
    [7, 'Press'], [8, 'Prospect'], [9, 'Reseller'], [10, 'Supplier'], [11, 'Vendor'], [12, 'Other'],
  ],
  industrycode: [
    [1, 'Accounting'], [2, 'Agriculture and Non-petrol Natural Resource Extraction'], [3, 'Broadcasting Printing and Publishing'],
    [4, 'Brokers'], [5, 'Building Supply Retail'], [6, 'Business Services'], [7, 'Consulting'], [8, 'Consumer Services'],
    [9, 'Design, Direction and Creative Management'], [10, 'Distributors, Dispatchers and Processors'], [11, "Doctor's Offices and Clinics"],
    [12, 'Durable Manufacturing'], [13, 'Eating and Drinking Places'], [14, 'Entertainment Retail'], [15, 'Equipment Rental and Leasing'],
    [16, 'Financial'], [17, 'Food and Tobacco Processing'], [18, 'Inbound Capital Intensive Processing'], [19, 'Inbound Repair and Services'],
    [20, 'Insurance'], [21, 'Legal Services'], [22, 'Non-Durable Merchandise Retail'], [23, 'Outbound Consumer Service'],
    [24, 'Petrochemical Extraction and Distribution'], [25, 'Service Retail'], [26, 'SIG Affiliations'], [27, 'Social Services'],
    [28, 'Special Outbound Trade Contractors'], [29, 'Specialty Realty'], [30, 'Transportation'], [31, 'Utility Creation and Distribution'],
    [32, 'Vehicle Retail'], [33, 'Wholesale'],
  ],
  ownershipcode: [[1, 'Public'], [2, 'Private'], [3, 'Subsidiary'], [4, 'Other']],
  paymenttermscode: [[1, 'Net 30'], [2, '2% 10, Net 30'], [3, 'Net 45'], [4, 'Net 60']],
  preferredappointmentdaycode: [[0, 'Sunday'], [1, 'Monday'], [2, 'Tuesday'], [3, 'Wednesday'], [4, 'Thursday'], [5, 'Friday'], [6, 'Saturday']],
  preferredappointmenttimecode: [[1, 'Morning'], [2, 'Afternoon'], [3, 'Evening']],
  preferredcontactmethodcode: [[1, 'Any'], [2, 'Email'], [3, 'Phone'], [4, 'Fax'], [5, 'Mail']],
  shippingmethodcode: DEFAULT_VALUE,
  territorycode: DEFAULT_VALUE,
  creditonhold: YES_NO,
  donotbulkemail: DO_NOT_ALLOW,
  donotbulkpostalmail: YES_NO,
  donotemail: DO_NOT_ALLOW,
  donotfax: DO_NOT_ALLOW,
  donotphone: DO_NOT_ALLOW,
  donotpostalmail: DO_NOT_ALLOW,
  donotsendmm: ['Do Not Send', 'Send'],
  followemail: ['Allow', 'Do Not Allow'],
  isprivate: YES_NO,
  marketingonly: YES_NO,
  merged: YES_NO,
  participatesinworkflow: YES_NO,
};

/** StateCode: each state with its default status (`DefaultStatus`) and invariant name. */
export const ACCOUNT_STATES: OptionDef[] = [
  { value: 0, label: 'Active', defaultStatus: 1, invariantName: 'Active' },
  { value: 1, label: 'Inactive', defaultStatus: 2, invariantName: 'Inactive' },
];

/** StatusCode: each status reason with the state it belongs to (`State`). */
export const ACCOUNT_STATUSES: OptionDef[] = [
  { value: 1, label: 'Active', state: 0 },
  { value: 2, label: 'Inactive', state: 1 },
];
