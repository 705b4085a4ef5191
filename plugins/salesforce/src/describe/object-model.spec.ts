import { CrmNotFoundError } from '@crm-hub/plugin-sdk';
import { contactDescribe, stamplessDescribe, subscriptionDescribe } from '../__fixtures__/describe-samples';
import { ObjectModel } from './object-model';
import { decodeValidFor } from './picklist-mapping';

describe(ObjectModel.name, () => {
  const subscription = new ObjectModel(subscriptionDescribe);

  it('maps field types to canonical types and leaves base64 out', () => {
    const types = Object.fromEntries(subscription.toCrmObject().fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      Id: 'id',
      Name: 'string',
      Account__c: 'reference',
      Plan__c: 'enum',
      Features__c: 'multi-enum',
      Amount__c: 'currency',
      Discount__c: 'percent',
      Seats__c: 'decimal',
      Licences__c: 'integer',
      Start_Date__c: 'date',
      Renewal_At__c: 'datetime',
      Billing_Time__c: 'time',
      Active__c: 'boolean',
      Contact_Email__c: 'email',
      Notes__c: 'text',
      Site__c: 'json',
      Tags__c: 'string',
    });
    expect(types).not.toHaveProperty('Attachment__c');
  });

  it('describes the object with its cursor, id field, flags, reference targets and external id', () => {
    const object = subscription.toCrmObject();
    expect(object).toMatchObject({ name: 'Subscription__c', custom: true, idField: 'Id', cursorField: 'SystemModstamp', incremental: 'cursor' });
    const byName = new Map(object.fields.map((f) => [f.name, f]));
    expect(byName.get('Account__c')).toMatchObject({ referenceTo: ['Account'], nativeType: 'reference' });
    expect(byName.get('External_Id__c')).toMatchObject({ externalId: true, unique: true, length: 64 });
    expect(byName.get('Amount__c')).toMatchObject({ precision: 16, scale: 2 });
    expect(byName.get('Features__c')).toMatchObject({ enumId: 'Subscription__c.Features__c' });
    expect(byName.get('Tags__c')).toMatchObject({ enumId: 'Subscription__c.Tags__c' });
    expect(byName.get('Site__c')?.components).toEqual(['Site__Latitude__s', 'Site__Longitude__s']);
  });

  it('says which fields a create must give: not nillable, createable, and not defaulted on create', () => {
    const byName = new Map(subscription.toCrmObject().fields.map((f) => [f.name, f]));
    expect(byName.get('Start_Date__c')).toMatchObject({ required: true, nullable: false });
    // Salesforce fills these in: the owner, a defaulted picklist, an auto number; read-only fields never.
    for (const name of ['OwnerId', 'Status__c', 'Number__c', 'Id', 'SystemModstamp', 'Name', 'Active__c']) {
      expect([name, byName.get(name)?.required]).toEqual([name, false]);
    }
    expect(byName.get('Status__c')).toMatchObject({ nullable: false });
  });

  it('flags computed (formula, roll-up), auto-number and name fields, and the format of text', () => {
    const byName = new Map(subscription.toCrmObject().fields.map((f) => [f.name, f]));
    expect(byName.get('Seats_Total__c')).toMatchObject({ computed: true, type: 'decimal' });
    expect(byName.get('Number__c')).toMatchObject({ autoNumber: true, type: 'string' });
    expect(byName.get('Number__c')).not.toHaveProperty('computed');
    expect(byName.get('Name')).toMatchObject({ nameField: true });
    expect(byName.get('Amount__c')).not.toHaveProperty('nameField');
    expect(Object.fromEntries(['Summary__c', 'Notes__c', 'Photo__c', 'Holder__c', 'Contact_Email__c', 'Phone__c'].map((n) => [n, byName.get(n)?.format]))).toEqual({
      Summary__c: 'html',
      Notes__c: 'multiline',
      Photo__c: 'image-url',
      Holder__c: 'person-name',
      Contact_Email__c: 'email',
      Phone__c: 'phone',
    });
    expect(byName.get('Secret__c')).toMatchObject({ type: 'string', nativeType: 'encryptedstring', length: 175 });
    expect(byName.get('Secret__c')).not.toHaveProperty('format');
  });

  it('describes references with their relationship, and polymorphic ones with room for "<Target>:<id>"', () => {
    const byName = new Map(subscription.toCrmObject().fields.map((f) => [f.name, f]));
    expect(byName.get('Account__c')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account__r', length: 18 });
    expect(byName.get('OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], relationshipName: 'Owner', length: 'Group:'.length + 18 });
    expect(subscription.isPolymorphic('OwnerId')).toBe(true);
    expect(subscription.isPolymorphic('Account__c')).toBe(false);
  });

  it('lists what it cannot read as unsupported fields, with why (base64: SOQL returns a blob URL)', () => {
    expect(subscription.toCrmObject().unsupportedFields).toEqual([
      { name: 'Attachment__c', nativeType: 'base64', reason: expect.stringMatching(/URL of the blob/) },
    ]);
    const future = new ObjectModel({ ...stamplessDescribe, fields: [...stamplessDescribe.fields, { ...subscriptionDescribe.fields[2], name: 'X__c', type: 'hologram' } as never] });
    expect(future.toCrmObject().unsupportedFields).toEqual([{ name: 'X__c', nativeType: 'hologram', reason: expect.stringMatching(/'hologram' is not supported/) }]);
    expect(new ObjectModel(contactDescribe).toCrmObject()).not.toHaveProperty('unsupportedFields');
  });

  it('gives address fields their components', () => {
    const contact = new ObjectModel(contactDescribe);
    const address = contact.toCrmObject().fields.find((f) => f.name === 'MailingAddress');
    expect(address).toMatchObject({ type: 'address', components: ['MailingStreet', 'MailingCity', 'MailingPostalCode', 'MailingLatitude'] });
    expect(contact.cursorField).toBe('LastModifiedDate'); // no SystemModstamp: the next best stamp
  });

  it('reads objects without any stamp in full', () => {
    expect(new ObjectModel(stamplessDescribe).toCrmObject()).toMatchObject({ incremental: 'none' });
    expect(new ObjectModel(stamplessDescribe).toCrmObject()).not.toHaveProperty('cursorField');
  });

  it('lists picklists as enums: labels, active and default flags, order, restricted, multi-select', () => {
    const enums = new Map(subscription.enums().map((e) => [e.id, e]));
    expect(enums.get('Subscription__c.Plan__c')).toEqual({
      id: 'Subscription__c.Plan__c',
      label: 'Plan',
      global: false,
      multiSelect: false,
      restricted: true,
      values: [
        { value: 'Basic', label: 'Basic label', active: true, isDefault: true, order: 0 },
        { value: 'Premium', label: 'Premium label', active: true, isDefault: false, order: 1 },
        { value: 'Legacy', label: 'Legacy label', active: false, isDefault: false, order: 2 },
      ],
    });
    expect(enums.get('Subscription__c.Features__c')).toMatchObject({ multiSelect: true, restricted: false });
  });

  it('gives dependent picklists their controlling field and, per value, the controlling values', () => {
    const enums = new Map(subscription.enums().map((e) => [e.id, e]));
    const country = enums.get('Subscription__c.Country__c');
    expect(country?.controllingField).toBe('Region__c');
    expect(country?.values.map((v) => [v.value, v.validFor])).toEqual([
      ['Germany', ['EMEA']],
      ['Canada', ['AMER']],
      ['Global', ['EMEA', 'AMER', 'APAC']],
    ]);
    const trial = enums.get('Subscription__c.Trial_Kind__c');
    expect(trial?.values.map((v) => v.validFor)).toEqual([['true'], ['false']]);
    expect(enums.get('Subscription__c.Region__c')?.values.some((v) => 'validFor' in v)).toBe(false);
  });

  it('says how deletes come only for objects that cannot stream them (no IsDeleted)', () => {
    expect(subscription.toCrmObject()).not.toHaveProperty('deletes'); // IsDeleted: queryAll streams them
    expect(new ObjectModel(stamplessDescribe).toCrmObject().deletes).toBe('none'); // not replicateable: no getDeleted either
    expect(new ObjectModel({ ...stamplessDescribe, replicateable: true }).toCrmObject().deletes).toBe('window'); // getDeleted only
  });

  it('answers an unknown field with CrmNotFoundError', () => {
    expect(() => subscription.field('Missing__c')).toThrow(CrmNotFoundError);
  });
});

describe(decodeValidFor.name, () => {
  it('reads the bitmap most significant bit first, across bytes', () => {
    const controller = Array.from({ length: 10 }, (_, i) => `v${i}`);
    expect(decodeValidFor(Buffer.from([0b1000_0001, 0b0100_0000]).toString('base64'), controller)).toEqual(['v0', 'v7', 'v9']);
    expect(decodeValidFor('', controller)).toEqual([]);
  });
});
