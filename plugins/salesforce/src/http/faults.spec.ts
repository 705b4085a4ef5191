import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmQuotaExceededError, CrmTransientError } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, openConnector, readAll, startEmulator, subscriptionData } from '../test-support/emulator-harness';
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
      emulator.faults.configure({ rate: 0, kinds: [kind], next: 2, endpoints: ['queryMore'] });
      const messages = await readAll(connector, { object: OBJECT, fields: ['Name'], pageSize: 200 });
      expect(new Set(idsOf(messages, 'upsert')).size).toBe(1_000);
      expect(idsOf(messages, 'upsert')).toHaveLength(1_000);
      expect(test.calls['queryMore']).toBe(4 + 2); // 4 pages after the first, 2 of them twice
    } finally {
      await connector.dispose();
    }
  });

  it('gives up with CrmTransientError when the outage lasts', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      emulator.faults.configure({ rate: 1, kinds: ['unavailable'], endpoints: ['query'] });
      const error = await readAll(connector, { object: OBJECT, fields: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmTransientError);
      expect((error as CrmTransientError).status).toBe(503);
      expect(emulator.counters.get('query')).toBeGreaterThanOrEqual(4); // the call and its 3 retries
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
