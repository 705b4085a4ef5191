import type { CrmField } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { describeTable } from './catalog-builder';

describe(describeTable.name, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());
  beforeEach(() => h.emulator.counters.reset());

  it('lists tables with one EntityDefinitions call and no attribute call', async () => {
    const { connector } = await h.open();
    const listing = await connector.discover();
    expect(listing.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['account', 'contact', 'lead', 'new_subscription']));
    // lead has no change tracking: it resumes on modifiedon and cannot report deletes (overriding the manifest's 'stream').
    expect(listing.objects.find((o) => o.name === 'lead')).toMatchObject({ incremental: 'cursor', deletes: 'none', idField: 'leadid', fields: [] });
    const contact = listing.objects.find((o) => o.name === 'contact');
    expect(contact).toMatchObject({ incremental: 'delta', custom: false });
    expect(contact?.deletes).toBeUndefined(); // the manifest's: 'stream'
    expect(h.emulator.counters.get('entityDefinitions')).toBe(1);
    expect(h.emulator.counters.get('attributes')).toBe(0);
  });

  it('maps new_subscription: global multi-select, money, DateOnly, user-local date-time, lookup targets, alternate key', async () => {
    const { connector } = await h.open();
    const catalog = await connector.discover({ objects: ['new_subscription'] });
    const [object] = catalog.objects;
    expect(object).toMatchObject({ name: 'new_subscription', custom: true, idField: 'new_subscriptionid', cursorField: 'modifiedon', incremental: 'delta' });
    expect(object?.deletes).toBeUndefined();
    const field = (name: string): CrmField | undefined => object?.fields.find((f) => f.name === name);

    expect(field('new_channels')).toMatchObject({ type: 'multi-enum', nativeType: 'MultiSelectPicklistType', enumId: 'global:new_channel' });
    expect(catalog.enums.find((e) => e.id === 'global:new_channel')).toMatchObject({
      global: true,
      multiSelect: true,
      restricted: true,
      values: expect.arrayContaining([expect.objectContaining({ value: '727000000', label: 'Email', active: true, order: 0 })]),
    });
    expect(field('new_plan')).toMatchObject({ type: 'enum', enumId: 'new_subscription.new_plan' });
    expect(catalog.enums.find((e) => e.id === 'new_subscription.new_plan')?.values.map((v) => v.value)).toEqual(['100000000', '100000001', '100000002']);
    expect(field('statuscode')).toMatchObject({ type: 'enum', enumId: 'new_subscription.statuscode' });
    expect(catalog.enums.find((e) => e.id === 'new_subscription.statuscode')?.controllingField).toBe('statecode');
    // PrecisionSource 2: each record's currency decides, up to 4 decimal places (see field-mapper).
    expect(field('new_amount')).toMatchObject({ type: 'currency', nativeType: 'Money', scale: 4 });
    expect(field('new_startdate')).toMatchObject({ type: 'date', nativeType: 'DateTime' });
    expect(field('new_renewalon')).toMatchObject({ type: 'datetime' });
    expect(field('new_accountid')).toMatchObject({ type: 'reference', referenceTo: ['account'] });
    expect(field('new_code')).toMatchObject({ type: 'string', externalId: true, unique: true, length: 20 });
    expect(field('new_name')).toMatchObject({ externalId: false, nullable: false });
    expect(field('new_seats')).toMatchObject({ type: 'integer' });
    expect(field('new_autorenew')).toMatchObject({ type: 'boolean' });
    expect(field('new_subscriptionid')).toMatchObject({ type: 'id', unique: true });
    expect(field('versionnumber')).toMatchObject({ type: 'decimal' });
    expect(field('createdon')).toMatchObject({ type: 'datetime', createable: false, updateable: false });
  });

  it('maps contact: formats, Customer lookup targets, local option sets, no lookup companions', async () => {
    const { connector } = await h.open();
    const { objects } = await connector.discover({ objects: ['contact'] });
    const fields = objects[0]?.fields ?? [];
    const field = (name: string): CrmField | undefined => fields.find((f) => f.name === name);
    expect(field('emailaddress1')?.type).toBe('email');
    expect(field('telephone1')?.type).toBe('phone');
    expect(field('birthdate')?.type).toBe('date');
    expect(field('parentcustomerid')).toMatchObject({ type: 'reference', referenceTo: expect.arrayContaining(['account', 'contact']) });
    expect(field('gendercode')).toMatchObject({ type: 'enum', enumId: 'contact.gendercode' });
    expect(fields.some((f) => f.name.endsWith('idname') || f.name.endsWith('idtype'))).toBe(false);
  });

  it('describes table by table, never expanding the attributes of every table', async () => {
    const recorder = recordingFetch();
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    const { objects } = await connector.discover({ objects: ['lead', 'contact'] });
    expect(objects.map((o) => [o.name, o.incremental, o.deletes])).toEqual([
      ['lead', 'cursor', 'none'],
      ['contact', 'delta', undefined],
    ]);
    const metadata = recorder.exchanges.map((e) => decodeURIComponent(e.url.pathname + e.url.search)).filter((u) => u.includes('EntityDefinitions'));
    expect(metadata.length).toBeGreaterThanOrEqual(4);
    expect(metadata.every((u) => /EntityDefinitions\(LogicalName='(lead|contact)'\)/.test(u))).toBe(true);
    expect(metadata.some((u) => u.includes('$expand=Attributes'))).toBe(false);
    // The same calls for both, except the navigation properties of lead's single-target lookup
    // (relationshipName; contact's only lookup is polymorphic, and has none to report) and the
    // Yes/No labels of contact's donotemail (lead has no Yes/No column).
    const calls = (table: string): string[] => metadata.filter((u) => u.includes(`'${table}'`)).map((u) => u.replace(`'${table}'`, "'x'"));
    const relationships = (u: string): boolean => u.includes('/ManyToOneRelationships');
    const booleans = (u: string): boolean => u.includes('BooleanAttributeMetadata');
    const shared = (u: string): boolean => !relationships(u) && !booleans(u);
    expect(calls('lead').filter(shared).sort()).toEqual(calls('contact').filter(shared).sort());
    expect([calls('lead').filter(relationships).length, calls('contact').filter(relationships).length]).toEqual([1, 0]);
    expect([calls('lead').filter(booleans).length, calls('contact').filter(booleans).length]).toEqual([0, 1]);
  });
});
