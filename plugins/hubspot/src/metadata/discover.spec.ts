import { startHarness, type HubSpotHarness } from '../test-support/hubspot-harness';

/** The catalog from properties and custom object schemas. */
describe('discover', () => {
  let h: HubSpotHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('lists the standard objects and the custom objects of /crm/v3/schemas, in one call', async () => {
    const { connector } = await h.open();
    h.hs.counters.reset();
    const { objects } = await connector.discover();
    expect(objects.map((o) => [o.name, o.custom])).toEqual([
      ['contacts', false],
      ['companies', false],
      ['deals', false],
      ['tickets', false],
      ['subscriptions', true],
    ]);
    expect(h.hs.counters.snapshot()).toEqual({ schemas: 1 });
  });

  it('maps property types and flags: multi-checkbox, booleans, currency, dates, calculated, unique upsert keys, required and name fields', async () => {
    const { connector } = await h.open();
    const { objects, enums } = await connector.discover({ objects: ['subscriptions', 'contacts'] });
    const [subscriptions, contacts] = objects;
    expect(subscriptions).toMatchObject({ name: 'subscriptions', idField: 'hs_object_id', cursorField: 'hs_lastmodifieddate', incremental: 'cursor', custom: true });
    expect(contacts).toMatchObject({ cursorField: 'lastmodifieddate' });
    const field = (name: string) => subscriptions?.fields.find((f) => f.name === name);
    expect(field('hs_object_id')).toMatchObject({ type: 'id', createable: false, updateable: false, nullable: false, unique: true });
    expect(field('name')).toMatchObject({ type: 'string', required: true, nameField: true, createable: true });
    expect(field('code')).toMatchObject({ type: 'string', externalId: true, unique: true, required: false });
    expect(field('features')).toMatchObject({ type: 'multi-enum', nativeType: 'enumeration/checkbox', enumId: 'subscriptions.features' });
    expect(field('plan')).toMatchObject({ type: 'enum', enumId: 'subscriptions.plan' });
    expect(field('active')).toMatchObject({ type: 'boolean' });
    expect(field('amount')).toMatchObject({ type: 'currency' });
    expect(field('seats')).toMatchObject({ type: 'decimal' });
    expect(field('start_date')).toMatchObject({ type: 'date' });
    expect(field('renewal_at')).toMatchObject({ type: 'datetime' });
    expect(field('notes')).toMatchObject({ type: 'text', format: 'multiline' });
    expect(field('annual_value')).toMatchObject({ type: 'currency', computed: true, createable: false, updateable: false });
    const contact = (name: string) => contacts?.fields.find((f) => f.name === name);
    expect(contact('email')).toMatchObject({ type: 'email', externalId: true });
    expect(contact('phone')).toMatchObject({ type: 'phone' });
    expect(contact('hubspot_owner_id')).toMatchObject({ type: 'string' });
    expect(contact('hs_full_name_or_email')).toMatchObject({ computed: true });
    expect(enums.find((e) => e.id === 'subscriptions.features')).toEqual({
      id: 'subscriptions.features',
      label: 'Features',
      global: false,
      multiSelect: true,
      restricted: true,
      values: ['api', 'sso', 'audit', 'sandbox'].map((value, order) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1), active: true, isDefault: false, order })),
    });
    expect(enums.find((e) => e.id === 'contacts.lifecyclestage')?.multiSelect).toBe(false);
  });

  it('sees drift at once (properties are never cached) and refuses an object the portal does not have', async () => {
    const { connector } = await h.open();
    await connector.discover({ objects: ['deals'] });
    h.hs.addProperty('deals', { name: 'region', type: 'enumeration', fieldType: 'select', options: [{ value: 'emea' }, { value: 'apac' }] });
    h.hs.setOptions('deals', 'hs_priority', [{ value: 'low', label: 'Low' }, { value: 'urgent', label: 'Urgent', hidden: true }]);
    const { objects, enums } = await connector.discover({ objects: ['deals'] });
    expect(objects[0]?.fields.find((f) => f.name === 'region')).toMatchObject({ type: 'enum' });
    expect(enums.find((e) => e.id === 'deals.hs_priority')?.values.map((v) => [v.value, v.active])).toEqual([
      ['low', true],
      ['urgent', false],
    ]);
    await expect(connector.discover({ objects: ['invoices'] })).rejects.toMatchObject({ name: 'CrmNotFoundError' });
  });
});
