import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmError, CrmNotFoundError } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { flowConfig, openConnector, startEmulator, subscriptionData } from '../test-support/emulator-harness';
import { ApiVersionCheck, VERSION_NOT_SERVED } from './api-versions';

/** An org that serves up to 61.0, and a connector configured with 62.0 (the plugin's default). */
let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator({ apiVersions: ['58.0', '59.0', '60.0', '61.0'] })));
afterAll(() => emulator.close());

const VERSION_ERROR = /does not serve REST API version 62\.0 for this org \(it serves 58\.0 to 61\.0\)/;

async function rejection(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CrmError)) throw new Error(`expected a CrmError, got ${String(error)}`);
  return error;
}

describe(ApiVersionCheck.name, () => {
  it('says the version, not "object does not exist", on discover, describe, read and write', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      // One call at a time: a call started early could fail before its rejection is awaited, which Node reports as unhandled.
      for (const failing of [
        () => connector.discover(),
        () => connector.discover({ objects: ['Contact'] }),
        () => collect(connector.read({ object: 'Contact', fields: ['LastName'] }), { timeoutMs: 10_000 }),
        () => connector.write({ object: 'Subscription__c', operation: 'insert', records: [{ ref: 'a', data: subscriptionData(1) }] }),
      ]) {
        const error = await rejection(failing());
        expect(error).not.toBeInstanceOf(CrmNotFoundError);
        expect([error.code, error.retryable]).toEqual([VERSION_NOT_SERVED, false]);
        expect(error.message).toMatch(VERSION_ERROR);
      }
      expect(test.calls['versions']).toBe(1); // the org's versions list, asked once per connector
    } finally {
      await connector.dispose();
    }
  });

  it('makes check() say the version', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      expect(await connector.check()).toEqual({ ok: false, reason: expect.stringMatching(VERSION_ERROR) });
    } finally {
      await connector.dispose();
    }
  });

  it('keeps "does not exist" for an unknown object when the org serves the version', async () => {
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { apiVersion: '61.0' }));
    try {
      const error = await rejection(connector.discover({ objects: ['Nope__c'] }));
      expect(error).toBeInstanceOf(CrmNotFoundError);
      expect(error.message).toMatch(/Object 'Nope__c' does not exist/);
      expect((await connector.discover({ objects: ['Contact'] })).objects[0]?.name).toBe('Contact');
    } finally {
      await connector.dispose();
    }
  });
});
