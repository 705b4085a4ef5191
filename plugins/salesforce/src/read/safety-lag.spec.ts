import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { collect, createTestContext } from '@crm-hub/plugin-testing';
import { subscriptionDescribe } from '../__fixtures__/describe-samples';
import plugin from '../index';
import { flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';

const DAY = 86_400_000;

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

/** The safety lag, timed by Salesforce's clock (the SDK's ServerClock, fed by every answer's Date header). */
describe('safetyLagMs', () => {
  it("bounds reads by the CRM's clock (Date header) minus the safety lag, not by the local clock", async () => {
    const queries: string[] = [];
    const serverDate = 'Wed, 01 Jan 2031 00:00:00 GMT';
    const fake = async (input: string | URL | Request): Promise<Response> => {
      const url = new URL(String(input));
      const headers = { 'content-type': 'application/json', date: serverDate };
      if (url.pathname.endsWith('/oauth2/token')) {
        return new Response(JSON.stringify({ access_token: 't', instance_url: 'https://na1.example.test', id: 'https://login.example.test/id/00D000000000001AAA/005000000000001AAA' }), { headers });
      }
      if (url.pathname.endsWith('/describe')) return new Response(JSON.stringify(subscriptionDescribe), { headers });
      queries.push(url.searchParams.get('q') ?? '');
      return new Response(JSON.stringify({ totalSize: 0, done: true, records: [] }), { headers });
    };
    const test = createTestContext({
      config: { loginUrl: 'https://login.example.test', authFlow: 'client-credentials', clientId: 'c', clientSecret: 's', safetyLagMs: 60_000 },
      fetch: fake as typeof fetch,
    });
    const connector = await plugin.createConnector(test.ctx);
    const messages = await collect(connector.read({ object: 'Subscription__c', fields: [] }), { timeoutMs: 5_000 });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('SystemModstamp <= 2030-12-31T23:59:00Z');
    expect(messages).toEqual([
      { kind: 'checkpoint', object: 'Subscription__c', checkpoint: { v: 2, cursorField: 'SystemModstamp', modifiedAt: '2030-12-31T23:59:00.000Z', lastId: '' } },
    ]);
    await connector.dispose();
  });

  it("keeps reads a safety lag behind the emulator's clock, days away from the local clock", async () => {
    const OBJECT = 'Subscription__c';
    const LAG_MS = 10_000;
    emulator.clock.advance(3 * DAY); // only the Date header can tell the plugin what time it is
    const now = emulator.clock.nowMs();
    const [early, late] = emulator.seed(OBJECT, 2, { modstamp: iso(now - 2 * LAG_MS) }) as [string, string];
    emulator.update(OBJECT, [late], { Discount__c: 4 }, { modstamp: iso(now - LAG_MS / 2) }); // still within the lag
    const first = await openConnector(flowConfig(emulator, 'client-credentials', { safetyLagMs: LAG_MS }));
    let checkpoint;
    try {
      const messages = await readAll(first.connector, { object: OBJECT, fields: [] });
      expect(idsOf(messages, 'upsert')).toEqual([early]);
      checkpoint = lastCheckpoint(messages);
      // The bound is the emulator's "now" (known to a second from Date headers, never ahead) minus the lag.
      expect(Math.abs(Date.parse(String(checkpoint['modifiedAt'])) - (now - LAG_MS))).toBeLessThanOrEqual(2_000);
    } finally {
      await first.connector.dispose();
    }
    emulator.clock.advance(LAG_MS);
    const later = await openConnector(flowConfig(emulator, 'client-credentials', { safetyLagMs: LAG_MS }));
    try {
      const messages = await readAll(later.connector, { object: OBJECT, fields: ['Discount__c'], checkpoint });
      expect(idsOf(messages, 'upsert')).toEqual([late]);
    } finally {
      await later.connector.dispose();
    }
  });
});
