import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmNotFoundError, type CrmEnum } from '@crm-hub/plugin-sdk';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { flowConfig, idsOf, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { DescribeService } from './describe-service';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

describe(DescribeService.name, () => {
  it('lists the queryable objects without describing them', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const catalog = await connector.discover();
      expect(catalog.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Subscription__c']));
      expect(catalog.objects.every((o) => o.fields.length === 0)).toBe(true);
      expect(test.calls).toEqual({ token: 1, describeGlobal: 1 });
    } finally {
      await connector.dispose();
    }
  });

  it('describes Subscription__c: multi-select, restricted and dependent picklists, references, external id, cursor', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const catalog = await connector.discover({ objects: ['Subscription__c', 'Contact'] });
      const subscription = catalog.objects.find((o) => o.name === 'Subscription__c');
      expect(subscription).toMatchObject({ custom: true, idField: 'Id', cursorField: 'SystemModstamp', incremental: 'cursor' });
      expect(subscription).not.toHaveProperty('deletes'); // it has IsDeleted: deletes stream, as the manifest says
      const field = (name: string) => subscription?.fields.find((f) => f.name === name);
      expect(field('Features__c')).toMatchObject({ type: 'multi-enum', nativeType: 'multipicklist', enumId: 'Subscription__c.Features__c' });
      expect(field('Plan__c')).toMatchObject({ type: 'enum', enumId: 'Subscription__c.Plan__c' });
      expect(field('Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'] });
      expect(field('External_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true });
      expect(field('Amount__c')).toMatchObject({ type: 'currency', precision: 16, scale: 2 });
      expect(field('Annual_Amount__c')).toMatchObject({ createable: false, updateable: false });
      expect(field('Start_Date__c')).toMatchObject({ type: 'date', nullable: false });

      const enums = new Map<string, CrmEnum>(catalog.enums.map((e) => [e.id, e]));
      expect(enums.get('Subscription__c.Plan__c')).toMatchObject({ restricted: true, multiSelect: false });
      expect(enums.get('Subscription__c.Features__c')).toMatchObject({ multiSelect: true });
      const country = enums.get('Subscription__c.Country__c');
      expect(country?.controllingField).toBe('Region__c');
      expect(country?.values.find((v) => v.value === 'Japan')).toMatchObject({ validFor: ['APAC'], active: true });
      expect(country?.values.find((v) => v.value === 'Germany')?.validFor).toEqual(['EMEA']);
      expect(enums.get('Subscription__c.Region__c')?.values.every((v) => v.validFor === undefined)).toBe(true);

      const contact = catalog.objects.find((o) => o.name === 'Contact');
      const address = contact?.fields.find((f) => f.name === 'MailingAddress');
      expect(address?.type).toBe('address');
      expect(address?.components).toEqual(expect.arrayContaining(['MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry']));
    } finally {
      await connector.dispose();
    }
  });

  it('describes what a create needs, computed and auto-number fields, name fields, text formats and polymorphic lookups', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const catalog = await connector.discover({ objects: ['Lead', 'Subscription__c', 'Task', 'User', 'Contact', 'Account'] });
      const field = (object: string, name: string) => catalog.objects.find((o) => o.name === object)?.fields.find((f) => f.name === name);
      // Salesforce fills in Status, OwnerId and IsConverted itself: a create need not give them,
      // though each is createable and not nillable (defaultedOnCreate is what says so).
      for (const name of ['Status', 'OwnerId', 'IsConverted']) expect([name, field('Lead', name)?.required]).toEqual([name, false]);
      for (const name of ['Status', 'OwnerId', 'IsConverted']) expect(field('Lead', name)).toMatchObject({ nullable: false, createable: true });
      expect(field('Lead', 'IsConverted')).toMatchObject({ updateable: false });
      for (const name of ['LastName', 'Company']) expect([name, field('Lead', name)?.required]).toEqual([name, true]);
      expect(field('Lead', 'OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['Group', 'User'], relationshipName: 'Owner', length: 24 });
      expect(field('Lead', 'Description')).toMatchObject({ type: 'text', format: 'multiline' });
      expect(field('Lead', 'Email')).toMatchObject({ format: 'email' });
      expect(field('Contact', 'Name')).toMatchObject({ nameField: true, format: 'person-name', required: false });
      expect(field('Subscription__c', 'Annual_Amount__c')).toMatchObject({ computed: true });
      expect(field('Subscription__c', 'Number__c')).toMatchObject({ autoNumber: true, required: false });
      expect(field('Subscription__c', 'Summary__c')).toMatchObject({ type: 'text', format: 'html' });
      expect(field('Subscription__c', 'Start_Date__c')).toMatchObject({ required: true });
      expect(field('Subscription__c', 'Account__c')).toMatchObject({ relationshipName: 'Account__r', length: 18 });
      expect(field('Task', 'WhoId')).toMatchObject({ referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' });
      expect(field('Task', 'WhatId')).toMatchObject({ referenceTo: ['Account', 'Opportunity', 'Subscription__c'], relationshipName: 'What' });
      expect(field('User', 'SmallPhotoUrl')).toMatchObject({ type: 'url', format: 'image-url' });
      // What real describes add: image URLs, plain text areas (short ones too), record types, picklist lengths.
      for (const object of ['Account', 'Contact', 'Lead']) expect(field(object, 'PhotoUrl')).toMatchObject({ format: 'image-url', createable: false });
      expect(field('Contact', 'MailingStreet')).toMatchObject({ type: 'text', format: 'multiline', length: 255 });
      expect(field('Contact', 'IndividualId')).toMatchObject({ type: 'reference', referenceTo: ['Individual'], relationshipName: 'Individual' });
      expect(field('Account', 'RecordTypeId')).toMatchObject({ type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType', required: false });
      expect([field('Account', 'Industry')?.length, field('Lead', 'Industry')?.length, field('Lead', 'Status')?.length]).toEqual([40, 255, 255]);
      expect(field('Contact', 'OtherAddress')).toMatchObject({ type: 'address', components: expect.arrayContaining(['OtherStreet', 'OtherCity']) });
      expect(field('Contact', 'Name')?.components).toBeUndefined(); // a person name is not an address: its parts stay fields
      expect(catalog.objects.every((o) => o.unsupportedFields === undefined)).toBe(true); // the emulated org has no base64 field
      expect(test.calls['describeGlobal']).toBeUndefined(); // describing needs no key prefixes
    } finally {
      await connector.dispose();
    }
  });

  it("describes again conditionally (If-Modified-Since): 304 while unchanged, an admin's change on the next discover", async () => {
    const { fetch, exchanges } = recordingFetch();
    const { connector } = await openConnector(flowConfig(emulator), { fetch });
    const describes = () => exchanges.filter((r) => r.url.pathname.endsWith('/sobjects/Lead/describe')).map((r) => r.status);
    try {
      emulator.clock.advance(60_000); // the org's metadata last changed a minute ago
      await connector.discover({ objects: ['Lead'] });
      await connector.discover({ objects: ['Lead'] });
      expect(describes()).toEqual([200, 304]);

      emulator.addField('Lead', { name: 'Score__c', label: 'Score', type: 'double', precision: 18, scale: 2, nillable: true, createable: true, updateable: true, custom: true, filterable: true });
      emulator.clock.advance(2_000); // (a describe within the second of a change is fetched once more: HTTP dates have whole seconds)
      const after = await connector.discover({ objects: ['Lead'] });
      expect(after.objects[0]?.fields.find((f) => f.name === 'Score__c')).toMatchObject({ type: 'decimal', scale: 2 });
      expect(describes()).toEqual([200, 304, 200]);

      emulator.clock.advance(60_000);
      const unchanged = await connector.discover({ objects: ['Lead'] });
      expect(unchanged.objects[0]?.fields.find((f) => f.name === 'Score__c')).toBeDefined(); // the cached model
      expect(describes()).toEqual([200, 304, 200, 304]);
    } finally {
      await connector.dispose();
    }
  });

  it('falls back to CreatedDate on an object without SystemModstamp (field history), and reads it incrementally', async () => {
    emulator.truncate('AccountHistory');
    emulator.seed('Account', 2);
    const first = emulator.seed('AccountHistory', 3, { modstamp: new Date(emulator.clock.nowMs() - 10_000).toISOString() });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const [history] = (await connector.discover({ objects: ['AccountHistory'] })).objects;
      expect(history).toMatchObject({ cursorField: 'CreatedDate', incremental: 'cursor' });
      expect(history?.fields.find((f) => f.name === 'NewValue')).toMatchObject({ type: 'json', nativeType: 'anyType', createable: false });
      expect(history?.fields.find((f) => f.name === 'AccountId')).toMatchObject({ relationshipName: 'Account', required: false });
      const full = await readAll(connector, { object: 'AccountHistory', fields: ['AccountId', 'Field', 'NewValue'] });
      expect(idsOf(full, 'upsert')).toEqual(first);
      emulator.clock.advance(2_000);
      const later = emulator.seed('AccountHistory', 2);
      const delta = await readAll(connector, { object: 'AccountHistory', fields: ['NewValue'], checkpoint: lastCheckpoint(full) });
      expect(idsOf(delta, 'upsert')).toEqual(later);
      expect(lastCheckpoint(delta)).toMatchObject({ cursorField: 'CreatedDate' });
    } finally {
      await connector.dispose();
    }
  });

  it('answers an unknown object with CrmNotFoundError', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await expect(connector.discover({ objects: ['Nope__c'] })).rejects.toBeInstanceOf(CrmNotFoundError);
      await expect(connector.discover({ objects: ['Contact/../x'] })).rejects.toBeInstanceOf(CrmNotFoundError);
    } finally {
      await connector.dispose();
    }
  });
});
