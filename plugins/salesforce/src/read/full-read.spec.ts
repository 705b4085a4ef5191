import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { planRead } from './read-plan';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

const upserts = (messages: SyncMessage[]): UpsertMessage[] => messages.filter((m): m is UpsertMessage => m.kind === 'upsert');

describe(planRead.name, () => {
  it.each([4_000, 4_001, 1, 0])('reads %i records with exactly ceil(N/2000) query calls and a checkpoint after each page', async (count) => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, count);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.counters.reset();
      const messages = await readAll(connector, { object: OBJECT, fields: [] });
      expect(idsOf(messages, 'upsert')).toEqual(ids);
      const pages = Math.max(1, Math.ceil(count / 2000));
      expect(emulator.counters.get('queryAll') + emulator.counters.get('queryMore')).toBe(pages);
      expect(emulator.counters.total()).toBe(pages);
      expect((test.calls['queryAll'] ?? 0) + (test.calls['queryMore'] ?? 0)).toBe(pages);
      // a checkpoint follows each page, covering everything before it
      const checkpointAfter = messages.map((m, i) => (m.kind === 'checkpoint' ? i : -1)).filter((i) => i >= 0);
      expect(checkpointAfter.length).toBeGreaterThanOrEqual(pages);
      expect(messages[messages.length - 1]?.kind).toBe('checkpoint');
    } finally {
      await connector.dispose();
    }
  });

  it('honours pageSize down to Salesforce\'s minimum of 200', async () => {
    emulator.truncate(OBJECT);
    emulator.seed(OBJECT, 450);
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.counters.reset();
      await readAll(connector, { object: OBJECT, fields: [], pageSize: 50 });
      expect(emulator.counters.get('queryAll') + emulator.counters.get('queryMore')).toBe(3);
    } finally {
      await connector.dispose();
    }
  });

  it("brings the recycle bin's soft deletes as deletes by default (deletes: 'include'), and none with 'exclude'", async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 10);
    emulator.delete(OBJECT, [ids[2] as string, ids[5] as string]);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const messages = await readAll(connector, { object: OBJECT, fields: [] });
      expect(idsOf(messages, 'delete').sort()).toEqual([ids[2], ids[5]].sort());
      expect(idsOf(messages, 'upsert')).toEqual(ids.filter((_, i) => i !== 2 && i !== 5));
      expect(messages.find((m) => m.kind === 'delete')).toMatchObject({ deletedAt: expect.stringMatching(/Z$/) });
      expect(test.calls['queryAll']).toBe(1);

      const live = await readAll(connector, { object: OBJECT, fields: [], deletes: 'exclude' });
      expect(idsOf(live, 'delete')).toEqual([]);
      expect(idsOf(live, 'upsert')).toHaveLength(8);
      expect(test.calls['query']).toBe(1); // live rows only: /query
    } finally {
      await connector.dispose();
    }
  });

  it('emits canonical values: exact decimals, UTC datetimes, multi-select arrays, address objects, nulls', async () => {
    emulator.truncate(OBJECT);
    const [id] = emulator.create(OBJECT, [
      {
        Name: 'Canonical',
        External_Id__c: 'CANON-1',
        Plan__c: 'Premium',
        Features__c: 'Api;Sso',
        Amount__c: 1234.5,
        Discount__c: 12.25,
        Start_Date__c: '2026-02-28',
        Renewal_At__c: '2026-03-01T12:00:00.000+02:00',
        Billing_Time__c: '09:30:00.000Z',
        Active__c: true,
      },
    ]);
    emulator.truncate('Contact');
    const [contactId] = emulator.create('Contact', [{ LastName: 'Hopper', MailingCity: 'Arlington', MailingCountry: 'United States' }]);
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const fields = ['Name', 'Plan__c', 'Features__c', 'Amount__c', 'Discount__c', 'Start_Date__c', 'Renewal_At__c', 'Billing_Time__c', 'Active__c', 'Notes__c', 'Annual_Amount__c'];
      const [record] = upserts(await readAll(connector, { object: OBJECT, fields }));
      expect(record?.id).toBe(id);
      expect(record?.data).toEqual({
        Id: id,
        SystemModstamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        Name: 'Canonical',
        Plan__c: 'Premium',
        Features__c: ['Api', 'Sso'],
        Amount__c: '1234.50',
        Discount__c: '12.25',
        Start_Date__c: '2026-02-28',
        Renewal_At__c: '2026-03-01T10:00:00.000Z',
        Billing_Time__c: '09:30:00.000',
        Active__c: true,
        Notes__c: null,
        Annual_Amount__c: '14814.00',
      });
      expect(record?.modifiedAt).toBe(record?.data['SystemModstamp']);
      const [contact] = upserts(await readAll(connector, { object: 'Contact', fields: ['MailingAddress'] }));
      expect(contact?.id).toBe(contactId);
      expect(contact?.data['MailingAddress']).toMatchObject({ MailingCity: 'Arlington', MailingCountry: 'United States', MailingStreet: null });
    } finally {
      await connector.dispose();
    }
  });

  it('resumes a REST-path (queryMore) read from a checkpoint taken mid-read, re-reading nothing it covered', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 5_000, { modstamp: iso(emulator.clock.nowMs() - 10_000), sameModstampEvery: 1_500 });
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      // The consumer stops after the second page (its checkpoint): a run broken off mid-read.
      let pages = 0;
      const broken = await collect(connector.read({ object: OBJECT, fields: ['Name'], pageSize: 1_000 }), {
        until: (msg) => msg.kind === 'checkpoint' && ++pages === 2,
        timeoutMs: 30_000,
      });
      const covered = idsOf(broken, 'upsert');
      expect(covered).toEqual(ids.slice(0, 2_000));
      const resumed = await readAll(connector, { object: OBJECT, fields: ['Name'], pageSize: 1_000, checkpoint: lastCheckpoint(broken) });
      const rest = idsOf(resumed, 'upsert');
      expect(rest.filter((id) => covered.includes(id))).toEqual([]);
      expect([...covered, ...rest].sort()).toEqual([...ids].sort());
      expect(test.calls['bulk2.query']).toBeUndefined();
    } finally {
      await connector.dispose();
    }
  });

  it('reads nothing again from its own final checkpoint', async () => {
    emulator.truncate(OBJECT);
    emulator.seed(OBJECT, 30, { modstamp: new Date(emulator.clock.nowMs() - 5_000).toISOString() });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const full = await readAll(connector, { object: OBJECT, fields: [] });
      const again = await readAll(connector, { object: OBJECT, fields: [], checkpoint: lastCheckpoint(full) });
      expect(idsOf(again, 'upsert')).toEqual([]);
      expect(again.filter((m) => m.kind === 'checkpoint')).not.toHaveLength(0);
    } finally {
      await connector.dispose();
    }
  });
});
