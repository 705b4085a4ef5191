import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmNotFoundError, type CrmEnum } from '@crm-hub/plugin-sdk';
import { flowConfig, openConnector, startEmulator } from '../test-support/emulator-harness';
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
      expect(country?.values.find((v) => v.value === 'Germany')).toMatchObject({ validFor: ['EMEA'] });

      const contact = catalog.objects.find((o) => o.name === 'Contact');
      const address = contact?.fields.find((f) => f.name === 'MailingAddress');
      expect(address?.type).toBe('address');
      expect(address?.components).toEqual(expect.arrayContaining(['MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry']));
    } finally {
      await connector.dispose();
    }
  });

  it('sees an admin\'s schema change on the next discover (conditional describe)', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: ['Lead'] });
      emulator.addField('Lead', { name: 'Score__c', label: 'Score', type: 'double', precision: 18, scale: 2, nillable: true, createable: true, updateable: true, custom: true, filterable: true });
      const after = await connector.discover({ objects: ['Lead'] });
      expect(after.objects[0]?.fields.find((f) => f.name === 'Score__c')).toMatchObject({ type: 'decimal' });
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
