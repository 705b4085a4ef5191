import { stableGuid, type TableDef } from '../metadata/metadata-types';
import type { EnvironmentStore } from './environment-store';
import type { LookupValue, StoredRow } from './row-types';

/** The ids of the rows every environment starts with (stable across runs). */
export const PLATFORM_IDS = {
  organizationId: stableGuid('organization'),
  /** The root business unit: every user and team belongs to it (WhoAmI's BusinessUnitId). */
  businessUnitId: stableGuid('businessunit:root'),
  /** The person acting through the emulator's control interface (and owning seeded rows). */
  administratorId: stableGuid('systemuser:admin'),
  /** An owner team, for rows assigned to a team. */
  teamId: stableGuid('team:sales'),
  baseCurrencyId: stableGuid('transactioncurrency:USD'),
};

/** The application user a client id acts as (WhoAmI's UserId). */
export function applicationUserId(clientId: string | undefined): string {
  return clientId === undefined ? PLATFORM_IDS.administratorId : stableGuid(`systemuser:${clientId}`);
}

const businessUnit: LookupValue = { id: PLATFORM_IDS.businessUnitId, table: 'businessunit' };

/**
 * Creates the organization's own rows: its root business unit, the administrator, the application
 * user of `clientId` (an app registration set up as a Dataverse application user), an owner team,
 * the base currency (US dollar) and the organization row with its pricing decimal precision.
 */
export function seedPlatformRows(store: EnvironmentStore, clientId: string, pricingDecimalPrecision: number): void {
  const create = (table: string, id: string, values: StoredRow): void => {
    store.create(table, values, { id });
  };
  create('businessunit', PLATFORM_IDS.businessUnitId, { name: 'contoso' });
  create('systemuser', PLATFORM_IDS.administratorId, {
    firstname: 'Dana',
    lastname: 'Admin',
    domainname: 'dana.admin@contoso.onmicrosoft.com',
    internalemailaddress: 'dana.admin@contoso.onmicrosoft.com',
    businessunitid: businessUnit,
  });
  create('systemuser', applicationUserId(clientId), {
    lastname: '# CRM Hub',
    domainname: `${clientId}@contoso.onmicrosoft.com`,
    businessunitid: businessUnit,
  });
  create('team', PLATFORM_IDS.teamId, { name: 'Sales Team', teamtype: 0, businessunitid: businessUnit });
  create('transactioncurrency', PLATFORM_IDS.baseCurrencyId, {
    currencyname: 'US Dollar',
    isocurrencycode: 'USD',
    currencysymbol: '$',
    currencyprecision: 2,
    exchangerate: 1,
  });
  create('organization', PLATFORM_IDS.organizationId, {
    name: 'contoso',
    pricingdecimalprecision: pricingDecimalPrecision,
    basecurrencyid: { id: PLATFORM_IDS.baseCurrencyId, table: 'transactioncurrency' },
  });
}

/**
 * What the platform sets on a user-owned row (the table reference's OwnerId, OwningUser,
 * OwningTeam, OwningBusinessUnit, CreatedBy and ModifiedBy): the owner (the calling user when a
 * create names none), `owninguser` or `owningteam` after it, the owner's business unit, and who
 * created and last modified the row. Only the columns the table has are set.
 */
export function applyOwnership(def: TableDef, row: StoredRow, userId: string, creating: boolean): void {
  const has = (name: string): boolean => def.attributes.some((a) => a.logicalName === name);
  const user: LookupValue = { id: userId, table: 'systemuser' };
  if (creating && has('createdby')) row['createdby'] = user;
  if (has('modifiedby')) row['modifiedby'] = user;
  if (!has('ownerid')) return;
  const owner = (row['ownerid'] as LookupValue | null | undefined) ?? user;
  row['ownerid'] = owner;
  if (has('owninguser')) row['owninguser'] = owner.table === 'systemuser' ? owner : null;
  if (has('owningteam')) row['owningteam'] = owner.table === 'team' ? owner : null;
  if (has('owningbusinessunit')) row['owningbusinessunit'] = businessUnit;
}
