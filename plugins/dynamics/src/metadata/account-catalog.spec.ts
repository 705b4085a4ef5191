import type { CrmCatalog, CrmEnum, CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { describeTable } from './catalog-builder';

const CRM = 'Microsoft.Dynamics.CRM.';
type Json = Record<string, unknown>;

/**
 * The `account` table as a real organization has it (the emulator transcribes Microsoft's table
 * reference): every readable column is a field or an unsupported field with its reason, and the
 * catalog keeps what the metadata says of each kind of column.
 */
describe(`${describeTable.name} of a real account table`, () => {
  let h: DataverseHarness;
  let account: CrmObject;
  let catalog: CrmCatalog;
  const field = (name: string): CrmField | undefined => account.fields.find((f) => f.name === name);
  const enumOf = (name: string): CrmEnum | undefined => catalog.enums.find((e) => e.id === field(name)?.enumId);

  beforeAll(async () => {
    h = await startHarness({ pricingDecimalPrecision: 3 });
    // Money columns that take their scale from elsewhere (MoneyAttributeMetadata.PrecisionSource).
    const money = (schema: string, source: number, precision: number): void =>
      h.emulator.addAttribute('account', { '@odata.type': `${CRM}MoneyAttributeMetadata`, SchemaName: schema, PrecisionSource: source, Precision: precision });
    money('new_Fixed', 0, 1);
    money('new_Priced', 1, 2);
    const { connector } = await h.open();
    catalog = await connector.discover({ objects: ['account'] });
    account = catalog.objects[0] as CrmObject;
  });
  afterAll(() => h.close());

  it('has a field, or an unsupported field with its reason, for every readable attribute, and nothing for the others', async () => {
    const res = await fetch(`${h.emulator.apiUrl}/EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName,IsValidForRead`, {
      headers: { Authorization: `Bearer ${await token(h)}`, Accept: 'application/json' },
    });
    const attributes = ((await res.json()) as { value: Json[] }).value;
    const readable = attributes.filter((a) => a['IsValidForRead'] !== false).map((a) => String(a['LogicalName']));
    const unsupported = new Map(account.unsupportedFields?.map((u) => [u.name, u.reason]));
    for (const name of readable) expect([name, field(name) !== undefined || (unsupported.get(name)?.length ?? 0) > 0]).toEqual([name, true]);
    for (const name of attributes.filter((a) => a['IsValidForRead'] === false).map((a) => String(a['LogicalName']))) {
      expect([name, field(name), unsupported.has(name)]).toEqual([name, undefined, false]);
    }
    expect(account.fields.length).toBeGreaterThan(150);
  });

  it('types the owner as a reference to users and teams, and explains its companions', () => {
    expect(field('ownerid')).toMatchObject({ type: 'reference', nativeType: 'Owner', referenceTo: ['systemuser', 'team'], relationshipName: 'ownerid', required: false });
    expect(field('owninguser')).toMatchObject({ type: 'reference', referenceTo: ['systemuser'], relationshipName: 'owninguser', createable: false });
    const reasons = new Map(account.unsupportedFields?.map((u) => [u.name, u.reason]));
    expect(reasons.get('owneridname')).toMatch(/accompanies 'ownerid'.*FormattedValue/);
    expect(reasons.get('owneridtype')).toMatch(/accompanies 'ownerid'.*<table>:<guid>/);
    expect(reasons.get('createdbyname')).toMatch(/accompanies 'createdby'/);
  });

  it('types GUID columns other than the key as text, images as binary, files as their id', () => {
    expect(field('accountid')).toMatchObject({ type: 'id', unique: true });
    for (const name of ['processid', 'stageid', 'entityimageid', 'address1_addressid']) expect([name, field(name)?.type]).toEqual([name, 'string']);
    expect(field('entityimage')).toMatchObject({ type: 'binary', format: 'image' });
    expect(field('entityimage_url')).toMatchObject({ type: 'string', format: 'image-url' });
    expect(field('new_contract')).toMatchObject({ type: 'string', format: 'file', createable: false, updateable: false });
  });

  it('takes money scale from PrecisionSource: the column, the organization, or the currency', () => {
    expect(field('new_fixed')).toMatchObject({ type: 'currency', scale: 1 }); // 0: the column's Precision
    expect(field('new_priced')).toMatchObject({ type: 'currency', scale: 3 }); // 1: Organization.PricingDecimalPrecision
    expect(field('revenue')).toMatchObject({ type: 'currency', scale: 4 }); // 2: each record's currency, at most 4
    expect(field('address1_latitude')).toMatchObject({ type: 'decimal', nativeType: 'Double', scale: 5 });
    expect(field('exchangerate')).toMatchObject({ type: 'decimal', scale: 12 });
    expect(field('versionnumber')).toMatchObject({ type: 'decimal', nativeType: 'BigInt' });
  });

  it('keeps memo lengths, text formats, date-time behaviour over format, and create-only rules', () => {
    expect(field('description')).toMatchObject({ type: 'text', format: 'multiline', length: 2000 });
    expect(field('address1_composite')).toMatchObject({ type: 'text', length: 1000, createable: false });
    expect(field('emailaddress1')).toMatchObject({ type: 'email', length: 100 });
    expect(field('websiteurl')).toMatchObject({ type: 'url' });
    expect(field('tickersymbol')).toMatchObject({ format: 'ticker-symbol' });
    // Format DateOnly, behaviour UserLocal: the value is still a date-time.
    expect(field('lastusedincampaign')).toMatchObject({ type: 'datetime', createable: false, updateable: true });
    expect(field('statecode')).toMatchObject({ type: 'enum', createable: false, updateable: true });
    expect(field('new_channels')).toMatchObject({ type: 'multi-enum', enumId: 'global:new_channel' });
    expect(field('opendeals')).toMatchObject({ type: 'integer', computed: true });
  });

  it('keeps each status reason with its state, each state with its default status, and Yes/No labels', () => {
    const status = enumOf('statuscode');
    expect(status).toMatchObject({ controllingField: 'statecode' });
    expect(status?.values.map((v) => [v.value, v.label, v.validFor, v.isDefault])).toEqual([
      ['1', 'Active', ['0'], true],
      ['2', 'Inactive', ['1'], true],
    ]);
    expect(enumOf('statecode')?.values.map((v) => [v.value, v.isDefault])).toEqual([['0', true], ['1', false]]);
    expect(field('followemail')).toMatchObject({ type: 'boolean', enumId: 'account.followemail' });
    expect(enumOf('followemail')?.values.map((v) => [v.value, v.label, v.isDefault])).toEqual([
      ['true', 'Allow', true],
      ['false', 'Do Not Allow', false],
    ]);
    expect(enumOf('donotemail')?.values.map((v) => v.label)).toEqual(['Do Not Allow', 'Allow']);
  });
});

async function token(h: DataverseHarness): Promise<string> {
  const { credentials, tokenEndpoint, url } = h.emulator;
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: `${url}/.default` }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
