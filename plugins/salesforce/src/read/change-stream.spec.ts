import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmError, type SyncMessage } from '@crm-hub/plugin-sdk';
import { collect, createTestContext, sleep } from '@crm-hub/plugin-testing';
import { stamplessDescribe } from '../__fixtures__/describe-samples';
import plugin from '../index';
import { flowConfig, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { pollChanges } from './change-poller';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

describe(pollChanges.name, () => {
  it('polls on the watermark: changes and deletes after the checkpoint, each once', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 5, { modstamp: new Date(Date.now() - 10_000).toISOString() });
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { pollIntervalMs: 1_000 }));
    try {
      const checkpoint = lastCheckpoint(await readAll(connector, { object: OBJECT, fields: [] }));
      const done = collect(connector.changes({ object: OBJECT, fields: ['Discount__c'], checkpoint }), {
        until: (_msg, all) => all.filter((m) => m.kind === 'upsert' || m.kind === 'delete').length >= 3,
        timeoutMs: 10_000,
      });
      await sleep(1_100); // the first poll finds nothing; later changes get a later stamp
      emulator.update(OBJECT, [ids[0] as string], { Discount__c: 3 });
      emulator.delete(OBJECT, [ids[1] as string]);
      const [created] = emulator.create(OBJECT, [{ Name: 'new', External_Id__c: 'CS-1', Start_Date__c: '2026-01-01' }]);
      const messages: SyncMessage[] = await done;
      const data = messages.filter((m) => m.kind === 'upsert' || m.kind === 'delete').map((m) => `${m.kind}:${m.id}`);
      expect(data.sort()).toEqual([`upsert:${ids[0]}`, `delete:${ids[1]}`, `upsert:${created}`].sort());
    } finally {
      await connector.dispose();
    }
  });

  it('stops polling on unsubscribe', async () => {
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { pollIntervalMs: 1_000 }));
    try {
      const subscription = connector.changes({ object: OBJECT, fields: [] }).subscribe();
      await sleep(1_500);
      subscription.unsubscribe();
      const after = emulator.counters.total();
      await sleep(1_500);
      expect(emulator.counters.total()).toBe(after);
    } finally {
      await connector.dispose();
    }
  });

  it('refuses to follow an object without any modification stamp', async () => {
    const fake = async (input: string | URL | Request): Promise<Response> => {
      const url = new URL(String(input));
      const body = url.pathname.endsWith('/oauth2/token')
        ? { access_token: 't', instance_url: 'https://na1.example.test', id: 'https://login.example.test/id/00D000000000001AAA/005000000000001AAA' }
        : stamplessDescribe;
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const test = createTestContext({
      config: { loginUrl: 'https://login.example.test', authFlow: 'client-credentials', clientId: 'c', clientSecret: 's' },
      fetch: fake as typeof fetch,
    });
    const connector = await plugin.createConnector(test.ctx);
    const error = await collect(connector.changes({ object: 'Stampless__c', fields: [] }), { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe('NOT_INCREMENTAL');
    await connector.dispose();
  });
});
