import type { ColumnDetails, ReferenceColumn } from './reference-columns';

/**
 * The `account` table's read-only columns (IsValidForCreate and IsValidForUpdate false), transcribed
 * from the same references as `account-writable-columns.ts`, "Read-only columns/attributes". The
 * reference does not print `AttributeOf`; the companions below name the column they accompany as
 * the platform does (a lookup's `…name`/`…yominame`, an image's `_url`, `_timestamp` and `…id`, a
 * money column's `_base`, a roll-up's `_date` and `_state`). A lookup's name companions are no
 * property of the Web API entity type (the `account` EntityType lists `_createdby_value`, not
 * `createdbyname`): their values come as annotations of the lookup.
 */
const base: ColumnDetails = { min: -922337203685477, maxValue: 922337203685477, precision: 4, precisionSource: 2 };
const money: ColumnDetails = { min: 0, maxValue: 100000000000000, precision: 2, precisionSource: 2 };
const integer: ColumnDetails = { min: -2147483648, maxValue: 2147483647 };
const dateTime: ColumnDetails = { behavior: 'UserLocal', dateFormat: 'DateAndTime' };
// BigInt bounds (±2^63, the reference's -9223372036854775808…9223372036854775807): JavaScript numbers
// hold them only approximately, so the emulator's JSON shows the nearest double.
const bigint: ColumnDetails = { min: -(2 ** 63), maxValue: 2 ** 63 };

/** The `…name` (and `…yominame`) companions of a lookup: text the platform fills in from the target's primary name. */
function names(lookup: string, schemaPrefix: string, yomi: boolean, more: ColumnDetails = {}): ReferenceColumn[] {
  const companion: ColumnDetails = { max: 100, format: 'Text', of: lookup, notOData: true, ...more };
  return [[`${schemaPrefix}Name`, 'String', '', companion], ...(yomi ? [[`${schemaPrefix}YomiName`, 'String', '', companion] as const] : [])];
}

/** The read-only columns, in the reference's order (SchemaName, Type, DisplayName, details). */
export const ACCOUNT_READ_ONLY_COLUMNS: readonly ReferenceColumn[] = [
  ['Address1_Composite', 'Memo', 'Address 1', { max: 1000, format: 'TextArea' }],
  ['Address2_Composite', 'Memo', 'Address 2', { max: 1000, format: 'TextArea' }],
  ['Aging30', 'Money', 'Aging 30', money],
  ['Aging30_Base', 'Money', 'Aging 30 (Base)', { ...base, of: 'aging30' }],
  ['Aging60', 'Money', 'Aging 60', money],
  ['Aging60_Base', 'Money', 'Aging 60 (Base)', { ...base, of: 'aging60' }],
  ['Aging90', 'Money', 'Aging 90', money],
  ['Aging90_Base', 'Money', 'Aging 90 (Base)', { ...base, of: 'aging90' }],
  ['CreatedBy', 'Lookup', 'Created By', { targets: { systemuser: 'lk_accountbase_createdby' } }],
  ['CreatedByExternalParty', 'Lookup', 'Created By (External Party)', { targets: { externalparty: 'lk_externalparty_account_createdby' } }], // assumed relationship name
  ...names('createdbyexternalparty', 'CreatedByExternalParty', true),
  ...names('createdby', 'CreatedBy', true),
  ['CreatedOn', 'DateTime', 'Created On', dateTime],
  ['CreatedOnBehalfBy', 'Lookup', 'Created By (Delegate)', { targets: { systemuser: 'lk_accountbase_createdonbehalfby' } }],
  ...names('createdonbehalfby', 'CreatedOnBehalfBy', true),
  ['CreditLimit_Base', 'Money', 'Credit Limit (Base)', { ...base, of: 'creditlimit' }],
  ...names('defaultpricelevelid', 'DefaultPriceLevelId', false, { required: 'SystemRequired' }), // Sales
  ['EntityImage_Timestamp', 'BigInt', '', { ...bigint, of: 'entityimage' }],
  ['EntityImage_URL', 'String', '', { max: 200, format: 'Url', of: 'entityimage' }],
  ['EntityImageId', 'Uniqueidentifier', 'Entity Image Id', { of: 'entityimage' }],
  ['ExchangeRate', 'Decimal', 'Exchange Rate', { min: 0.000000000001, maxValue: 100000000000, precision: 12 }],
  // The one column of the reference that cannot be read.
  ['IsPrivate', 'Boolean', '', { read: false }],
  ['MarketCap_Base', 'Money', 'Market Capitalization (Base)', { ...base, of: 'marketcap' }],
  ...names('masterid', 'MasterAccountId', true),
  ['MasterId', 'Lookup', 'Master ID', { targets: { account: 'account_master_account' } }],
  ['Merged', 'Boolean', 'Merged'],
  ['ModifiedBy', 'Lookup', 'Modified By', { targets: { systemuser: 'lk_accountbase_modifiedby' } }],
  ['ModifiedByExternalParty', 'Lookup', 'Modified By (External Party)', { targets: { externalparty: 'lk_externalparty_account_modifiedby' } }], // assumed relationship name
  ...names('modifiedbyexternalparty', 'ModifiedByExternalParty', true),
  ...names('modifiedby', 'ModifiedBy', true),
  ['ModifiedOn', 'DateTime', 'Modified On', dateTime],
  ['ModifiedOnBehalfBy', 'Lookup', 'Modified By (Delegate)', { targets: { systemuser: 'lk_accountbase_modifiedonbehalfby' } }],
  ...names('modifiedonbehalfby', 'ModifiedOnBehalfBy', true),
  ...names('msdyn_salesaccelerationinsightid', 'msdyn_salesaccelerationinsightid', false), // Sales
  ...names('msdyn_segmentid', 'msdyn_segmentid', false), // Sales
  ['OnHoldTime', 'Integer', 'On Hold Time (Minutes)', integer],
  // Roll-up columns of Dynamics 365 Sales, with the companions every roll-up has.
  ['OpenDeals', 'Integer', 'Open Deals', { ...integer, sourceType: 2 }],
  ['OpenDeals_Date', 'DateTime', 'Open Deals (Last Updated On)', { ...dateTime, of: 'opendeals' }],
  ['OpenDeals_State', 'Integer', 'Open Deals (State)', { ...integer, of: 'opendeals' }],
  ['OpenRevenue', 'Money', 'Open Revenue', { ...money, sourceType: 2 }],
  ['OpenRevenue_Base', 'Money', 'Open Revenue (Base)', { ...base, of: 'openrevenue' }],
  ['OpenRevenue_Date', 'DateTime', 'Open Revenue (Last Updated On)', { ...dateTime, of: 'openrevenue' }],
  ['OpenRevenue_State', 'Integer', 'Open Revenue (State)', { ...integer, of: 'openrevenue' }],
  ...names('originatingleadid', 'OriginatingLeadId', true), // Sales
  ...names('ownerid', 'OwnerId', true, { required: 'SystemRequired' }),
  ['OwningBusinessUnit', 'Lookup', 'Owning Business Unit', { targets: { businessunit: 'business_unit_accounts' } }],
  ...names('owningbusinessunit', 'OwningBusinessUnit', false, { max: 160 }),
  ['OwningTeam', 'Lookup', 'Owning Team', { targets: { team: 'team_accounts' } }],
  ['OwningUser', 'Lookup', 'Owning User', { targets: { systemuser: 'user_accounts' } }],
  ...names('parentaccountid', 'ParentAccountId', true),
  ...names('preferredequipmentid', 'PreferredEquipmentId', false), // Sales
  ...names('preferredserviceid', 'PreferredServiceId', false), // Sales
  ...names('preferredsystemuserid', 'PreferredSystemUserId', true),
  ...names('primarycontactid', 'PrimaryContactId', true),
  ['Revenue_Base', 'Money', 'Annual Revenue (Base)', { ...base, of: 'revenue' }],
  ['SLAInvokedId', 'Lookup', 'Last SLA applied', { targets: { sla: 'sla_account' } }],
  ...names('slainvokedid', 'SLAInvokedId', false),
  ...names('slaid', 'SLA', false),
  ...names('territoryid', 'TerritoryId', false), // Sales
  ['TimeSpentByMeOnEmailAndMeetings', 'String', 'Time Spent by me', { max: 1250, format: 'Text' }],
  ...names('transactioncurrencyid', 'TransactionCurrencyId', false),
  ['VersionNumber', 'BigInt', 'Version Number', bigint],
];
