import type { CrmField, CrmObject, SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { describeTable } from './catalog-builder';

const CRM = 'Microsoft.Dynamics.CRM.';
const label = (text: string) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }] });
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const dataOf = (messages: SyncMessage[], id: string): Record<string, unknown> | undefined => {
  const found = messages.find((m) => m.kind === 'upsert' && m.id === id);
  return found?.kind === 'upsert' ? found.data : undefined;
};

describe(`${describeTable.name} catalog features`, () => {
  let h: DataverseHarness;
  let subscription: CrmObject;
  const field = (object: CrmObject | undefined, name: string): CrmField | undefined => object?.fields.find((f) => f.name === name);

  beforeAll(async () => {
    h = await startHarness();
    // Columns an admin adds (create-update-column-definitions-using-web-api.md, image-column-data.md,
    // file-column-data.md, autonumber-fields.md), and two kinds only the platform has (the
    // emulator's control interface adds them for their metadata).
    const add = (attribute: Record<string, unknown>): void => h.emulator.addAttribute('new_subscription', attribute);
    add({ '@odata.type': `${CRM}ImageAttributeMetadata`, SchemaName: 'new_Picture', DisplayName: label('Picture'), CanStoreFullImage: true });
    add({ '@odata.type': `${CRM}FileAttributeMetadata`, SchemaName: 'new_Contract', DisplayName: label('Contract'), MaxSizeInKB: 10240 });
    add({ '@odata.type': `${CRM}MemoAttributeMetadata`, SchemaName: 'new_Notes', DisplayName: label('Notes'), MaxLength: 100000, FormatName: { Value: 'RichText' } });
    add({ '@odata.type': `${CRM}MemoAttributeMetadata`, SchemaName: 'new_Remarks', DisplayName: label('Remarks'), MaxLength: 2000 });
    add({ '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Ticker', DisplayName: label('Ticker'), MaxLength: 10, FormatName: { Value: 'TickerSymbol' } });
    add({ '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Summary', DisplayName: label('Summary'), MaxLength: 400, FormatName: { Value: 'TextArea' } });
    add({ '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Blurb', DisplayName: label('Blurb'), MaxLength: 400, FormatName: { Value: 'RichText' } });
    add({ '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Serial', DisplayName: label('Serial'), MaxLength: 100, AutoNumberFormat: 'SUB-{SEQNUM:5}', RequiredLevel: { Value: 'SystemRequired' } });
    add({ '@odata.type': `${CRM}StringAttributeMetadata`, SchemaName: 'new_Mandatory', DisplayName: label('Mandatory'), MaxLength: 50, RequiredLevel: { Value: 'SystemRequired' } });
    add({ '@odata.type': `${CRM}DecimalAttributeMetadata`, SchemaName: 'new_Total', DisplayName: label('Total'), SourceType: 1, FormulaDefinition: '…' });
    add({ '@odata.type': `${CRM}MoneyAttributeMetadata`, SchemaName: 'new_Rollup', DisplayName: label('Roll-up'), SourceType: 2, FormulaDefinition: '…' });
    add({ AttributeType: 'PartyList', LogicalName: 'new_parties', DisplayName: label('Parties'), Targets: ['account', 'contact'] });
    add({ AttributeType: 'ManagedProperty', LogicalName: 'iscustomizable', DisplayName: label('Customizable') });
    const { connector } = await h.open();
    [subscription] = (await connector.discover({ objects: ['new_subscription'] })).objects as [CrmObject];
  });
  afterAll(() => h.close());

  it('marks required only SystemRequired columns Dataverse does not fill in itself (RequiredLevel is advisory)', () => {
    expect(field(subscription, 'new_mandatory')).toMatchObject({ required: true, nullable: false });
    expect(field(subscription, 'new_name')).toMatchObject({ required: false }); // ApplicationRequired: forms only
    expect(field(subscription, 'statecode')).toMatchObject({ required: false }); // SystemRequired, defaulted
    expect(field(subscription, 'new_subscriptionid')).toMatchObject({ required: false }); // generated
    expect(field(subscription, 'new_serial')).toMatchObject({ required: false, autoNumber: true }); // numbered by Dataverse
  });

  it('marks calculated and roll-up columns computed, and the primary name column nameField', () => {
    expect(field(subscription, 'new_total')).toMatchObject({ computed: true, createable: false, type: 'decimal' });
    expect(field(subscription, 'new_rollup')).toMatchObject({ computed: true, type: 'currency' });
    expect(field(subscription, 'new_amount')?.computed).toBeUndefined();
    expect(subscription.fields.filter((f) => f.nameField).map((f) => f.name)).toEqual(['new_name']);
  });

  it('maps text formats, memos and images to types and formats', () => {
    expect(field(subscription, 'new_ticker')).toMatchObject({ type: 'string', format: 'ticker-symbol' });
    expect(field(subscription, 'new_summary')).toMatchObject({ type: 'text', format: 'multiline' });
    expect(field(subscription, 'new_blurb')).toMatchObject({ type: 'text', format: 'html' });
    expect(field(subscription, 'new_notes')).toMatchObject({ type: 'text', format: 'html', nativeType: 'Memo' });
    expect(field(subscription, 'new_remarks')).toMatchObject({ type: 'text', format: 'multiline' });
    expect(field(subscription, 'new_picture')).toMatchObject({ type: 'binary', format: 'image', nativeType: 'ImageType' });
    expect(field(subscription, 'new_picture_url')).toMatchObject({ type: 'string', format: 'image-url' });
    expect(field(subscription, 'new_name')?.format).toBeUndefined();
  });

  it('lists party-list and managed-property columns as unsupported, with the reason', () => {
    const unsupported = new Map(subscription.unsupportedFields?.map((u) => [u.name, u]));
    expect(unsupported.get('new_parties')).toMatchObject({ nativeType: 'PartyList', reason: expect.stringContaining('activityparty') });
    expect(unsupported.get('iscustomizable')).toMatchObject({ nativeType: 'ManagedProperty', reason: expect.stringContaining('solution metadata') });
    for (const name of unsupported.keys()) expect(field(subscription, name)).toBeUndefined();
  });

  it("reads a file column as its file's id (SDK 1.1 format 'file'), never writable, its name alongside", async () => {
    expect(subscription.unsupportedFields?.map((u) => u.name)).not.toContain('new_contract');
    expect(field(subscription, 'new_contract')).toMatchObject({ type: 'string', format: 'file', nativeType: 'FileType', createable: false, updateable: false });
    expect(field(subscription, 'new_contract_name')).toMatchObject({ type: 'string' });
    const [id] = h.emulator.create('new_subscription', [{ new_name: 'Filed', new_code: 'FILE-1', new_contract: 'terms.pdf' }]) as [string];
    const { connector } = await h.open();
    const read = await h.read(connector, { object: 'new_subscription', fields: ['new_contract', 'new_contract_name'] });
    const stored = h.emulator.record('new_subscription', id)?.['new_contract']?.value;
    expect(dataOf(read, id)).toMatchObject({ new_contract: stored, new_contract_name: 'terms.pdf' });
    expect(stored).toMatch(/^[0-9a-f-]{36}$/);
    const [refused] = await connector.write({ object: 'new_subscription', operation: 'update', records: [{ ref: 'f', id, data: { new_contract: stored } }] });
    expect(refused?.error).toMatchObject({ code: 'READ_ONLY_FIELD', fields: ['new_contract'] });
  });

  it('gives references their targets and, for single-target lookups, the navigation property', async () => {
    const { connector } = await h.open();
    const { objects } = await connector.discover({ objects: ['contact', 'lead'] });
    const [contact, lead] = objects;
    expect(field(subscription, 'new_accountid')).toMatchObject({ referenceTo: ['account'], relationshipName: 'new_AccountId' });
    expect(field(lead, 'parentaccountid')).toMatchObject({ referenceTo: ['account'], relationshipName: 'parentaccountid' });
    // A Customer lookup has one navigation property per target: no single relationship name.
    expect(field(contact, 'parentcustomerid')).toMatchObject({ referenceTo: ['account', 'contact'] });
    expect(field(contact, 'parentcustomerid')?.relationshipName).toBeUndefined();
    expect(field(contact, 'fullname')).toMatchObject({ nameField: true });
  });

  it('reads image bytes as base64 and polymorphic lookups as <table>:<guid>, asking for lookuplogicalname', async () => {
    const { connector } = await h.open();
    const [written] = await connector.write({ object: 'new_subscription', operation: 'insert', records: [{ ref: 'p', data: { new_name: 'Pictured', new_code: 'PIC-1', new_picture: PNG } }] });
    const id = written?.id as string;
    const read = await h.read(connector, { object: 'new_subscription', fields: ['new_picture', 'new_serial', 'new_picture_url'] });
    expect(dataOf(read, id)).toMatchObject({ new_picture: PNG, new_serial: expect.stringMatching(/^SUB-\d{5}$/), new_picture_url: expect.stringContaining('/Image/download.aspx') });

    h.emulator.truncate('contact');
    const [account] = h.emulator.create('account', [{ name: 'Contoso' }]) as [string];
    const [parent] = h.emulator.create('contact', [{ lastname: 'Parent' }]) as [string];
    const [child, employee] = h.emulator.create('contact', [
      { lastname: 'Child', [`parentcustomerid_contact@odata.bind`]: `/contacts(${parent})` },
      { lastname: 'Employee', [`parentcustomerid_account@odata.bind`]: `/accounts(${account})` },
    ]) as [string, string];
    const contacts = await h.read(connector, { object: 'contact', fields: ['parentcustomerid'] });
    expect(dataOf(contacts, child)?.['parentcustomerid']).toBe(`contact:${parent}`);
    expect(dataOf(contacts, employee)?.['parentcustomerid']).toBe(`account:${account}`);
    expect(dataOf(contacts, parent)?.['parentcustomerid']).toBeNull();
    // A value read back filters as it was read.
    const filtered = await h.read(connector, { object: 'contact', fields: ['lastname'], filter: { field: 'parentcustomerid', op: 'eq', value: `account:${account}` } });
    expect(filtered.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []))).toEqual([employee]);
  });
});
