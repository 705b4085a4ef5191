import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { SyncMessage, UpsertMessage } from '@crm-hub/plugin-sdk';
import { collect, createTestContext } from '@crm-hub/plugin-testing';
import { taskDescribe } from '../__fixtures__/describe-samples';
import plugin from '../index';
import { flowConfig, iso, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { ReferenceNamer } from './reference-names';

const FIELDS = ['WhoId', 'WhatId', 'OwnerId', 'Subject'];

let emulator: SalesforceEmulator;
let lead: string;
let contact: string;
let account: string;
let queue: string;
let user: string;
beforeAll(async () => {
  emulator = await startEmulator({ bulkJobInProgressPolls: 0 });
  [lead] = emulator.create('Lead', [{ LastName: 'Poly', Company: 'Acme' }]) as [string];
  [contact] = emulator.create('Contact', [{ LastName: 'Poly' }]) as [string];
  [account] = emulator.create('Account', [{ Name: 'Poly Inc.' }]) as [string];
  [queue] = emulator.seed('Group', 1) as [string];
  user = String(emulator.records('User')[0]?.['Id']);
});
afterAll(() => emulator.close());

const upserts = (messages: SyncMessage[]): Map<string, Record<string, unknown>> =>
  new Map(messages.filter((m): m is UpsertMessage => m.kind === 'upsert').map((m) => [m.id, m.data]));

describe(ReferenceNamer.name, () => {
  it('reads polymorphic references as "<Target>:<id>" from the key prefix, through REST and Bulk alike, with one describeGlobal', async () => {
    emulator.truncate('Task');
    emulator.seed('Task', 300, { modstamp: iso(emulator.clock.nowMs() - 60_000) });
    const [t1, t2] = emulator.create('Task', [
      { Subject: 'Call', WhoId: lead, WhatId: account },
      { Subject: 'Other', WhoId: contact, OwnerId: queue },
    ]) as [string, string];
    const rest = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1_000_000 }));
    const bulk = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1 }));
    try {
      const viaRest = upserts(await readAll(rest.connector, { object: 'Task', fields: FIELDS }));
      expect(viaRest.get(t1)).toMatchObject({ WhoId: `Lead:${lead}`, WhatId: `Account:${account}`, OwnerId: `User:${user}`, Subject: 'Call' });
      expect(viaRest.get(t2)).toMatchObject({ WhoId: `Contact:${contact}`, WhatId: null, OwnerId: `Group:${queue}` });
      const viaBulk = upserts(await readAll(bulk.connector, { object: 'Task', fields: FIELDS, pageSize: 200 }));
      expect(bulk.test.calls['bulk2.query']).toBeGreaterThan(0);
      expect(Object.fromEntries(viaBulk)).toEqual(Object.fromEntries(viaRest));
      await readAll(rest.connector, { object: 'Task', fields: ['WhoId'] });
      expect(rest.test.calls['describeGlobal']).toBe(1); // the key prefixes are asked once per connector
    } finally {
      await rest.connector.dispose();
      await bulk.connector.dispose();
    }
  });

  it('writes "<Target>:<id>" and bare ids as the bare id Salesforce takes, REST and Bulk, and refuses a target the field cannot point to', async () => {
    for (const bulkWriteThreshold of [1_000_000, 1]) {
      const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkWriteThreshold }));
      try {
        const [made, refused] = await connector.write({
          object: 'Task',
          operation: 'insert',
          records: [
            { ref: 'a', data: { Subject: 'Call', WhoId: `Lead:${lead}`, WhatId: account, OwnerId: `Group:${queue}` } },
            { ref: 'b', data: { Subject: 'Call', WhoId: `Account:${account}` } },
          ],
        });
        expect(refused).toMatchObject({ ref: 'b', ok: false, error: { code: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhoId'], retryable: false } });
        expect(made).toMatchObject({ ref: 'a', ok: true });
        expect(emulator.record('Task', made?.id as string)).toMatchObject({ WhoId: lead, WhatId: account, OwnerId: queue });
        const [updated] = await connector.write({ object: 'Task', operation: 'update', records: [{ ref: 'u', id: made?.id as string, data: { WhoId: `contact:${contact}` } }] });
        expect(updated).toMatchObject({ ok: true });
        expect(emulator.record('Task', made?.id as string)?.['WhoId']).toBe(contact);
      } finally {
        await connector.dispose();
      }
    }
  });

  it('filters on a polymorphic reference by its id, whether given as "<Target>:<id>" or bare', async () => {
    emulator.truncate('Task');
    const [call] = emulator.create('Task', [{ Subject: 'Call', WhoId: lead }, { Subject: 'Other', WhoId: contact }]) as [string];
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      for (const value of [`Lead:${lead}`, lead]) {
        const messages = await readAll(connector, { object: 'Task', fields: ['WhoId'], filter: { field: 'WhoId', op: 'eq', value } });
        expect([...upserts(messages).keys()]).toEqual([call]);
      }
    } finally {
      await connector.dispose();
    }
  });

  it('emits the bare id, and one warning per connector, for a key prefix describeGlobal does not list', async () => {
    const row = (id: string, who: string) => ({ attributes: { type: 'Task' }, Id: id, IsDeleted: false, WhoId: who, SystemModstamp: '2026-01-01T00:00:00.000+0000' });
    const fake = async (input: string | URL | Request): Promise<Response> => {
      const url = new URL(String(input));
      const body = url.pathname.endsWith('/oauth2/token')
        ? { access_token: 't', instance_url: 'https://na1.example.test', id: 'https://login.example.test/id/00D000000000001AAA/005000000000001AAA' }
        : url.pathname.endsWith('/describe')
          ? taskDescribe
          : url.pathname.endsWith('/sobjects')
            ? { sobjects: [{ name: 'Contact', keyPrefix: '003', label: 'Contact', custom: false, queryable: true }] }
            : { totalSize: 3, done: true, records: [row('00T000000000001AAA', '00Q000000000001AAA'), row('00T000000000002AAA', '003000000000001AAA'), row('00T000000000003AAA', '00Q000000000002AAA')] };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const test = createTestContext({
      config: { loginUrl: 'https://login.example.test', authFlow: 'client-credentials', clientId: 'c', clientSecret: 's', safetyLagMs: 0 },
      fetch: fake as typeof fetch,
    });
    const connector = await plugin.createConnector(test.ctx);
    try {
      const messages = await collect(connector.read({ object: 'Task', fields: ['WhoId'] }), { timeoutMs: 5_000 });
      expect(messages.filter((m) => m.kind === 'status')).toEqual([
        { kind: 'status', level: 'warn', code: 'UNKNOWN_KEY_PREFIX', message: expect.stringContaining("Task.WhoId holds ids with key prefix '00Q'") },
      ]);
      expect(messages[0]?.kind).toBe('status'); // before the records it concerns
      expect([...upserts(messages).values()].map((d) => d['WhoId'])).toEqual(['00Q000000000001AAA', 'Contact:003000000000001AAA', '00Q000000000002AAA']);
      const again = await collect(connector.read({ object: 'Task', fields: ['WhoId'] }), { timeoutMs: 5_000 });
      expect(again.filter((m) => m.kind === 'status')).toEqual([]);
      expect(test.calls['describeGlobal']).toBe(1);
    } finally {
      await connector.dispose();
    }
  });
});
