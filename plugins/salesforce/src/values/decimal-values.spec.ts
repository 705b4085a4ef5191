import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { flowConfig, iso, openConnector, readAll, startEmulator, subscriptionData } from '../test-support/emulator-harness';

/**
 * Decimals end to end, as Salesforce documents them (help articles 000221617 and 000394530):
 * number, currency and percent fields are doubles, rounded half-up to the field's scale on save and
 * printed the way Java prints a double (`1234567.0`, `1.2345678E7`, `1.0E-4`). Whatever way a value
 * was written and read, the plugin emits the exact decimal Salesforce holds, at the field's scale.
 */
const OBJECT = 'Subscription__c';
const FIELDS = ['Amount__c', 'Discount__c', 'Seats__c', 'Rate__c'];

/** field → [value written, canonical value read back]. */
const CASES: [field: string, written: string, read: string][] = [
  // Amount__c: currency(16, 2)
  ['Amount__c', '1234567', '1234567.00'], // REST prints 1234567.0
  ['Amount__c', '12345678', '12345678.00'], // REST prints 1.2345678E7
  ['Amount__c', '1.2345678E7', '12345678.00'], // an exponent form as input
  ['Amount__c', '99999999999999.99', '99999999999999.98'], // 16 digits are more than a double holds (000394530)
  ['Amount__c', '1.005', '1.01'], // half-up on the decimal digits (a float would give 1.00)
  ['Amount__c', '2.675', '2.68'], // (a float would give 2.67)
  ['Amount__c', '-1.005', '-1.01'], // half-up is away from zero
  ['Amount__c', '12.344', '12.34'],
  // Discount__c: percent(5, 2)
  ['Discount__c', '12.345', '12.35'],
  // Seats__c: double(18, 0)
  ['Seats__c', '123456789012345678', '123456789012345680'], // REST prints 1.2345678901234568E17
  ['Seats__c', '100000000000000000', '100000000000000000'], // 1.0E17
  ['Seats__c', '2.5', '3'],
  // Rate__c: double(18, 8), added by the test
  ['Rate__c', '0.0001', '0.00010000'], // REST prints 1.0E-4
  ['Rate__c', '0.000123456789', '0.00012346'], // 1.2346E-4
  ['Rate__c', '1E-7', '0.00000010'], // 1.0E-7; Bulk CSV 1e-7
];

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  emulator.addField(OBJECT, { name: 'Rate__c', label: 'Rate', type: 'double', precision: 18, scale: 8, nillable: true, createable: true, updateable: true, custom: true, filterable: true });
});
afterAll(() => emulator.close());

const upserts = (messages: SyncMessage[]): UpsertMessage[] => messages.filter((m): m is UpsertMessage => m.kind === 'upsert');

/** Reads the case records through REST (one query page) and through Bulk (after one REST page of fillers). */
async function readBothWays(): Promise<{ rest: Map<string, Record<string, unknown>>; bulk: Map<string, Record<string, unknown>>; restBodies: string }> {
  const fields = ['External_Id__c', ...FIELDS];
  const byExternalId = (messages: SyncMessage[]) => new Map(upserts(messages).map((m) => [String(m.data['External_Id__c']), m.data]));
  const { fetch, exchanges } = recordingFetch({ bodies: true });
  const rest = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1_000_000 }), { fetch });
  const bulk = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1 }));
  try {
    const viaRest = await readAll(rest.connector, { object: OBJECT, fields });
    // pageSize 200: the 300 older fillers fill the REST page, the case records come from the Bulk job.
    const viaBulk = await readAll(bulk.connector, { object: OBJECT, fields, pageSize: 200 });
    expect(bulk.test.calls['bulk2.query']).toBeGreaterThan(0);
    const queries = exchanges.filter((r) => /\/(query|queryAll)$/.test(r.url.pathname));
    const restBodies = (await Promise.all(queries.map((r) => r.responseText ?? ''))).join('\n');
    return { rest: byExternalId(viaRest), bulk: byExternalId(viaBulk), restBodies };
  } finally {
    await rest.connector.dispose();
    await bulk.connector.dispose();
  }
}

function expectCases(records: Map<string, Record<string, unknown>>, prefix: string): void {
  const got = CASES.map(([field, written], i) => [field, written, records.get(`${prefix}-${i}`)?.[field]]);
  expect(got).toEqual(CASES.map(([field, written, read]) => [field, written, read]));
}

describe('decimals (double, currency, percent) end to end', () => {
  beforeEach(() => {
    emulator.truncate(OBJECT);
    emulator.seed(OBJECT, 300, { modstamp: iso(emulator.clock.nowMs() - 60_000) });
  });

  it('reads values created in Salesforce (control interface) exactly, through REST and Bulk alike', async () => {
    emulator.create(
      OBJECT,
      CASES.map(([field, written], i) => ({ Name: `Decimal ${i}`, External_Id__c: `CREATED-${i}`, Start_Date__c: '2026-01-15', [field]: Number(written) })),
    );
    const { rest, bulk, restBodies } = await readBothWays();
    // The wire really carried Java's notation, exponents included.
    for (const text of ['1234567.0', '1.2345678E7', '9.999999999999998E13', '1.2345678901234568E17', '1.0E17', '1.0E-4', '1.2346E-4', '1.0E-7']) {
      expect(restBodies).toContain(text);
    }
    expectCases(rest, 'CREATED');
    expectCases(bulk, 'CREATED');
  });

  it('writes canonical decimals digit for digit; what Salesforce rounds on save reads back the same through REST and Bulk', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const records = CASES.map(([field, written], i) => ({
        ref: `r${i}`,
        data: { ...subscriptionData(i), External_Id__c: `WRITTEN-${i}`, [field]: written },
      }));
      const results = await connector.write({ object: OBJECT, operation: 'insert', records });
      expect(results.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await connector.dispose();
    }
    const { rest, bulk } = await readBothWays();
    expectCases(rest, 'WRITTEN');
    expectCases(bulk, 'WRITTEN');
    expect(rest.get('WRITTEN-0')?.['Amount__c']).toBe('1234567.00');
  });

  it('writes through Bulk ingest the same way', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkWriteThreshold: 1 }));
    try {
      const records = CASES.map(([field, written], i) => ({ ref: `b${i}`, data: { ...subscriptionData(i), External_Id__c: `INGESTED-${i}`, [field]: written } }));
      const results = await connector.write({ object: OBJECT, operation: 'insert', records });
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(test.calls['bulk2.ingest']).toBeGreaterThan(0);
    } finally {
      await connector.dispose();
    }
    const { rest, bulk } = await readBothWays();
    expectCases(rest, 'INGESTED');
    expectCases(bulk, 'INGESTED');
  });
});
