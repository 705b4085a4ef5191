import { stringifyJsonLossless } from '@crm-hub/plugin-sdk';
import type { AttributeInfo, AttributeKind, TableInfo } from '../metadata/table-info';
import { dataverseBody, RecordError, type LookupResolver } from './value-writer';

function column(logicalName: string, kind: AttributeKind): AttributeInfo {
  return {
    logicalName,
    kind,
    nativeType: kind,
    property: kind === 'lookup' ? `_${logicalName}_value` : logicalName,
    label: logicalName,
    readable: true,
    creatable: true,
    updatable: true,
    required: false,
    primaryId: false,
  };
}

const table: TableInfo = {
  logicalName: 'new_subscription',
  entitySetName: 'new_subscriptions',
  primaryId: 'new_subscriptionid',
  label: 'Subscription',
  custom: true,
  changeTracking: true,
  attributes: new Map(
    [
      column('new_subscriptionid', 'id'),
      column('new_name', 'string'),
      column('new_channels', 'multi-enum'),
      column('new_plan', 'enum'),
      column('new_amount', 'money'),
      column('new_startdate', 'datetime'),
      column('new_renewalon', 'datetime'),
      column('new_autorenew', 'boolean'),
      column('new_accountid', 'lookup'),
      column('new_customerid', 'lookup'),
    ].map((c) => [c.logicalName, c]),
  ),
};

// Navigation properties as ManyToOneRelationships reports them: custom lookups use the schema name.
const resolver: LookupResolver = {
  navigation: async () => [
    { attribute: 'new_accountid', target: 'account', navigationProperty: 'new_AccountId' },
    { attribute: 'new_customerid', target: 'account', navigationProperty: 'new_customerid_account' },
    { attribute: 'new_customerid', target: 'contact', navigationProperty: 'new_customerid_contact' },
  ],
  entitySetName: async (name) => `${name}s`,
};
const ACCOUNT = '6f9619ff-8b86-d011-b42d-00c04fc964ff';

describe(dataverseBody.name, () => {
  it('writes canonical values in Web API form, decimals exactly', async () => {
    const body = await dataverseBody(
      table,
      {
        new_name: 'Pro',
        new_channels: ['727000000', '727000003'],
        new_plan: '100000001',
        new_amount: '12345678901234.5678',
        new_startdate: '2026-02-28',
        new_renewalon: '2027-03-01T09:30:00+01:00',
        new_autorenew: 'true',
        new_subscriptionid: 'skipped',
      },
      resolver,
      new Set(['new_subscriptionid']),
    );
    expect(stringifyJsonLossless(body)).toBe(
      '{"new_name":"Pro","new_channels":"727000000,727000003","new_plan":100000001,"new_amount":12345678901234.5678,' +
        '"new_startdate":"2026-02-28","new_renewalon":"2027-03-01T08:30:00.000Z","new_autorenew":true}',
    );
  });

  it('binds lookups through their navigation property, clears them with null, and needs the table for polymorphic ones', async () => {
    await expect(dataverseBody(table, { new_accountid: ACCOUNT.toUpperCase() }, resolver, new Set())).resolves.toEqual({
      'new_AccountId@odata.bind': `/accounts(${ACCOUNT})`,
    });
    await expect(dataverseBody(table, { new_accountid: null }, resolver, new Set())).resolves.toEqual({ 'new_AccountId@odata.bind': null });
    await expect(dataverseBody(table, { new_customerid: `contact:${ACCOUNT}` }, resolver, new Set())).resolves.toEqual({
      'new_customerid_contact@odata.bind': `/contacts(${ACCOUNT})`,
    });
    await expect(dataverseBody(table, { new_customerid: ACCOUNT }, resolver, new Set())).rejects.toThrow(/<table>:<guid>/);
  });

  it('turns unknown columns and values that do not fit into record errors naming the field', async () => {
    const attempt = (data: Record<string, unknown>) => dataverseBody(table, data, resolver, new Set()).catch((e: unknown) => e);
    await expect(attempt({ nosuch: 1 })).resolves.toMatchObject({ code: 'UNKNOWN_FIELD', fields: ['nosuch'] });
    await expect(attempt({ new_plan: 'Pro' })).resolves.toMatchObject({ code: 'INVALID_VALUE', fields: ['new_plan'] });
    await expect(attempt({ new_channels: ['1', 'x'] })).resolves.toBeInstanceOf(RecordError);
    await expect(attempt({ new_accountid: 'not-a-guid' })).resolves.toMatchObject({ code: 'INVALID_VALUE' });
  });
});
