import type { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, json, startWithClient } from './test-support/dataverse-test-client';

type Json = Record<string, unknown>;
type Options = { Options: { Value: number; Label: { UserLocalizedLabel: { Label: string } } }[] };
const labels = (set: unknown) => (set as Options).Options.map((o) => [o.Value, o.Label.UserLocalizedLabel.Label]);

describe(startDataverseEmulator.name, () => {
  describe('metadata', () => {
    let dv: DataverseEmulator;
    let token: string;
    let client: DynamicsWebApi;

    beforeAll(async () => {
      ({ dv, token, client } = await startWithClient());
    });
    afterAll(() => dv.close());

    it('lists EntityDefinitions with names, primary columns, change tracking and keys', async () => {
      const all = await client.retrieveEntities({ select: ['LogicalName', 'EntitySetName', 'ChangeTrackingEnabled'], filter: 'ChangeTrackingEnabled eq true' });
      expect(all.value.map((e: Json) => e['LogicalName']).sort()).toEqual(['account', 'contact', 'new_subscription']);
      expect(Object.keys(all.value[0] as Json).sort()).toEqual(['ChangeTrackingEnabled', 'EntitySetName', 'LogicalName', 'MetadataId']);
      const subscription = await client.retrieveEntity<Json>({ key: "LogicalName='new_subscription'", expand: [{ property: 'Keys' }] });
      expect(subscription).toMatchObject({
        LogicalName: 'new_subscription',
        EntitySetName: 'new_subscriptions',
        PrimaryIdAttribute: 'new_subscriptionid',
        PrimaryNameAttribute: 'new_name',
        ChangeTrackingEnabled: true,
        IsCustomEntity: true,
      });
      expect(subscription['Keys']).toEqual([expect.objectContaining({ LogicalName: 'new_code_key', KeyAttributes: ['new_code'], EntityKeyIndexStatus: 'Active' })]);
      const tracked = await json<{ value: Json[] }>(
        await api(dv, token, 'EntityDefinitions?$select=LogicalName&$filter=CanChangeTrackingBeEnabled/Value eq true and IsCustomEntity eq false and ChangeTrackingEnabled eq true'),
      );
      expect(tracked.value.map((e) => e['LogicalName']).sort()).toEqual(['account', 'contact']);
    });

    it('returns attributes with their derived type, and the typed casts with OptionSet/GlobalOptionSet', async () => {
      const attributes = await client.retrieveAttributes({ entityKey: "LogicalName='account'", select: ['LogicalName', 'AttributeType'] });
      const byName = new Map(attributes.value.map((a: Json) => [a['LogicalName'], a]));
      expect(byName.get('name')).toEqual({ '@odata.type': '#Microsoft.Dynamics.CRM.StringAttributeMetadata', LogicalName: 'name', AttributeType: 'String', MetadataId: expect.any(String) });
      expect(byName.get('parentaccountid')).toMatchObject({ AttributeType: 'Lookup' });

      const picklists = await client.retrieveAttributes({
        entityKey: "LogicalName='account'",
        castType: 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
        select: ['LogicalName'],
        expand: [{ property: 'OptionSet' }, { property: 'GlobalOptionSet' }],
      });
      const industry = picklists.value.find((a: Json) => a['LogicalName'] === 'industrycode');
      expect(picklists.value).toHaveLength(20);
      expect(labels(industry.OptionSet)[0]).toEqual([1, 'Accounting']);
      expect(industry.GlobalOptionSet).toBeNull();

      const multi = await client.retrieveAttributes({
        entityKey: "LogicalName='new_subscription'",
        castType: 'Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata',
        expand: [{ property: 'GlobalOptionSet' }],
      });
      expect(multi.value[0]).toMatchObject({ LogicalName: 'new_channels', AttributeType: 'Virtual', AttributeTypeName: { Value: 'MultiSelectPicklistType' } });
      expect(multi.value[0].GlobalOptionSet).toMatchObject({ Name: 'new_channel', IsGlobal: true });
      expect(labels(multi.value[0].GlobalOptionSet)[0]).toEqual([727000000, 'Email']);

      const state = await client.retrieveAttributes({ entityKey: "LogicalName='lead'", castType: 'Microsoft.Dynamics.CRM.StateAttributeMetadata', expand: [{ property: 'OptionSet' }] });
      expect(state.value[0].OptionSet.Options[1]).toMatchObject({ Value: 1, DefaultStatus: 3, InvariantName: 'Qualified' });
      const status = await client.retrieveAttributes({ entityKey: "LogicalName='lead'", castType: 'Microsoft.Dynamics.CRM.StatusAttributeMetadata', expand: [{ property: 'OptionSet' }] });
      expect(status.value[0].OptionSet.Options.find((o: Json) => o['Value'] === 4)).toMatchObject({ State: 2 });
      const yesNo = await client.retrieveAttribute<Json>({
        entityKey: "LogicalName='account'",
        attributeKey: "LogicalName='creditonhold'",
        castType: 'Microsoft.Dynamics.CRM.BooleanAttributeMetadata',
        expand: [{ property: 'OptionSet' }],
      });
      expect(yesNo['OptionSet']).toMatchObject({ OptionSetType: 'Boolean', TrueOption: { Value: 1 }, FalseOption: { Value: 0 } });

      const dates = await client.retrieveAttributes({ entityKey: "LogicalName='new_subscription'", castType: 'Microsoft.Dynamics.CRM.DateTimeAttributeMetadata', select: ['LogicalName', 'Format', 'DateTimeBehavior'] });
      expect(dates.value.find((a: Json) => a['LogicalName'] === 'new_startdate')).toMatchObject({ Format: 'DateOnly', DateTimeBehavior: { Value: 'DateOnly' } });
      expect(dates.value.find((a: Json) => a['LogicalName'] === 'new_renewalon')).toMatchObject({ Format: 'DateAndTime', DateTimeBehavior: { Value: 'UserLocal' } });
    });

    it('describes relationships, with the navigation property @odata.bind must name', async () => {
      const lookups = await json<{ value: Json[] }>(
        await api(dv, token, "EntityDefinitions(LogicalName='new_subscription')/ManyToOneRelationships?$select=ReferencingAttribute,ReferencedEntity,ReferencingEntityNavigationPropertyName"),
      );
      expect(lookups.value).toEqual([
        expect.objectContaining({ ReferencingAttribute: 'new_accountid', ReferencedEntity: 'account', ReferencingEntityNavigationPropertyName: 'new_AccountId' }),
      ]);
      const customer = await client.retrieveEntity<Json>({ key: "LogicalName='contact'", select: ['LogicalName'], expand: [{ property: 'ManyToOneRelationships' }] });
      expect((customer['ManyToOneRelationships'] as Json[]).map((r) => r['ReferencingEntityNavigationPropertyName'])).toEqual([
        'parentcustomerid_account',
        'parentcustomerid_contact',
      ]);
      const toAccount = await client.retrieveRelationships({ select: ['SchemaName'], filter: "ReferencedEntity eq 'account'" });
      expect(toAccount.value.map((r: Json) => r['SchemaName']).sort()).toEqual([
        'account_master_account',
        'account_parent_account',
        'contact_customer_accounts',
        'lead_parent_account',
        'new_account_new_subscription_AccountId',
      ]);
      expect(await client.retrieveRelationship<Json>({ key: "SchemaName='account_parent_account'" })).toMatchObject({ IsHierarchical: true, ReferencedAttribute: 'accountid' });
    });

    it('refuses OptionSet without a cast, as the service does', async () => {
      const res = await api(dv, token, "EntityDefinitions(LogicalName='account')/Attributes?$expand=OptionSet");
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        "Could not find a property named 'OptionSet' on type 'Microsoft.Dynamics.CRM.AttributeMetadata'.",
      );
    });

    it('returns global option sets by name', async () => {
      const set = await client.retrieveGlobalOptionSet<Json>({ key: "Name='new_channel'" });
      expect(set).toMatchObject({ '@odata.type': '#Microsoft.Dynamics.CRM.OptionSetMetadata', Name: 'new_channel', IsGlobal: true, OptionSetType: 'Picklist' });
      const all = await client.retrieveGlobalOptionSets({ select: ['Name'] });
      expect(all.value.map((s: Json) => s['Name'])).toEqual(['new_channel']);
    });

    it('serves the CSDL document with keys, lookups and the change-tracking annotation', async () => {
      const csdl = await client.retrieveCsdlMetadata({ addAnnotations: true });
      expect(csdl).toContain('<EntityType Name="account" BaseType="mscrm.crmbaseentity">');
      expect(csdl).toContain('<Key><PropertyRef Name="accountid"/></Key>');
      expect(csdl).toContain('<Property Name="_parentaccountid_value" Type="Edm.Guid"/>');
      expect(csdl).toContain('<ReferentialConstraint Property="_parentcustomerid_value" ReferencedProperty="accountid"/>');
      expect(csdl).toMatch(/<EntitySet Name="accounts" EntityType="Microsoft.Dynamics.CRM.account">.*Org\.OData\.Capabilities\.V1\.ChangeTracking/);
      expect(csdl).not.toMatch(/<EntitySet Name="leads"[^/]*ChangeTracking/);
      expect(dv.counters.get('metadata')).toBe(1);
    });

    it('applies schema drift: added and removed columns, changed options', async () => {
      dv.addAttribute('account', {
        '@odata.type': 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
        LogicalName: 'new_tier',
        DisplayName: { LocalizedLabels: [{ Label: 'Tier', LanguageCode: 1033 }] },
        OptionSet: { Options: [{ Value: 727000000, Label: { LocalizedLabels: [{ Label: 'Gold', LanguageCode: 1033 }] } }] },
      });
      const [id] = dv.create('account', [{ name: 'Tiered', new_tier: 727000000 }]);
      const row = await client.retrieve({ collection: 'accounts', key: id as string, select: ['new_tier'], includeAnnotations: 'OData.Community.Display.V1.FormattedValue' });
      expect(row.new_tier_Formatted).toBe('Gold');
      dv.setOptions('account.new_tier', [{ value: 727000000, label: 'Platinum' }]);
      expect((await client.retrieve({ collection: 'accounts', key: id as string, select: ['new_tier'], includeAnnotations: '*' })).new_tier_Formatted).toBe('Platinum');
      dv.removeAttribute('account', 'new_tier');
      const gone = await api(dv, token, `accounts(${id})?$select=new_tier`);
      expect(gone.status).toBe(400);
      expect(dv.rows('account').find((r) => r['accountid'] === id)).not.toHaveProperty('new_tier');
    });
  });
});
