import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json } from './test-support/dataverse-test-client';

type Json = Record<string, unknown>;
type Rows = { value: Json[] };
const CRM = 'Microsoft.Dynamics.CRM.';
const ACCOUNT = "EntityDefinitions(LogicalName='account')";
const label = (value: unknown): unknown => (value as { UserLocalizedLabel?: { Label?: string } } | null)?.UserLocalizedLabel?.Label;

/** The `account` table as the table reference describes it, and the platform behaviour around its owner. */
describe(`${startDataverseEmulator.name} account table`, () => {
  let dv: DataverseEmulator;
  let token: string;
  const get = async <T = Json>(path: string, headers: Record<string, string> = {}): Promise<T> => json<T>(await api(dv, token, path, { headers }));
  const cast = async (type: string, select = ''): Promise<Map<string, Json>> => {
    const rows = await get<Rows>(`${ACCOUNT}/Attributes/${CRM}${type}${select ? `?$select=${select}` : ''}`);
    return new Map(rows.value.map((a) => [String(a['LogicalName']), a]));
  };
  let base: Map<string, Json>;

  beforeAll(async () => {
    dv = await startDataverseEmulator();
    token = await fetchToken(dv);
    const select = 'LogicalName,SchemaName,AttributeType,AttributeTypeName,AttributeOf,IsValidForRead,IsValidForCreate,IsValidForUpdate,IsValidODataAttribute,RequiredLevel';
    base = new Map((await get<Rows>(`${ACCOUNT}/Attributes?$select=${select}`)).value.map((a) => [String(a['LogicalName']), a]));
  });
  afterAll(() => dv.close());

  it('has the reference columns, SchemaName cased as Dataverse cases it', () => {
    expect(base.size).toBeGreaterThanOrEqual(230);
    for (const [logical, schema] of [['accountnumber', 'AccountNumber'], ['emailaddress1', 'EMailAddress1'], ['websiteurl', 'WebSiteURL'], ['address1_upszone', 'Address1_UPSZone']]) {
      expect(base.get(logical as string)).toMatchObject({ SchemaName: schema });
    }
    expect(base.get('statecode')).toMatchObject({ AttributeType: 'State', IsValidForCreate: false, IsValidForUpdate: true });
    expect(base.get('isprivate')).toMatchObject({ AttributeType: 'Boolean', IsValidForRead: false });
  });

  it('describes the owner: an Owner lookup to users and teams, its companions and the owning columns', async () => {
    expect(base.get('ownerid')).toMatchObject({ AttributeType: 'Owner', AttributeTypeName: { Value: 'OwnerType' }, RequiredLevel: { Value: 'SystemRequired' } });
    expect(base.get('owneridname')).toMatchObject({ AttributeType: 'String', AttributeOf: 'ownerid', IsValidForRead: true, IsValidODataAttribute: false });
    expect(base.get('owneridtype')).toMatchObject({ AttributeType: 'EntityName', AttributeOf: 'ownerid', IsValidODataAttribute: false });
    const lookups = await cast('LookupAttributeMetadata', 'LogicalName,Targets');
    expect(lookups.get('ownerid')).toMatchObject({ Targets: ['systemuser', 'team'] });
    expect(lookups.get('owninguser')).toMatchObject({ Targets: ['systemuser'] });
    expect(lookups.get('owningteam')).toMatchObject({ Targets: ['team'] });
    expect(lookups.get('owningbusinessunit')).toMatchObject({ Targets: ['businessunit'] });
    expect((await cast('EntityNameAttributeMetadata')).has('owneridtype')).toBe(true);
    const relationships = await get<Rows>(`${ACCOUNT}/ManyToOneRelationships?$select=SchemaName,ReferencingAttribute,ReferencedEntity,ReferencingEntityNavigationPropertyName`);
    expect(relationships.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ SchemaName: 'owner_accounts', ReferencingAttribute: 'ownerid', ReferencedEntity: 'owner', ReferencingEntityNavigationPropertyName: 'ownerid' }),
        expect.objectContaining({ SchemaName: 'user_accounts', ReferencingAttribute: 'owninguser', ReferencedEntity: 'systemuser' }),
        expect.objectContaining({ SchemaName: 'team_accounts', ReferencingAttribute: 'owningteam', ReferencedEntity: 'team' }),
      ]),
    );
  });

  it('adds a VirtualType name companion, not valid for read, to every choice column', () => {
    for (const choice of ['statecode', 'statuscode', 'industrycode', 'creditonhold', 'new_channels']) {
      expect(base.get(`${choice}name`)).toMatchObject({ AttributeType: 'Virtual', AttributeTypeName: { Value: 'VirtualType' }, AttributeOf: choice, IsValidForRead: false });
    }
  });

  it('gives each kind of column its typed cast with the properties of that type', async () => {
    expect((await cast('ImageAttributeMetadata')).get('entityimage')).toMatchObject({ IsPrimaryImage: true, MaxHeight: 144 });
    expect(base.get('entityimage_url')).toMatchObject({ AttributeType: 'String', AttributeOf: 'entityimage' });
    expect((await cast('FileAttributeMetadata')).get('new_contract')).toMatchObject({ AttributeType: 'Virtual', AttributeTypeName: { Value: 'FileType' } });
    expect((await cast('MemoAttributeMetadata')).get('description')).toMatchObject({ MaxLength: 2000, Format: 'TextArea' });
    expect((await cast('MoneyAttributeMetadata')).get('revenue')).toMatchObject({ Precision: 2, PrecisionSource: 2 });
    const bigints = await cast('BigIntAttributeMetadata');
    expect(bigints.get('versionnumber')).not.toHaveProperty('Format');
    expect((await cast('IntegerAttributeMetadata')).get('address1_utcoffset')).toMatchObject({ Format: 'TimeZone', MinValue: -1500 });
    expect((await cast('DoubleAttributeMetadata')).get('address1_latitude')).toMatchObject({ Precision: 5, MinValue: -90 });
    expect((await cast('DecimalAttributeMetadata')).get('exchangerate')).toMatchObject({ Precision: 12 });
    // Format and DateTimeBehavior are independent: a DateOnly format over a user-local date-time.
    expect((await cast('DateTimeAttributeMetadata')).get('lastusedincampaign')).toMatchObject({ Format: 'DateOnly', DateTimeBehavior: { Value: 'UserLocal' } });
    const strings = await cast('StringAttributeMetadata', 'LogicalName,Format,FormatName,MaxLength');
    expect(strings.get('websiteurl')).toMatchObject({ Format: 'Url', FormatName: { Value: 'Url' }, MaxLength: 200 });
    expect(strings.get('yominame')).toMatchObject({ FormatName: { Value: 'PhoneticGuide' } });
  });

  it('keeps the options of choices: status reasons with their state, states with their default status, Yes/No labels', async () => {
    const multi = await get<Rows>(`${ACCOUNT}/Attributes/${CRM}MultiSelectPicklistAttributeMetadata?$expand=GlobalOptionSet`);
    expect(multi.value[0]).toMatchObject({ LogicalName: 'new_channels', GlobalOptionSet: { Name: 'new_channel', IsGlobal: true } });
    const status = await get<Rows>(`${ACCOUNT}/Attributes/${CRM}StatusAttributeMetadata?$expand=OptionSet`);
    expect((status.value[0]?.['OptionSet'] as { Options: Json[] }).Options.map((o) => [o['Value'], o['State']])).toEqual([[1, 0], [2, 1]]);
    const state = await get<Rows>(`${ACCOUNT}/Attributes/${CRM}StateAttributeMetadata?$expand=OptionSet`);
    expect((state.value[0]?.['OptionSet'] as { Options: Json[] }).Options.map((o) => [o['Value'], o['DefaultStatus']])).toEqual([[0, 1], [1, 2]]);
    const follow = await get<Json>(`${ACCOUNT}/Attributes(LogicalName='followemail')/${CRM}BooleanAttributeMetadata?$expand=OptionSet`);
    const options = follow['OptionSet'] as { TrueOption: { Label: unknown }; FalseOption: { Label: unknown } };
    expect([label(options.TrueOption.Label), label(options.FalseOption.Label), follow['DefaultValue']]).toEqual(['Allow', 'Do Not Allow', true]);
  });

  it('owns a created row by the calling user, names the owner in annotations, and assigns it to a team', async () => {
    const { applicationUserId, teamId, businessUnitId } = dv.platform;
    const created = await api(dv, token, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Owned' }) });
    const id = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1] as string;
    const select = '$select=_ownerid_value,_owninguser_value,_owningteam_value,_owningbusinessunit_value,followemail';
    const plain = await get<Json>(`accounts(${id})?${select}`);
    expect(plain).toMatchObject({ _ownerid_value: applicationUserId, _owninguser_value: applicationUserId, _owningteam_value: null, _owningbusinessunit_value: businessUnitId, followemail: true });
    expect(plain).not.toHaveProperty(`_ownerid_value@${CRM}lookuplogicalname`);
    const annotated = await get<Json>(`accounts(${id})?${select}`, { Prefer: 'odata.include-annotations="*"' });
    expect(annotated).toMatchObject({ [`_ownerid_value@${CRM}lookuplogicalname`]: 'systemuser', '_ownerid_value@OData.Community.Display.V1.FormattedValue': '# CRM Hub' });

    const patch = (binding: unknown) =>
      api(dv, token, `accounts(${id})`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ 'ownerid@odata.bind': binding }) });
    expect((await patch(`/teams(${teamId})`)).status).toBe(204);
    expect(await get<Json>(`accounts(${id})?${select}`, { Prefer: `odata.include-annotations="${CRM}lookuplogicalname"` })).toMatchObject({
      _ownerid_value: teamId,
      [`_ownerid_value@${CRM}lookuplogicalname`]: 'team',
      _owningteam_value: teamId,
      _owninguser_value: null,
    });
    expect((await patch(`/accounts(${id})`)).status).toBe(400);
    expect(((await (await patch(null)).json()) as { error: { code: string } }).error.code).toBe('0x80044331');
  });

  it('has no Web API property for a lookup companion, and types the owner as principal in $metadata', async () => {
    expect((await api(dv, token, 'accounts?$select=owneridname')).status).toBe(400);
    const csdl = await (await api(dv, token, '$metadata')).text();
    expect(csdl).toContain('<NavigationProperty Name="ownerid" Type="mscrm.principal" Nullable="false">');
    expect(csdl).toContain('<EntityType Name="principal" BaseType="mscrm.crmbaseentity">');
    expect(csdl).not.toContain('Name="owneridname"');
  });

  it('keeps a file column as the id of the file, with its name alongside', async () => {
    const [id] = dv.create('account', [{ name: 'With contract', new_contract: 'contract.pdf' }]);
    const row = await get<Json>(`accounts(${id})?$select=new_contract,new_contract_name`);
    expect(row).toMatchObject({ new_contract: expect.stringMatching(/^[0-9a-f-]{36}$/), new_contract_name: 'contract.pdf' });
  });

  it("serves the organization's pricing decimal precision, as an admin sets it", async () => {
    const read = async () => (await get<Rows>('organizations?$select=pricingdecimalprecision')).value[0]?.['pricingdecimalprecision'];
    expect(await read()).toBe(2);
    dv.setPricingDecimalPrecision(4);
    expect(await read()).toBe(4);
  });

  it('adds the error details annotations when asked: help link always, sub-code for plug-in failures', async () => {
    const post = async (headers: Record<string, string>, body: Json) =>
      json<{ error: Json }>(await api(dv, token, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }));
    expect(Object.keys((await post({}, { name: 'x'.repeat(161) })).error)).toEqual(['code', 'message']);
    expect((await post({ Prefer: 'odata.include-annotations="*"' }, { name: 'x'.repeat(161) })).error).toEqual({
      code: '0x80044331',
      message: expect.any(String),
      '@Microsoft.PowerApps.CDS.HelpLink': 'http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80044331&client=platform',
      '@Microsoft.PowerApps.CDS.InnerError.Message': expect.any(String),
    });
    dv.rejectWrites('account', { message: 'Accounts are frozen.', subErrorCode: '12345' });
    try {
      expect((await post({ Prefer: 'odata.include-annotations="Microsoft.PowerApps.CDS.*"' }, { name: 'Frozen' })).error).toMatchObject({
        code: '0x80040265',
        message: 'Accounts are frozen.',
        '@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus': '0',
        '@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode': '12345',
        '@Microsoft.PowerApps.CDS.HelpLink': expect.stringContaining('80040265'),
      });
    } finally {
      dv.rejectWrites('account', undefined);
    }
  });
});
