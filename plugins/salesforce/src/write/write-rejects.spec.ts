import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmQuotaExceededError, type WriteResult } from '@crm-hub/plugin-sdk';
import { flowConfig, openConnector, startEmulator, subscriptionApiData, subscriptionData } from '../test-support/emulator-harness';
import { prepareWrite } from './prepared-write';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.truncate(OBJECT);
  emulator.setRecordLocks(null);
});

const errorOf = (r: WriteResult | undefined) => r?.error;

describe(prepareWrite.name, () => {
  it("returns each reject with the CRM's statusCode and whether retrying can help", async () => {
    const [existing, locked, gone] = emulator.create(OBJECT, [subscriptionApiData(1), subscriptionApiData(2), subscriptionApiData(3)]) as [string, string, string];
    emulator.delete(OBJECT, [gone]);
    emulator.setRecordLocks({ ids: [locked] });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const inserted = await connector.write({
        object: OBJECT,
        operation: 'insert',
        records: [
          { ref: 'ok', data: subscriptionData(10) },
          { ref: 'duplicate', data: subscriptionData(1) },
          { ref: 'restricted', data: { ...subscriptionData(11), Plan__c: 'Gold' } },
          { ref: 'required', data: { Name: 'no start', External_Id__c: 'X-12' } },
          { ref: 'unknown-field', data: { ...subscriptionData(13), Nope__c: 1 } },
          { ref: 'bad-value', data: { ...subscriptionData(14), Amount__c: 'lots' } },
        ],
      });
      expect(inserted.map((r) => r.ref)).toEqual(['ok', 'duplicate', 'restricted', 'required', 'unknown-field', 'bad-value']);
      expect(inserted[0]).toMatchObject({ ok: true, created: true, id: expect.stringMatching(/^a0X/) });
      expect(errorOf(inserted[1])).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: false });
      expect(errorOf(inserted[2])).toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', retryable: false });
      expect(errorOf(inserted[3])).toMatchObject({ code: 'REQUIRED_FIELD_MISSING', fields: ['Start_Date__c'], retryable: false });
      expect(errorOf(inserted[4])).toMatchObject({ code: 'INVALID_FIELD', fields: ['Nope__c'], retryable: false });
      expect(errorOf(inserted[5])).toMatchObject({ code: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: ['Amount__c'], retryable: false });

      const updated = await connector.write({
        object: OBJECT,
        operation: 'update',
        records: [
          { ref: 'u-ok', id: existing, data: { Discount__c: '12.5' } },
          { ref: 'u-locked', id: locked, data: { Discount__c: 1 } },
          { ref: 'u-gone', id: gone, data: { Discount__c: 1 } },
          { ref: 'u-no-id', data: { Discount__c: 1 } },
        ],
      });
      expect(updated[0]).toMatchObject({ ok: true, id: existing });
      expect(errorOf(updated[1])).toMatchObject({ code: 'UNABLE_TO_LOCK_ROW', retryable: true });
      expect(errorOf(updated[2])).toMatchObject({ code: 'ENTITY_IS_DELETED', retryable: false, notFound: true });
      expect(errorOf(updated[3])).toMatchObject({ code: 'MISSING_ARGUMENT', retryable: false });
      expect(emulator.records(OBJECT).find((r) => r['Id'] === existing)?.['Discount__c']).toBe(12.5);

      const deleted = await connector.write({ object: OBJECT, operation: 'delete', records: [{ ref: 'd-ok', id: existing }, { ref: 'd-gone', id: gone }] });
      expect(deleted[0]).toMatchObject({ ok: true });
      // A record already gone: the host counts the delete as done (SDK 1.1 notFound).
      expect(errorOf(deleted[1])).toMatchObject({ retryable: false, notFound: true });
      expect(emulator.records(OBJECT).some((r) => r['Id'] === existing)).toBe(false);
    } finally {
      await connector.dispose();
    }
  });

  it('throws CrmQuotaExceededError when the daily allocation is used up before anything was written', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] });
      const usage = emulator.apiUsage();
      emulator.setApiUsage(usage.limit, usage.limit);
      const error = await connector.write({ object: OBJECT, operation: 'insert', records: [{ ref: 'a', data: subscriptionData(1) }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmQuotaExceededError);
      expect((error as CrmQuotaExceededError).code).toBe('REQUEST_LIMIT_EXCEEDED');
      expect((error as CrmQuotaExceededError).status).toBe(403);
    } finally {
      emulator.setApiUsage(0);
      await connector.dispose();
    }
  });
});
