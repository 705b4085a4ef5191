import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmError, type SyncMessage } from '@crm-hub/plugin-sdk';
import { collect, createTestContext, sleep } from '@crm-hub/plugin-testing';
import { tap } from 'rxjs';
import { stamplessDescribe } from '../__fixtures__/describe-samples';
import plugin from '../index';
import { flowConfig, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { changePolling } from './change-stream';

const OBJECT = 'Subscription__c';
/** flowConfig's poll period (the smallest the settings accept). */
const POLL_MS = 1_000;

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

/** A promise resolved by the first message `matches` accepts, and the operator to tap it from. */
function firstOf(matches: (msg: SyncMessage) => boolean): { seen: Promise<void>; watch: ReturnType<typeof tap<SyncMessage>> } {
  let resolve!: () => void;
  const seen = new Promise<void>((r) => (resolve = r));
  return { seen, watch: tap<SyncMessage>((msg) => matches(msg) && resolve()) };
}

/** The upserts and deletes of a stream, as `kind:id`. */
const data = (messages: readonly SyncMessage[]): string[] =>
  messages.flatMap((m) => (m.kind === 'upsert' || m.kind === 'delete' ? [`${m.kind}:${m.id}`] : []));

describe(changePolling.name, () => {
  it('polls on the watermark: changes and deletes after the checkpoint, each once', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 5, { modstamp: iso(emulator.clock.nowMs() - 10_000) });
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const checkpoint = lastCheckpoint(await readAll(connector, { object: OBJECT, fields: [] }));
      const firstPoll = firstOf((msg) => msg.kind === 'checkpoint');
      const done = collect(connector.changes({ object: OBJECT, fields: ['Discount__c'], checkpoint }).pipe(firstPoll.watch), {
        until: (_msg, all) => data(all).length >= 3,
        timeoutMs: 10_000,
      });
      await firstPoll.seen; // the first poll found nothing; the changes below come to a later one
      emulator.update(OBJECT, [ids[0] as string], { Discount__c: 3 });
      emulator.delete(OBJECT, [ids[1] as string]);
      const [created] = emulator.create(OBJECT, [{ Name: 'new', External_Id__c: 'CS-1', Start_Date__c: '2026-01-01' }]);
      const messages: SyncMessage[] = await done;
      expect(messages[0]?.kind).toBe('checkpoint');
      expect(data(messages).sort()).toEqual([`upsert:${ids[0]}`, `delete:${ids[1]}`, `upsert:${created}`].sort());
    } finally {
      await connector.dispose();
    }
  });

  it('starts from now without a checkpoint: only changes made after subscribing, once the safety lag has passed them', async () => {
    const LAG_MS = 30_000;
    emulator.truncate(OBJECT);
    const [before, after] = emulator.seed(OBJECT, 2, { modstamp: iso(emulator.clock.nowMs() - 10 * LAG_MS) }) as [string, string];
    emulator.update(OBJECT, [before], { Discount__c: 1 }); // within the safety lag of the subscription…
    emulator.clock.advance(5_000); // …but 5 s before it
    const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { safetyLagMs: LAG_MS }));
    try {
      const firstPoll = firstOf((msg) => msg.kind === 'checkpoint');
      const done = collect(connector.changes({ object: OBJECT, fields: ['Discount__c'] }).pipe(firstPoll.watch), {
        until: (msg, all) => msg.kind === 'checkpoint' && all.some((m) => m.kind === 'upsert'),
        timeoutMs: 15_000,
      });
      await firstPoll.seen; // subscribed: the stream's starting point is fixed
      emulator.clock.advance(2_000);
      emulator.update(OBJECT, [after], { Discount__c: 2 });
      emulator.clock.advance(LAG_MS); // the lag has passed both changes; the next polls hear of it
      const messages = await done;
      expect(data(messages)).toEqual([`upsert:${after}`]);
      expect(messages.find((m) => m.kind === 'upsert')).toMatchObject({ data: { Discount__c: '2.00' } });
    } finally {
      await connector.dispose();
    }
  });

  it('stops polling on unsubscribe', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const firstPoll = firstOf((msg) => msg.kind === 'checkpoint');
      const subscription = connector.changes({ object: OBJECT, fields: [] }).pipe(firstPoll.watch).subscribe();
      await firstPoll.seen;
      subscription.unsubscribe();
      const after = emulator.counters.total();
      await sleep(POLL_MS + 300); // the plugin's own poll timer: a whole period passes without a request
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
