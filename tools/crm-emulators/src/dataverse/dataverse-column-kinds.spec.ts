import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json } from './test-support/dataverse-test-client';

type Rows = { value: Record<string, unknown>[] };
const CRM = 'Microsoft.Dynamics.CRM.';
const label = (text: string) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }] });
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe(`${startDataverseEmulator.name} column kinds`, () => {
  let dv: DataverseEmulator;
  let token: string;
  const attributes = async (select = 'LogicalName,AttributeType,AttributeTypeName,AttributeOf,SourceType,AutoNumberFormat,IsValidForCreate,IsValidODataAttribute') =>
    (await json<Rows>(await api(dv, token, `EntityDefinitions(LogicalName='new_subscription')/Attributes?$select=${select}`))).value;
  const attribute = async (name: string) => (await attributes()).find((a) => a['LogicalName'] === name);

  beforeAll(async () => {
    dv = await startDataverseEmulator();
    token = await fetchToken(dv);
    // Shaped as create-update-column-definitions-using-web-api.md, image-column-data.md, file-column-data.md and autonumber-fields.md show them.
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}ImageAttributeMetadata`, SchemaName: 'new_Picture', DisplayName: label('Picture'), MaxSizeInKB: 30720, CanStoreFullImage: true });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}FileAttributeMetadata`, SchemaName: 'new_Contract', DisplayName: label('Contract'), MaxSizeInKB: 10240 });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}MemoAttributeMetadata`, SchemaName: 'new_Notes', DisplayName: label('Notes'), MaxLength: 100000, FormatName: { Value: 'RichText' } });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Ticker', DisplayName: label('Ticker'), MaxLength: 10, FormatName: { Value: 'TickerSymbol' } });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Serial', DisplayName: label('Serial'), MaxLength: 100, AutoNumberFormat: 'SUB-{SEQNUM:5}' });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}DecimalAttributeMetadata`, SchemaName: 'new_Total', DisplayName: label('Total'), SourceType: 1, FormulaDefinition: '…' });
    dv.addAttribute('new_subscription', { '@odata.type': `${CRM}MoneyAttributeMetadata`, SchemaName: 'new_Rollup', DisplayName: label('Roll-up'), SourceType: 2, FormulaDefinition: '…' });
    // Only the platform has these kinds (activities, solution components): the control interface adds them for their metadata.
    dv.addAttribute('new_subscription', { AttributeType: 'PartyList', LogicalName: 'new_parties', DisplayName: label('Parties'), Targets: ['account', 'contact'] });
    dv.addAttribute('new_subscription', { AttributeType: 'ManagedProperty', LogicalName: 'iscustomizable', DisplayName: label('Customizable') });
  });
  afterAll(() => dv.close());

  it('describes image, file, party-list and managed-property columns as Dataverse does, with the companions the platform adds', async () => {
    expect(await attribute('new_picture')).toMatchObject({ AttributeType: 'Virtual', AttributeTypeName: { Value: 'ImageType' } });
    expect(await attribute('new_picture_url')).toMatchObject({ AttributeType: 'String', AttributeOf: 'new_picture' });
    expect(await attribute('new_picture_timestamp')).toMatchObject({ AttributeType: 'BigInt', AttributeOf: 'new_picture' });
    expect(await attribute('new_pictureid')).toMatchObject({ AttributeType: 'Uniqueidentifier', AttributeOf: 'new_picture' });
    expect(await attribute('new_contract')).toMatchObject({ AttributeType: 'Virtual', AttributeTypeName: { Value: 'FileType' } });
    expect(await attribute('new_contract_name')).toMatchObject({ AttributeType: 'String', AttributeOf: 'new_contract' });
    expect(await attribute('new_parties')).toMatchObject({ AttributeType: 'PartyList', IsValidODataAttribute: false });
    expect(await attribute('iscustomizable')).toMatchObject({ AttributeType: 'ManagedProperty', AttributeTypeName: { Value: 'ManagedPropertyType' } });
    const lookups = await json<Rows>(await api(dv, token, `EntityDefinitions(LogicalName='new_subscription')/Attributes/${CRM}LookupAttributeMetadata?$select=LogicalName,Targets`));
    expect(lookups.value.find((a) => a['LogicalName'] === 'new_parties')).toMatchObject({ Targets: ['account', 'contact'] });
    const images = await json<Rows>(await api(dv, token, `EntityDefinitions(LogicalName='new_subscription')/Attributes/${CRM}ImageAttributeMetadata`));
    expect(images.value[0]).toMatchObject({ LogicalName: 'new_picture', MaxHeight: 144, MaxWidth: 144, CanStoreFullImage: true });
    const metadata = await (await api(dv, token, '$metadata')).text();
    expect(metadata).toContain('<Property Name="new_picture" Type="Edm.Binary"/>');
    expect(metadata).not.toContain('Name="new_parties"');
  });

  it('describes text formats, calculated, roll-up and auto-number columns', async () => {
    const memo = await json<Rows>(await api(dv, token, `EntityDefinitions(LogicalName='new_subscription')/Attributes/${CRM}MemoAttributeMetadata?$select=LogicalName,FormatName`));
    expect(memo.value.find((a) => a['LogicalName'] === 'new_notes')).toMatchObject({ FormatName: { Value: 'RichText' } });
    const text = await json<Rows>(await api(dv, token, `EntityDefinitions(LogicalName='new_subscription')/Attributes/${CRM}StringAttributeMetadata?$select=LogicalName,FormatName`));
    expect(text.value.find((a) => a['LogicalName'] === 'new_ticker')).toMatchObject({ FormatName: { Value: 'TickerSymbol' } });
    expect(await attribute('new_total')).toMatchObject({ SourceType: 1, IsValidForCreate: false });
    expect(await attribute('new_rollup')).toMatchObject({ SourceType: 2, IsValidForCreate: false });
    expect(await attribute('new_rollup_date')).toMatchObject({ AttributeType: 'DateTime', AttributeOf: 'new_rollup' });
    expect(await attribute('new_rollup_state')).toMatchObject({ AttributeType: 'Integer', AttributeOf: 'new_rollup' });
    expect(await attribute('new_serial')).toMatchObject({ AutoNumberFormat: 'SUB-{SEQNUM:5}', SourceType: 0 });
    expect(await attribute('new_name')).toMatchObject({ AutoNumberFormat: null });
  });

  it('stores image bytes (base64) with their companions, numbers auto-number columns, refuses file content in a row', async () => {
    const res = await api(dv, token, 'new_subscriptions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
      body: JSON.stringify({ new_name: 'Pictured', new_code: 'IMG-1', new_picture: PNG }),
    });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ new_picture: PNG, new_serial: 'SUB-01000', new_picture_url: expect.stringMatching(/^\/Image\/download\.aspx\?Entity=new_subscription&Attribute=new_picture&Id=/) });
    const id = created['new_subscriptionid'] as string;
    const [second] = dv.create('new_subscription', [{ new_name: 'Next', new_code: 'IMG-2' }]);
    expect(dv.record('new_subscription', second as string)?.['new_serial']).toMatchObject({ attributeType: 'String', value: 'SUB-01001' });
    expect(dv.record('new_subscription', id)?.['new_picture']).toEqual({ attributeType: 'ImageType', value: PNG });

    const bad = await api(dv, token, `new_subscriptions(${id})`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ new_picture: 'not base64!' }) });
    expect(bad.status).toBe(400);
    const file = await api(dv, token, `new_subscriptions(${id})`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ new_contract: id }) });
    expect(file.status).toBe(400);
    const parties = await api(dv, token, 'new_subscriptions?$select=new_parties');
    expect(await json(parties)).toMatchObject({ error: { code: '0x80060888' } });
  });

  it('shows a row column by column to the control interface, lookups with their table, without the Web API', async () => {
    const [account] = dv.create('account', [{ name: 'Contoso' }]);
    const [contact] = dv.create('contact', [{ lastname: 'Ada', birthdate: '1990-12-31', gendercode: 2, 'parentcustomerid_account@odata.bind': `/accounts(${account})` }]);
    dv.counters.reset();
    const record = dv.record('contact', contact as string);
    expect(record).toMatchObject({
      contactid: { attributeType: 'Uniqueidentifier', value: contact },
      lastname: { attributeType: 'String', value: 'Ada' },
      birthdate: { attributeType: 'DateTime', dateOnly: true, value: '1990-12-31' },
      gendercode: { attributeType: 'Picklist', value: 2 },
      parentcustomerid: { attributeType: 'Customer', value: account, lookupTable: 'account' },
    });
    expect(dv.record('contact', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(dv.counters.total()).toBe(0);
  });
});
