import type { ColumnDetails, ReferenceColumn } from './reference-columns';

/**
 * The `account` table's writable columns (IsValidForCreate or IsValidForUpdate), transcribed from
 * Microsoft's table reference, "Writable columns/attributes", listed by SchemaName:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account
 * and, for the columns Dynamics 365 Sales adds (marked `// Sales`), its extension of the table:
 * https://learn.microsoft.com/dynamics365/sales/developer/entities/account
 * Relationship schema names come from the references' "Many-To-One Relationships" (ownerid's
 * `owner_accounts` from the `principal` EntityType's partners); the few the references do not list
 * are marked `assumed`.
 */
const text = (max: number, format: ColumnDetails['format'] = 'Text', more: ColumnDetails = {}): ColumnDetails => ({ max, format, ...more });
const phone = text(50, 'Phone');
const street = text(250);
const latitude: ColumnDetails = { min: -90, maxValue: 90, precision: 5 };
const longitude: ColumnDetails = { min: -180, maxValue: 180, precision: 5 };
const utcOffset: ColumnDetails = { min: -1500, maxValue: 1500, integerFormat: 'TimeZone' };
const money: ColumnDetails = { min: 0, maxValue: 100000000000000, precision: 2, precisionSource: 2 };

function address(n: 1 | 2): ReferenceColumn[] {
  const a = `Address${n}_`;
  const label = `Address ${n}: `;
  return [
    [`${a}AddressId`, 'Uniqueidentifier', `${label}ID`],
    [`${a}AddressTypeCode`, 'Picklist', `${label}Address Type`],
    [`${a}City`, 'String', `${label}City`, text(80)],
    [`${a}Country`, 'String', `${label}Country/Region`, text(80)],
    [`${a}County`, 'String', `${label}County`, text(50)],
    [`${a}Fax`, 'String', `${label}Fax`, text(50)],
    [`${a}FreightTermsCode`, 'Picklist', `${label}Freight Terms`],
    [`${a}Latitude`, 'Double', `${label}Latitude`, latitude],
    [`${a}Line1`, 'String', `${label}Street 1`, street],
    [`${a}Line2`, 'String', `${label}Street 2`, street],
    [`${a}Line3`, 'String', `${label}Street 3`, street],
    [`${a}Longitude`, 'Double', `${label}Longitude`, longitude],
    [`${a}Name`, 'String', `${label}Name`, text(200)],
    [`${a}PostalCode`, 'String', `${label}ZIP/Postal Code`, text(20)],
    [`${a}PostOfficeBox`, 'String', `${label}Post Office Box`, text(20)],
    [`${a}PrimaryContactName`, 'String', `${label}Primary Contact Name`, text(100)],
    [`${a}ShippingMethodCode`, 'Picklist', `${label}Shipping Method`],
    [`${a}StateOrProvince`, 'String', `${label}State/Province`, text(50)],
    [`${a}Telephone1`, 'String', n === 1 ? 'Address Phone' : `${label}Telephone 1`, phone],
    [`${a}Telephone2`, 'String', `${label}Telephone 2`, phone],
    [`${a}Telephone3`, 'String', `${label}Telephone 3`, phone],
    [`${a}UPSZone`, 'String', `${label}UPS Zone`, text(4)],
    [`${a}UTCOffset`, 'Integer', `${label}UTC Offset`, utcOffset],
  ];
}

/** The writable columns, in the reference's order (SchemaName, Type, DisplayName, details). */
export const ACCOUNT_WRITABLE_COLUMNS: readonly ReferenceColumn[] = [
  ['AccountCategoryCode', 'Picklist', 'Category'],
  ['AccountClassificationCode', 'Picklist', 'Classification'],
  ['AccountId', 'Uniqueidentifier', 'Account', { primaryId: true, update: false, required: 'SystemRequired' }],
  ['AccountNumber', 'String', 'Account Number', text(20)],
  ['AccountRatingCode', 'Picklist', 'Account Rating'],
  ...address(1),
  ...address(2),
  ['BusinessTypeCode', 'Picklist', 'Business Type'],
  ['CreditLimit', 'Money', 'Credit Limit', money],
  ['CreditOnHold', 'Boolean', 'Credit Hold'],
  ['CustomerSizeCode', 'Picklist', 'Customer Size'],
  ['CustomerTypeCode', 'Picklist', 'Relationship Type'],
  ['DefaultPriceLevelId', 'Lookup', 'Price List', { targets: { pricelevel: 'price_level_accounts' } }], // Sales
  ['Description', 'Memo', 'Description', text(2000, 'TextArea')],
  ['DoNotBulkEMail', 'Boolean', 'Do not allow Bulk Emails'],
  ['DoNotBulkPostalMail', 'Boolean', 'Do not allow Bulk Mails'],
  ['DoNotEMail', 'Boolean', 'Do not allow Emails'],
  ['DoNotFax', 'Boolean', 'Do not allow Faxes'],
  ['DoNotPhone', 'Boolean', 'Do not allow Phone Calls'],
  ['DoNotPostalMail', 'Boolean', 'Do not allow Mails'],
  ['DoNotSendMM', 'Boolean', 'Send Marketing Materials'],
  ['EMailAddress1', 'String', 'Email', text(100, 'Email')],
  ['EMailAddress2', 'String', 'Email Address 2', text(100, 'Email')],
  ['EMailAddress3', 'String', 'Email Address 3', text(100, 'Email')],
  ['EntityImage', 'Image', 'Default Image', { primaryImage: true }],
  ['Fax', 'String', 'Fax', text(50)],
  ['FollowEmail', 'Boolean', 'Follow Email Activity', { defaultValue: true }],
  ['FtpSiteURL', 'String', 'FTP Site', text(200, 'Url')],
  ['ImportSequenceNumber', 'Integer', 'Import Sequence Number', { update: false, min: -2147483648, maxValue: 2147483647 }],
  ['IndustryCode', 'Picklist', 'Industry'],
  ['LastOnHoldTime', 'DateTime', 'Last On Hold Time', { behavior: 'UserLocal', dateFormat: 'DateAndTime' }],
  // A DateOnly format with the UserLocal behaviour: the value is a date-time (Edm.DateTimeOffset).
  ['LastUsedInCampaign', 'DateTime', 'Last Date Included in Campaign', { create: false, behavior: 'UserLocal', dateFormat: 'DateOnly' }],
  ['MarketCap', 'Money', 'Market Capitalization', money],
  ['MarketingOnly', 'Boolean', 'Marketing Only'],
  ['msdyn_salesaccelerationinsightid', 'Lookup', 'Sales Acceleration Insights ID', { targets: { msdyn_salesaccelerationinsight: 'msdyn_msdyn_salesaccelerationinsight_account' } }], // Sales, assumed relationship name
  ['msdyn_segmentid', 'Lookup', 'Segment Id', { targets: { msdyn_segment: 'msdyn_msdyn_segment_account_segmentid' } }], // Sales, assumed relationship name
  ['Name', 'String', 'Account Name', text(160, 'Text', { primaryName: true, required: 'ApplicationRequired' })],
  ['NumberOfEmployees', 'Integer', 'Number of Employees', { min: 0, maxValue: 1000000000 }],
  ['OriginatingLeadId', 'Lookup', 'Originating Lead', { update: false, targets: { lead: 'account_originating_lead' } }], // Sales, assumed relationship name
  ['OverriddenCreatedOn', 'DateTime', 'Record Created On', { update: false, behavior: 'UserLocal', dateFormat: 'DateOnly' }],
  ['OwnerId', 'Owner', 'Owner', { required: 'SystemRequired', targets: { owner: 'owner_accounts' } }],
  ['OwnerIdType', 'EntityName', '', { required: 'SystemRequired', of: 'ownerid', notOData: true }],
  ['OwnershipCode', 'Picklist', 'Ownership'],
  ['ParentAccountId', 'Lookup', 'Parent Account', { targets: { account: 'account_parent_account' } }],
  ['ParticipatesInWorkflow', 'Boolean', 'Participates in Workflow'],
  ['PaymentTermsCode', 'Picklist', 'Payment Terms'],
  ['PreferredAppointmentDayCode', 'Picklist', 'Preferred Day'],
  ['PreferredAppointmentTimeCode', 'Picklist', 'Preferred Time'],
  ['PreferredContactMethodCode', 'Picklist', 'Preferred Method of Contact'],
  ['PreferredEquipmentId', 'Lookup', 'Preferred Facility/Equipment', { targets: { equipment: 'equipment_accounts' } }], // Sales, assumed relationship name
  ['PreferredServiceId', 'Lookup', 'Preferred Service', { targets: { service: 'service_accounts' } }], // Sales, assumed relationship name
  ['PreferredSystemUserId', 'Lookup', 'Preferred User', { targets: { systemuser: 'system_user_accounts' } }],
  ['PrimaryContactId', 'Lookup', 'Primary Contact', { targets: { contact: 'account_primary_contact' } }],
  ['PrimarySatoriId', 'String', 'Primary Satori ID', text(200)],
  ['PrimaryTwitterId', 'String', 'Primary Twitter ID', text(128)],
  ['ProcessId', 'Uniqueidentifier', 'Process'],
  ['Revenue', 'Money', 'Annual Revenue', money],
  ['SharesOutstanding', 'Integer', 'Shares Outstanding', { min: 0, maxValue: 1000000000 }],
  ['ShippingMethodCode', 'Picklist', 'Shipping Method'],
  ['SIC', 'String', 'SIC Code', text(20)],
  ['SLAId', 'Lookup', 'SLA', { targets: { sla: 'manualsla_account' } }],
  ['StageId', 'Uniqueidentifier', '(Deprecated) Process Stage'],
  ['StateCode', 'State', 'Status', { create: false, required: 'SystemRequired' }],
  ['StatusCode', 'Status', 'Status Reason'],
  ['StockExchange', 'String', 'Stock Exchange', text(20)],
  ['TeamsFollowed', 'Integer', 'TeamsFollowed', { min: -2147483648, maxValue: 2147483647 }], // Sales
  ['Telephone1', 'String', 'Main Phone', phone],
  ['Telephone2', 'String', 'Other Phone', phone],
  ['Telephone3', 'String', 'Telephone 3', phone],
  ['TerritoryCode', 'Picklist', 'Territory Code'],
  ['TerritoryId', 'Lookup', 'Territory', { targets: { territory: 'territory_accounts' } }], // Sales, assumed relationship name
  ['TickerSymbol', 'String', 'Ticker Symbol', text(10, 'TickerSymbol')],
  ['TimeZoneRuleVersionNumber', 'Integer', 'Time Zone Rule Version Number', { min: -1, maxValue: 2147483647 }],
  ['TransactionCurrencyId', 'Lookup', 'Currency', { targets: { transactioncurrency: 'transactioncurrency_account' } }],
  ['TraversedPath', 'String', '(Deprecated) Traversed Path', text(1250)],
  ['UTCConversionTimeZoneCode', 'Integer', 'UTC Conversion Time Zone Code', { min: -1, maxValue: 2147483647 }],
  ['WebSiteURL', 'String', 'Website', text(200, 'Url')],
  ['YomiName', 'String', 'Yomi Account Name', text(160, 'PhoneticGuide')],
];
