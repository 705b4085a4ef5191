import type { CrmConnector } from '@crm-hub/plugin-sdk';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '@crm-hub/crm-emulators';
import { collect, createTestContext, type TestContext } from '@crm-hub/plugin-testing';
import { toAsyncIterable, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import plugin from '../index';
import { subscriptionData } from './emulator-settings';

// The specs take everything from here; these two live apart because they need no plugin code.
export { flowConfig, subscriptionData } from './emulator-settings';

/** A connector on a fresh fake host context (optionally over a `fetch` of the test's, e.g. the kit's `recordingFetch`). */
export async function openConnector(
  config: Record<string, unknown>,
  options: { fetch?: typeof fetch } = {},
): Promise<{ connector: CrmConnector; test: TestContext }> {
  const test = createTestContext({ config, accountId: 'salesforce-spec', ...(options.fetch ? { fetch: options.fetch } : {}) });
  return { connector: await plugin.createConnector(test.ctx), test };
}

/**
 * Moves the emulator's clock and lets the connector hear it: the plugin knows the server's time
 * from the `Date` header of its last answer (Salesforce's clock never jumps, the emulator's
 * does), so one cheap call — a conditional describe, answered 304 — follows the move.
 */
export async function advanceClock(emulator: SalesforceEmulator, connector: CrmConnector, object: string, ms: number): Promise<void> {
  emulator.clock.advance(ms);
  await connector.discover({ objects: [object] });
}

/** An ISO datetime. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Every message of a finite read. */
export function readAll(connector: CrmConnector, req: ReadRequest, timeoutMs = 60_000): Promise<SyncMessage[]> {
  return collect(connector.read(req), { timeoutMs });
}

/**
 * A read consumed as the hub does (`toAsyncIterable`, one message at a time) until it ends or
 * fails: the messages received before the end, and the error it failed with (if it did).
 */
export async function readUntilFailure(connector: CrmConnector, req: ReadRequest): Promise<{ messages: SyncMessage[]; error?: unknown }> {
  const messages: SyncMessage[] = [];
  try {
    for await (const msg of toAsyncIterable(connector.read(req))) messages.push(msg);
    return { messages };
  } catch (error) {
    return { messages, error };
  }
}

/** The ids of the messages of one kind. */
export function idsOf(messages: readonly SyncMessage[], kind: 'upsert' | 'delete'): string[] {
  return messages.flatMap((m) => (m.kind === kind ? [m.id] : []));
}

/** The last checkpoint of a stream. */
export function lastCheckpoint(messages: readonly SyncMessage[]): Extract<SyncMessage, { kind: 'checkpoint' }>['checkpoint'] {
  const found = [...messages].reverse().find((m) => m.kind === 'checkpoint');
  if (!found || found.kind !== 'checkpoint') throw new Error('the read emitted no checkpoint');
  return found.checkpoint;
}

/** Starts an emulator for one spec file; `close()` it in afterAll. */
export function startEmulator(options?: SalesforceEmulatorOptions): Promise<SalesforceEmulator> {
  return startSalesforceEmulator(options);
}

/** The same record as the emulator's control interface takes it (API values: multi-select as `a;b`, numbers). */
export function subscriptionApiData(i: number): Record<string, unknown> {
  return { ...subscriptionData(i), Features__c: 'Api;Sso', Amount__c: 19.9 };
}
