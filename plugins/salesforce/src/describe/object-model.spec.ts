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
