import {
  activeInactive,
  attribute,
  booleanSet,
  choice,
  labels,
  lookup,
  money,
  optionSet,
  systemAttributes,
  text,
  yesNo,
} from './attribute-builders';
import { stableGuid, type OptionSetDef, type TableDef } from './metadata-types';

/**
 * The environment's tables (a subset of the real columns of contact and lead, plus the custom
 * new_subscription; `account` is built from Microsoft's table reference in `account-table.ts`), with
 * the change-tracking flags the issue asks for: account, contact and new_subscription track
 * changes, lead does not.
 */
export interface TableBundle {
  table: TableDef;
  /** Option sets keyed `<table>.<attribute>` (local) or `global:<name>`. */
  optionSets: Record<string, OptionSetDef>;
}

function tableDef(
  logicalName: string,
  setName: string,
  label: string,
  labelPlural: string,
  primaryName: string,
  objectTypeCode: number,
  changeTracking: boolean,
  attributes: TableDef['attributes'],
  keys: TableDef['keys'] = [],
): TableDef {
  const isCustom = logicalName.startsWith('new_');
  return {
    logicalName,
    schemaName: isCustom ? 'new_Subscription' : label,
    entitySetName: setName,
    displayName: label,
    displayCollectionName: labelPlural,
    primaryIdAttribute: `${logicalName}id`,
    primaryNameAttribute: primaryName,
    changeTracking,
    isCustom,
    objectTypeCode,
    metadataId: stableGuid(`entity:${logicalName}`),
    attributes,
    keys,
  };
}

function states(table: string, sets: OptionSetDef[], extra: Record<string, OptionSetDef> = {}): Record<string, OptionSetDef> {
  const [state, status] = sets as [OptionSetDef, OptionSetDef];
  return { [`${table}.statecode`]: state, [`${table}.statuscode`]: status, ...extra };
}

export function contactTable(): TableBundle {
  const t = 'contact';
  const attributes = [
    ...systemAttributes(t, 'contactid', 'Contact', false),
    text(t, 'fullname', 'Full Name', 160, { isPrimaryName: true, validForCreate: false, validForUpdate: false }),
    text(t, 'firstname', 'First Name', 50, { requiredLevel: 'Recommended' }),
    text(t, 'lastname', 'Last Name', 50, { requiredLevel: 'ApplicationRequired' }),
    text(t, 'emailaddress1', 'Email', 100, { format: 'Email' }),
    text(t, 'telephone1', 'Business Phone', 50, { format: 'Phone' }),
    text(t, 'jobtitle', 'Job Title', 100),
    attribute(t, 'birthdate', 'DateTime', 'Birthday', { dateBehavior: 'DateOnly' }),
    choice(t, 'gendercode', 'Gender', 'contact.gendercode'),
    yesNo(t, 'donotemail', 'Do not allow Emails'),
    ...money(t, 'creditlimit', 'Credit Limit'),
    lookup(t, 'parentcustomerid', 'Company Name', {
      account: ['parentcustomerid_account', 'contact_customer_accounts'],
      contact: ['parentcustomerid_contact', 'contact_customer_contacts'],
    }),
  ];
  return {
    table: tableDef(t, 'contacts', 'Contact', 'Contacts', 'fullname', 2, true, attributes),
    optionSets: states(t, activeInactive(t), {
      'contact.gendercode': optionSet('contact_gendercode', 'Picklist', 'Gender', labels([[1, 'Male'], [2, 'Female']])),
      'contact.donotemail': booleanSet(t, 'donotemail', 'Do not allow Emails', 'Do Not Allow', 'Allow'),
    }),
  };
}

export function leadTable(): TableBundle {
  const t = 'lead';
  const attributes = [
    ...systemAttributes(t, 'leadid', 'Lead', false),
    text(t, 'fullname', 'Name', 160, { isPrimaryName: true, validForCreate: false, validForUpdate: false }),
    text(t, 'firstname', 'First Name', 50, { requiredLevel: 'Recommended' }),
    text(t, 'lastname', 'Last Name', 50, { requiredLevel: 'ApplicationRequired' }),
    text(t, 'subject', 'Topic', 300, { requiredLevel: 'ApplicationRequired' }),
    text(t, 'companyname', 'Company Name', 100),
    text(t, 'emailaddress1', 'Email', 100, { format: 'Email' }),
    choice(t, 'leadsourcecode', 'Lead Source', 'lead.leadsourcecode'),
    ...money(t, 'estimatedamount', 'Est. Value'),
    lookup(t, 'parentaccountid', 'Parent Account for lead', { account: ['parentaccountid', 'lead_parent_account'] }),
  ];
  const leadStates: OptionSetDef[] = [
    optionSet('lead_statecode', 'State', 'Status', [
      { value: 0, label: 'Open', defaultStatus: 1, invariantName: 'Open' },
      { value: 1, label: 'Qualified', defaultStatus: 3, invariantName: 'Qualified' },
      { value: 2, label: 'Disqualified', defaultStatus: 4, invariantName: 'Disqualified' },
    ]),
    optionSet('lead_statuscode', 'Status', 'Status Reason', [
      { value: 1, label: 'New', state: 0 },
      { value: 2, label: 'Contacted', state: 0 },
      { value: 3, label: 'Qualified', state: 1 },
      { value: 4, label: 'Lost', state: 2 },
      { value: 5, label: 'Cannot Contact', state: 2 },
      { value: 6, label: 'No Longer Interested', state: 2 },
      { value: 7, label: 'Canceled', state: 2 },
    ]),
  ];
  const sources = labels([
    [1, 'Advertisement'], [2, 'Employee Referral'], [3, 'External Referral'], [4, 'Partner'], [5, 'Public Relations'],
    [6, 'Seminar'], [7, 'Trade Show'], [8, 'Web'], [9, 'Word of Mouth'], [10, 'Other'],
  ]);
  return {
    table: tableDef(t, 'leads', 'Lead', 'Leads', 'fullname', 4, false, attributes),
    optionSets: states(t, leadStates, { 'lead.leadsourcecode': optionSet('lead_leadsourcecode', 'Picklist', 'Lead Source', sources) }),
  };
}

/**
 * The custom table: a multi-select choice on a global option set (publisher-prefixed values), money,
 * a date-only and a user-local date, a lookup to account and the alternate key `new_code`.
 */
export function subscriptionTable(): TableBundle {
  const t = 'new_subscription';
  const attributes = [
    ...systemAttributes(t, 'new_subscriptionid', 'Subscription', true),
    text(t, 'new_name', 'Name', 100, { isPrimaryName: true, requiredLevel: 'ApplicationRequired' }),
    text(t, 'new_code', 'Code', 20, { requiredLevel: 'ApplicationRequired' }),
    attribute(t, 'new_channels', 'MultiSelectPicklist', 'Channels', { optionSet: 'global:new_channel' }),
    choice(t, 'new_plan', 'Plan', 'new_subscription.new_plan'),
    ...money(t, 'new_amount', 'Amount', { minValue: 0 }),
    attribute(t, 'new_seats', 'Integer', 'Seats', { minValue: 0, maxValue: 100000 }),
    attribute(t, 'new_startdate', 'DateTime', 'Start Date', { dateBehavior: 'DateOnly' }),
    attribute(t, 'new_renewalon', 'DateTime', 'Renewal On', { dateBehavior: 'UserLocal' }),
    yesNo(t, 'new_autorenew', 'Auto Renew'),
    // Custom lookups navigate by their schema name (case-sensitive): new_AccountId@odata.bind.
    lookup(t, 'new_accountid', 'Account', { account: ['new_AccountId', 'new_account_new_subscription_AccountId'] }, { schemaName: 'new_AccountId' }),
  ];
  const key = {
    logicalName: 'new_code_key',
    schemaName: 'new_code_key',
    displayName: 'Subscription code',
    attributes: ['new_code'],
    metadataId: stableGuid('key:new_subscription.new_code_key'),
  };
  const plans = optionSet('new_subscription_new_plan', 'Picklist', 'Plan', labels([
    [100000000, 'Basic'], [100000001, 'Pro'], [100000002, 'Enterprise'],
  ]));
  return {
    table: tableDef(t, 'new_subscriptions', 'Subscription', 'Subscriptions', 'new_name', 10010, true, attributes, [key]),
    optionSets: states(t, activeInactive(t), {
      'new_subscription.new_plan': plans,
      'new_subscription.new_autorenew': booleanSet(t, 'new_autorenew', 'Auto Renew'),
    }),
  };
}

/** Global option sets (GlobalOptionSetDefinitions). */
export function globalOptionSets(): Record<string, OptionSetDef> {
  const channels = optionSet('new_channel', 'Picklist', 'Channel', labels([
    [727000000, 'Email'], [727000001, 'Phone'], [727000002, 'Web'], [727000003, 'Partner'], [727000004, 'Retail'],
  ]), true);
  return { 'global:new_channel': channels };
}
