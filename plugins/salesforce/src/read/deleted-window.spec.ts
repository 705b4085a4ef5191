import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CheckpointExpiredError, UnsupportedFilterError } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, startEmulator } from '../test-support/emulator-harness';
import { readDeletedWindow } from './deleted-window-reader';

const OBJECT = 'Subscription__c';
const DAY = 86_400_000;

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator()));
afterAll(() => emulator.close());

describe(readDeletedWindow.name, () => {
  it('lists the deletes of a window from getDeleted, hard-deleted ones included, with deletedThrough', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 10);
    const from = emulator.clock.nowMs();
    emulator.clock.advance(60_000);
    emulator.delete(OBJECT, [ids[1] as string, ids[2] as string]);
    emulator.emptyRecycleBin(OBJECT); // gone from queryAll, still in the delete log
    emulator.clock.advance(3 * 60_000);
    emulator.delete(OBJECT, [ids[3] as string]); // after the window
    emulator.clock.advance(60_000);
    const to = from + 2 * 60_000;
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const messages = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window: { from: iso(from), to: iso(to) } });
      expect(idsOf(messages, 'delete').sort()).toEqual([ids[1], ids[2]].sort());
      expect(messages.find((m) => m.kind === 'delete')).toMatchObject({ deletedAt: expect.stringMatching(/Z$/) });
      expect(lastCheckpoint(messages)['deletedThrough']).toBe(iso(to));
      expect(test.calls['getDeleted']).toBe(1);
    } finally {
      await connector.dispose();
    }
  });

  it('refuses a window older than the 15-day delete log with CheckpointExpiredError, before calling', async () => {
    emulator.truncate(OBJECT);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] }); // learns the server clock
      const now = emulator.clock.nowMs();
      const error = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window: { from: iso(now - 16 * DAY), to: iso(now - DAY) } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointExpiredError);
      expect((error as Error).message).toMatch(/15 days/);
      expect(test.calls['getDeleted']).toBeUndefined();
    } finally {
      await connector.dispose();
    }
  });

  it('turns the server\'s own refusal of a window beyond its delete log into CheckpointExpiredError', async () => {
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      await connector.discover({ objects: [OBJECT] }); // the plugin learns the server's time…
      const known = emulator.clock.nowMs();
      emulator.clock.advance(20 * DAY); // …which then moves on without the plugin hearing of it
      const window = { from: iso(known - DAY), to: iso(known) }; // 1 day old for the plugin, 21 for Salesforce
      const error = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointExpiredError);
      expect((error as CheckpointExpiredError).code).toBe('INVALID_REPLICATION_DATE');
      // The 20 days also outlived the session (2 h idle): refused once (401), renewed, asked again.
      expect(test.calls).toMatchObject({ token: 2, getDeleted: 2 });
    } finally {
      await connector.dispose();
    }
  });

  it('chains windows reaching into the present on latestDateCovered: each delete once, none missed', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 4);
    const from = emulator.clock.nowMs();
    emulator.clock.advance(2 * 60_000);
    emulator.delete(OBJECT, [ids[0] as string]);
    // Half a minute into a later minute: Salesforce vouches for its log up to that minute's start.
    emulator.clock.set(new Date(Math.ceil(emulator.clock.nowMs() / 60_000) * 60_000 + 90_000));
    emulator.delete(OBJECT, [ids[1] as string]); // after latestDateCovered
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const open = { from: iso(from), to: iso(emulator.clock.nowMs() + DAY) };
      const first = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window: open });
      const through = String(lastCheckpoint(first)['deletedThrough']);
      expect(Date.parse(through)).toBe(Math.floor(emulator.clock.nowMs() / 60_000) * 60_000); // latestDateCovered
      expect(idsOf(first, 'delete')).toEqual([ids[0]]);

      emulator.clock.advance(2 * 60_000);
      emulator.delete(OBJECT, [ids[2] as string]);
      emulator.clock.advance(2 * 60_000);
      const second = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window: { from: through, to: iso(emulator.clock.nowMs() + DAY) } });
      expect(idsOf(second, 'delete')).toEqual([ids[1], ids[2]]);
      expect(test.calls['getDeleted']).toBe(2);
    } finally {
      await connector.dispose();
    }
  });

  it('refuses a window whose start the delete log no longer holds (purged early): earliestDateAvailable', async () => {
    emulator.truncate(OBJECT);
    const ids = emulator.seed(OBJECT, 3);
    const from = emulator.clock.nowMs();
    emulator.clock.advance(60_000);
    emulator.delete(OBJECT, ids);
    emulator.clock.advance(10 * 60_000);
    emulator.purgeDeleteLog(OBJECT, iso(emulator.clock.nowMs() - 2 * 60_000));
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const error = await readAll(connector, { object: OBJECT, fields: [], deletes: 'only', window: { from: iso(from), to: iso(from + 5 * 60_000) } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointExpiredError);
      expect((error as CheckpointExpiredError).code).toBe('DELETE_LOG_HORIZON');
    } finally {
      await connector.dispose();
    }
  });

  it('refuses filters on a delete window', async () => {
    const { connector } = await openConnector(flowConfig(emulator));
    try {
      const now = emulator.clock.nowMs();
      const req = { object: OBJECT, fields: [], deletes: 'only' as const, window: { from: iso(now - DAY), to: iso(now) }, filter: { field: 'Name', op: 'eq' as const, value: 'x' } };
      await expect(readAll(connector, req)).rejects.toBeInstanceOf(UnsupportedFilterError);
    } finally {
      await connector.dispose();
    }
  });
});
