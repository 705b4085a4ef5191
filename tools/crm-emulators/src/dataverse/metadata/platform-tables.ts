import { attribute, choice, labels, lookup, optionSet, text, yesNo, booleanSet } from './attribute-builders';
import { stableGuid, type AttributeDef, type TableDef } from './metadata-types';
import type { TableBundle } from './standard-tables';

/**
 * The platform tables other tables point to (a few of their columns each): who owns a row
 * (`systemuser`, `team`, and the abstract `owner` that `ownerid` binds to), the business unit that
 * owns it through them, currencies and the organization (its `pricingdecimalprecision` is the
 * scale of money columns whose `PrecisionSource` is 1). Names and types from the table references:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser ,
 * …/team, …/businessunit, …/transactioncurrency, …/organization, …/owner.
 */
export function platformTables(): TableBundle[] {
  return [ownerTable(), systemUserTable(), teamTable(), businessUnitTable(), currencyTable(), organizationTable()];
}

const READ_ONLY = { validForCreate: false, validForUpdate: false, isCustom: false };

/** The primary key and the audit columns every platform table has (no state: users and teams have none). */
function keyAndAudit(table: string, label: string): AttributeDef[] {
  return [
    attribute(table, `${table}id`, 'Uniqueidentifier', label, { isPrimaryId: true, validForUpdate: false, requiredLevel: 'SystemRequired', isCustom: false }),
    attribute(table, 'createdon', 'DateTime', 'Created On', { ...READ_ONLY, dateBehavior: 'UserLocal', schemaName: 'CreatedOn' }),
    attribute(table, 'modifiedon', 'DateTime', 'Modified On', { ...READ_ONLY, dateBehavior: 'UserLocal', schemaName: 'ModifiedOn' }),
    attribute(table, 'versionnumber', 'BigInt', 'Version Number', { ...READ_ONLY, schemaName: 'VersionNumber' }),
  ];
}

function platformTable(
  logicalName: string,
  names: { schema: string; set: string; label: string; plural: string; primaryName: string },
  objectTypeCode: number,
  ownershipType: TableDef['ownershipType'],
  attributes: AttributeDef[],
): TableDef {
  return {
    logicalName,
    schemaName: names.schema,
    entitySetName: names.set,
    displayName: names.label,
    displayCollectionName: names.plural,
    primaryIdAttribute: `${logicalName}id`,
    primaryNameAttribute: names.primaryName,
    changeTracking: false,
    isCustom: false,
    objectTypeCode,
    ownershipType,
    metadataId: stableGuid(`entity:${logicalName}`),
    attributes,
    keys: [],
  };
}

/** The abstract owner (a user or a team): `ownerid` lookups bind through it (CSDL type `principal`). */
function ownerTable(): TableBundle {
  const t = 'owner';
  const table = platformTable(t, { schema: 'Owner', set: 'owners', label: 'Owner', plural: 'Owners', primaryName: 'name' }, 7, 'None', [
    attribute(t, 'ownerid', 'Uniqueidentifier', 'Owner', { isPrimaryId: true, requiredLevel: 'SystemRequired', isCustom: false, schemaName: 'OwnerId' }),
    text(t, 'name', 'Owner Name', 160, { ...READ_ONLY, isPrimaryName: true, requiredLevel: 'ApplicationRequired', schemaName: 'Name' }),
    attribute(t, 'owneridtype', 'EntityName', '', { ...READ_ONLY, requiredLevel: 'SystemRequired', schemaName: 'OwnerIdType', validForOData: false }),
    attribute(t, 'versionnumber', 'BigInt', 'Version Number', { ...READ_ONLY, schemaName: 'VersionNumber' }),
  ]);
  return { table: { ...table, entityTypeName: 'principal' }, optionSets: {} };
}

function businessUnitLookup(table: string, relationship: string): AttributeDef {
  return lookup(table, 'businessunitid', 'Business Unit', { businessunit: ['businessunitid', relationship] }, { requiredLevel: 'SystemRequired', isCustom: false, schemaName: 'BusinessUnitId' });
}

function systemUserTable(): TableBundle {
  const t = 'systemuser';
  const names = { schema: 'SystemUser', set: 'systemusers', label: 'User', plural: 'Users', primaryName: 'fullname' };
  return {
    table: platformTable(t, names, 8, 'BusinessOwned', [
      ...keyAndAudit(t, 'User'),
      text(t, 'fullname', 'Full Name', 200, { ...READ_ONLY, isPrimaryName: true, schemaName: 'FullName' }),
      text(t, 'firstname', 'First Name', 64, { isCustom: false, schemaName: 'FirstName' }),
      text(t, 'lastname', 'Last Name', 64, { isCustom: false, schemaName: 'LastName', requiredLevel: 'ApplicationRequired' }),
      text(t, 'domainname', 'User Name', 1024, { isCustom: false, schemaName: 'DomainName', requiredLevel: 'SystemRequired' }),
      text(t, 'internalemailaddress', 'Primary Email', 100, { isCustom: false, schemaName: 'InternalEMailAddress', format: 'Email' }),
      yesNo(t, 'isdisabled', 'Status'),
      businessUnitLookup(t, 'business_unit_system_users'),
    ]),
    optionSets: { 'systemuser.isdisabled': booleanSet(t, 'isdisabled', 'Status', 'Disabled', 'Enabled') },
  };
}

function teamTable(): TableBundle {
  const t = 'team';
  const names = { schema: 'Team', set: 'teams', label: 'Team', plural: 'Teams', primaryName: 'name' };
  return {
    table: platformTable(t, names, 9, 'BusinessOwned', [
      ...keyAndAudit(t, 'Team'),
      text(t, 'name', 'Team Name', 160, { isPrimaryName: true, isCustom: false, schemaName: 'Name', requiredLevel: 'SystemRequired' }),
      choice(t, 'teamtype', 'Team Type', 'team.teamtype', { isCustom: false, schemaName: 'TeamType', requiredLevel: 'SystemRequired' }),
      businessUnitLookup(t, 'business_unit_teams'),
    ]),
    optionSets: {
      'team.teamtype': optionSet('team_teamtype', 'Picklist', 'Team Type', labels([[0, 'Owner'], [1, 'Access'], [2, 'Security Group'], [3, 'Office Group']])),
    },
  };
}

function businessUnitTable(): TableBundle {
  const t = 'businessunit';
  const names = { schema: 'BusinessUnit', set: 'businessunits', label: 'Business Unit', plural: 'Business Units', primaryName: 'name' };
  return {
    table: platformTable(t, names, 10, 'BusinessOwned', [
      ...keyAndAudit(t, 'Business Unit'),
      text(t, 'name', 'Name', 160, { isPrimaryName: true, isCustom: false, schemaName: 'Name', requiredLevel: 'SystemRequired' }),
    ]),
    optionSets: {},
  };
}

function currencyTable(): TableBundle {
  const t = 'transactioncurrency';
  const names = { schema: 'TransactionCurrency', set: 'transactioncurrencies', label: 'Currency', plural: 'Currencies', primaryName: 'currencyname' };
  return {
    table: platformTable(t, names, 9105, 'OrganizationOwned', [
      ...keyAndAudit(t, 'Currency'),
      text(t, 'currencyname', 'Currency Name', 100, { isPrimaryName: true, isCustom: false, schemaName: 'CurrencyName', requiredLevel: 'SystemRequired' }),
      text(t, 'isocurrencycode', 'Currency Code', 5, { isCustom: false, schemaName: 'ISOCurrencyCode', requiredLevel: 'SystemRequired' }),
      text(t, 'currencysymbol', 'Currency Symbol', 10, { isCustom: false, schemaName: 'CurrencySymbol', requiredLevel: 'SystemRequired' }),
      attribute(t, 'currencyprecision', 'Integer', 'Currency Precision', { isCustom: false, schemaName: 'CurrencyPrecision', minValue: 0, maxValue: 4, requiredLevel: 'SystemRequired' }),
      attribute(t, 'exchangerate', 'Decimal', 'Exchange Rate', { isCustom: false, schemaName: 'ExchangeRate', precision: 12, minValue: 0.0001, maxValue: 100000000000 }),
    ]),
    optionSets: {},
  };
}

/** The organization row: `pricingdecimalprecision` is what money columns with PrecisionSource 1 use. */
function organizationTable(): TableBundle {
  const t = 'organization';
  const names = { schema: 'Organization', set: 'organizations', label: 'Organization', plural: 'Organizations', primaryName: 'name' };
  return {
    table: platformTable(t, names, 1019, 'OrganizationOwned', [
      attribute(t, 'organizationid', 'Uniqueidentifier', 'Organization', { ...READ_ONLY, isPrimaryId: true, requiredLevel: 'SystemRequired' }),
      attribute(t, 'modifiedon', 'DateTime', 'Modified On', { ...READ_ONLY, dateBehavior: 'UserLocal', schemaName: 'ModifiedOn' }),
      attribute(t, 'versionnumber', 'BigInt', 'Version Number', { ...READ_ONLY, schemaName: 'VersionNumber' }),
      text(t, 'name', 'Organization Name', 160, { ...READ_ONLY, isPrimaryName: true, schemaName: 'Name', requiredLevel: 'SystemRequired' }),
      attribute(t, 'pricingdecimalprecision', 'Integer', 'Pricing Decimal Precision', {
        isCustom: false,
        schemaName: 'PricingDecimalPrecision',
        minValue: 0,
        maxValue: 4,
        requiredLevel: 'SystemRequired',
      }),
      lookup(t, 'basecurrencyid', 'Currency', { transactioncurrency: ['basecurrencyid', 'basecurrency_organization'] }, { ...READ_ONLY, schemaName: 'BaseCurrencyId' }),
    ]),
    optionSets: {},
  };
}
