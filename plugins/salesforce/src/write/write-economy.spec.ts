import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { WriteRecord } from '@crm-hub/plugin-sdk';
import { flowConfig, openConnector, startEmulator, subscriptionApiData, subscriptionData } from '../test-support/emulator-harness';
import { MAX_WRITE_BATCH, writeRecords } from './record-writer';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator({ bulkJobInProgressPolls: 1 })));
afterAll(() => emulator.close());

const batch = (count: number, from = 0): WriteRecord[] =>
  Array.from({ length: count }, (_, i) => ({ ref: `row-${from + i}`, data: subscriptionData(from + i) }));

describe(writeRecords.name, () => {
  it('upserts 10,000 records with 50 collection calls, one result per record in order', async () => {
    emulator.truncate(OBJECT);
    emulator.create(OBJECT, [subscriptionApiData(3)]); // one of them exists already: matched, not created
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkWriteThreshold: 1_000_000 }));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.counters.reset();
      const records = batch(MAX_WRITE_BATCH);
      const results = await connector.write({ object: OBJECT, operation: 'upsert', matchField: 'External_Id__c', records });
      expect(emulator.counters.get('composite.sobjects')).toBe(50);
      expect(emulator.counters.total()).toBe(50);
      expect(results.map((r) => r.ref)).toEqual(records.map((r) => r.ref));
      expect(results.every((r) => r.ok && typeof r.id === 'string')).toBe(true);
      expect(results.filter((r) => r.created === false).map((r) => r.ref)).toEqual(['row-3']);
      expect(results[3]?.id).toBe(emulator.records(OBJECT).find((r) => r['External_Id__c'] === 'SPEC-3')?.['Id']);
      expect(emulator.records(OBJECT)).toHaveLength(MAX_WRITE_BATCH);
    } finally {
      await connector.dispose();
    }
  });

  it('upserts 10,000 records above bulkWriteThreshold with one Bulk API 2.0 ingest job, results matched back', async () => {
    emulator.truncate(OBJECT);
    emulator.create(OBJECT, [subscriptionApiData(7)]);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const records = batch(MAX_WRITE_BATCH);
      records[42] = { ref: 'row-42', data: { ...subscriptionData(42), Plan__c: 'Gold' } }; // not a value of the restricted picklist
      records[43] = { ref: 'row-43', data: { Name: 'no start', External_Id__c: 'SPEC-43' } };
      const results = await connector.write({ object: OBJECT, operation: 'upsert', matchField: 'External_Id__c', records });
      expect(test.calls['composite.sobjects']).toBeUndefined();
      expect(emulator.counters.get('bulk2.ingest')).toBeGreaterThan(0);
      // create, upload, close, 2 status checks, successful and failed results (a complete job has no unprocessed ones): one job
      expect(test.calls['bulk2.ingest']).toBe(7);
      expect(results.map((r) => r.ref)).toEqual(records.map((r) => r.ref));
      expect(results[7]).toMatchObject({ ok: true, created: false });
      expect(results[8]).toMatchObject({ ok: true, created: true, id: expect.stringMatching(/^a0X/) });
      expect(results[42]).toMatchObject({ ok: false, error: { code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', retryable: false } });
      expect(results[43]).toMatchObject({ ok: false, error: { code: 'REQUIRED_FIELD_MISSING', fields: ['Start_Date__c'], retryable: false } });
      expect(results.filter((r) => !r.ok)).toHaveLength(2);
      // Every successful upsert carries the record's id, matched (row-7) or created.
      const stored = new Map(emulator.records(OBJECT).map((r) => [r['External_Id__c'], r['Id']]));
      const ids = results.flatMap((r, i) => (r.ok ? [[r.id, stored.get(`SPEC-${i}`)]] : []));
      expect(ids).toHaveLength(MAX_WRITE_BATCH - 2);
      expect(ids.filter(([got, want]) => typeof got !== 'string' || got !== want)).toEqual([]);
    } finally {
      await connector.dispose();
    }
  });

  it('reads only the successful results of a Bulk job in which no record failed', async () => {
    emulator.truncate(OBJECT);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const records = batch(MAX_WRITE_BATCH);
      const results = await connector.write({ object: OBJECT, operation: 'upsert', matchField: 'External_Id__c', records });
      // create, upload, close, 2 status checks, successful results
      expect(test.calls['bulk2.ingest']).toBe(6);
      expect(results.every((r) => r.ok && r.created === true && typeof r.id === 'string')).toBe(true);
      expect(emulator.records(OBJECT)).toHaveLength(MAX_WRITE_BATCH);
    } finally {
      await connector.dispose();
    }
  });

  it('refuses a batch larger than maxBatch', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await expect(connector.write({ object: OBJECT, operation: 'insert', records: batch(MAX_WRITE_BATCH + 1) })).rejects.toThrow(/at most 10000/);
    } finally {
      await connector.dispose();
    }
  });
});
