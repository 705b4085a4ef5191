import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { CrmConnector, WriteResult } from '@crm-hub/plugin-sdk';
import { flowConfig, openConnector, startEmulator, subscriptionData } from '../test-support/emulator-harness';
import { isRefusedRequest } from './record-writer';

const OBJECT = 'Subscription__c';
/** A field an admin removes after the connector described the object: its describe is stale. */
const STALE = 'Discount__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.truncate(OBJECT);
  emulator.counters.reset();
});
afterEach(() => {
  // The field as it was: a percent.
  if (emulator.describe(OBJECT).fields.some((f) => f.name === STALE)) emulator.removeField(OBJECT, STALE);
  emulator.addField(OBJECT, { name: STALE, type: 'percent', label: 'Discount', precision: 5, scale: 2 });
});

/** A connector that described the object, then an admin removed {@link STALE}. */
async function staleConnector(overrides: Record<string, unknown> = {}): Promise<CrmConnector> {
  const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', overrides));
  await connector.discover({ objects: [OBJECT] });
  emulator.removeField(OBJECT, STALE);
  return connector;
}

const records = (count: number, bad: (i: number) => boolean) =>
  Array.from({ length: count }, (_, i) => ({ ref: `r${i}`, data: { ...subscriptionData(i), ...(bad(i) ? { [STALE]: '5.00' } : {}) } }));

const refused = (results: WriteResult[]) => results.filter((r) => !r.ok);

describe(isRefusedRequest.name, () => {
  it('gives all 450 records of collections refused as a whole (400 INVALID_FIELD) a result with the code, on every chunk', async () => {
    const connector = await staleConnector();
    try {
      const results = await connector.write({ object: OBJECT, operation: 'insert', records: records(450, () => true) });
      expect(results.map((r) => r.ref)).toEqual(records(450, () => true).map((r) => r.ref));
      expect(refused(results)).toHaveLength(450);
      expect(new Set(results.map((r) => JSON.stringify(r.error)))).toEqual(
        new Set([JSON.stringify({ code: 'INVALID_FIELD', message: `No such column '${STALE}' on sobject of type ${OBJECT}`, fields: [STALE], retryable: false })]),
      );
      expect(emulator.counters.get('composite.sobjects')).toBe(3); // 200 + 200 + 50, each refused
      expect(emulator.records(OBJECT)).toHaveLength(0);
    } finally {
      await connector.dispose();
    }
  });

  it('answers the same whether the refused chunk is the first or a later one, and writes the others', async () => {
    const connector = await staleConnector();
    try {
      const first = await connector.write({ object: OBJECT, operation: 'upsert', matchField: 'External_Id__c', records: records(450, (i) => i < 200) });
      expect(refused(first).map((r) => r.ref)).toEqual(records(200, () => true).map((r) => r.ref));
      expect(first.slice(200).every((r) => r.ok && r.created === true)).toBe(true);
      const later = await connector.write({ object: OBJECT, operation: 'upsert', matchField: 'External_Id__c', records: records(450, (i) => i >= 400) });
      expect(refused(later).map((r) => r.ref)).toEqual(records(450, () => true).slice(400).map((r) => r.ref));
      expect(refused(later).every((r) => r.error?.code === 'INVALID_FIELD' && r.error.retryable === false)).toBe(true);
      expect(emulator.records(OBJECT)).toHaveLength(450); // 250 by the first call, 200 more by the second
    } finally {
      await connector.dispose();
    }
  });

  it('gives each record a JSON_PARSER_ERROR when a value no longer has the type the describe said', async () => {
    const connector = await staleConnector();
    emulator.addField(OBJECT, { name: STALE, type: 'date', label: 'Discount' }); // retyped by an admin
    try {
      const results = await connector.write({ object: OBJECT, operation: 'insert', records: records(3, () => true) });
      expect(results.map((r) => [r.ok, r.error?.code, r.error?.retryable])).toEqual(Array(3).fill([false, 'JSON_PARSER_ERROR', false]));
      expect(results[0]?.error?.message).toMatch(/Cannot deserialize/);
    } finally {
      await connector.dispose();
    }
  });

  it('gives all 450 records the failed Bulk job\'s error on the Bulk ingest path (unknown column)', async () => {
    const connector = await staleConnector({ bulkWriteThreshold: 100 });
    try {
      const results = await connector.write({ object: OBJECT, operation: 'insert', records: records(450, () => true) });
      expect(refused(results)).toHaveLength(450);
      expect(results[0]?.error).toEqual({ code: 'InvalidBatch', message: expect.stringMatching(`Field name not found : ${STALE}`), fields: [STALE], retryable: false });
      expect(results.every((r) => r.error?.code === 'InvalidBatch')).toBe(true);
      expect(emulator.counters.get('composite.sobjects')).toBe(0);
      expect(emulator.records(OBJECT)).toHaveLength(0);
    } finally {
      await connector.dispose();
    }
  });
});
