import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmQuotaExceededError, CrmTransientError } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, openConnector, readAll, startEmulator, subscriptionApiData, subscriptionData } from '../test-support/emulator-harness';
import { SecureTransport } from './secure-transport';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  emulator.seed(OBJECT, 1_000);
});
afterAll(() => emulator.close());
afterEach(() => emulator.faults.clear());

describe(SecureTransport.name, () => {
  it.each(['unavailable', 'reset', 'truncate'] as const)('retries idempotent reads after a %s fault and misses nothing', async (kind) => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.counters.reset();
      emulator.faults.configure({ rate: 0, kinds: [kind], next: 2, endpoints: ['queryMore'] });
      const messages = await readAll(connector, { object: OBJECT, fields: ['Name'], pageSize: 200 });
      expect(new Set(idsOf(messages, 'upsert')).size).toBe(1_000);
      expect(idsOf(messages, 'upsert')).toHaveLength(1_000);
      expect(test.calls['queryMore']).toBe(4 + 2); // 4 pages after the first, 2 of them twice
      expect(emulator.counters.get('queryMore')).toBe(4 + 2); // every attempt the emulator served was metered
    } finally {
      await connector.dispose();
    }
  });

  it('gives up with CrmTransientError after its one retry policy: 4 attempts, each metered, none added by jsforce', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.counters.reset();
      emulator.faults.configure({ rate: 1, kinds: ['unavailable'], endpoints: ['queryAll'] });
      const error = await readAll(connector, { object: OBJECT, fields: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmTransientError);
      expect((error as CrmTransientError).status).toBe(503);
      // The call and its 3 retries. jsforce's own loop (5 retries of a GET after a 503) would make it
      // 6 alone, or 24 stacked under ours.
      expect(emulator.counters.get('queryAll')).toBe(4);
      expect(test.calls['queryAll']).toBe(4);
      expect(emulator.counters.total()).toBe(4);
    } finally {
      await connector.dispose();
    }
  });

  it('retries a DELETE and a failed sign-in the same way, metering every attempt', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      emulator.counters.reset();
      emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1, endpoints: ['token'] });
      await connector.discover({ objects: [OBJECT] });
      expect(emulator.counters.get('token')).toBe(2);
      expect(test.calls['token']).toBe(2);

      const [a, b] = emulator.create(OBJECT, [subscriptionApiData(20_001), subscriptionApiData(20_002)]) as [string, string];
      emulator.counters.reset();
      emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 2, endpoints: ['composite.sobjects'] });
      const results = await connector.write({ object: OBJECT, operation: 'delete', records: [{ ref: 'a', id: a }, { ref: 'b', id: b }] });
      expect(results).toEqual([{ ref: 'a', ok: true, id: a }, { ref: 'b', ok: true, id: b }]);
      expect(emulator.counters.get('composite.sobjects')).toBe(3);
      expect(test.calls['composite.sobjects']).toBe(3);
    } finally {
      await connector.dispose();
    }
  });

  it('stops with CrmQuotaExceededError when the daily allocation runs out mid-read, and reports usage', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      const { limit } = emulator.apiUsage();
      emulator.setApiUsage(limit - 2, limit);
      const error = await readAll(connector, { object: OBJECT, fields: [], pageSize: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmQuotaExceededError);
      expect(error).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403 });
      expect(test.quotas['api-usage']).toEqual({ used: limit, limit });
    } finally {
      emulator.setApiUsage(0);
      await connector.dispose();
    }
  });

  it('keeps the results of chunks already written when a later chunk fails for good', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      const records = Array.from({ length: 400 }, (_, i) => ({ ref: `r${i}`, data: subscriptionData(10_000 + i) }));
      const { limit } = emulator.apiUsage();
      emulator.setApiUsage(limit - 1, limit); // room for exactly one call
      const results = await connector.write({ object: OBJECT, operation: 'insert', records });
      expect(results.slice(0, 200).every((r) => r.ok)).toBe(true);
      expect(results.slice(200).every((r) => !r.ok && r.error?.code === 'REQUEST_LIMIT_EXCEEDED' && r.error.retryable)).toBe(true);
    } finally {
      emulator.setApiUsage(0);
      await connector.dispose();
    }
  });
});
