import type { SalesforceEmulator } from '@crm-hub/crm-emulators';
import { CrmTransientError, type Checkpoint, type SyncMessage } from '@crm-hub/plugin-sdk';
import { flowConfig, idsOf, iso, lastCheckpoint, openConnector, readAll, readUntilFailure, startEmulator } from '../test-support/emulator-harness';
import { readBulkPhase } from './bulk-phase';

const OBJECT = 'Subscription__c';

let emulator: SalesforceEmulator;
beforeAll(async () => (emulator = await startEmulator({ bulkJobInProgressPolls: 1 })));
afterAll(() => emulator.close());
afterEach(() => emulator.failBulkResults(null));

/** Ids emitted more than once across reads. */
function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/** Seeds `count` records a minute old, many sharing a stamp, and returns their ids. */
function seed(count: number): string[] {
  emulator.truncate(OBJECT);
  return emulator.seed(OBJECT, count, { modstamp: iso(emulator.clock.nowMs() - 60_000), sameModstampEvery: 700 });
}

/** A Bulk-path read whose result pages fail for good after `goodPages`: what it emitted, and its last checkpoint. */
async function brokenRead(pageSize: number, goodPages: number, fields: string[] = ['Name']): Promise<{ messages: SyncMessage[]; checkpoint: Checkpoint }> {
  const { connector } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 2 * pageSize }));
  try {
    emulator.failBulkResults({ afterPages: goodPages }); // outlasts the plugin's 3 retries
    const { messages, error } = await readUntilFailure(connector, { object: OBJECT, fields, pageSize });
    expect(error).toBeInstanceOf(CrmTransientError);
    return { messages, checkpoint: lastCheckpoint(messages) };
  } finally {
    emulator.failBulkResults(null);
    await connector.dispose();
  }
}

describe(readBulkPhase.name, () => {
  it('checkpoints after every Bulk result page and resumes from the job and locator: every record, at most one page twice', async () => {
    const ids = seed(12_000);
    const first = await brokenRead(2_000, 2); // REST page 1, Bulk pages 1 and 2, then page 3 fails
    expect(idsOf(first.messages, 'upsert')).toHaveLength(6_000);
    const checkpoints = first.messages.filter((m) => m.kind === 'checkpoint');
    expect(checkpoints).toHaveLength(3); // one per page
    expect(first.checkpoint).toMatchObject({ v: 2, cursorField: 'SystemModstamp', bulkJob: expect.stringMatching(/^750/), bulkLocator: expect.any(String) });
    expect(JSON.stringify(first.checkpoint)).not.toContain(emulator.credentials.clientSecret);

    const { connector, test } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 4_000 }));
    try {
      emulator.counters.reset();
      const resumed = await readAll(connector, { object: OBJECT, fields: ['Name'], pageSize: 2_000, checkpoint: first.checkpoint });
      const all = [...idsOf(first.messages, 'upsert'), ...idsOf(resumed, 'upsert')];
      expect(new Set(all)).toEqual(new Set(ids));
      expect(duplicates(all).length).toBeLessThanOrEqual(2_000);
      // The same job, from the recorded locator: pages 3 to 5, no new job, no REST query.
      expect(emulator.counters.snapshot()).toEqual({ token: 1, describe: 1, 'bulk2.query': 3 });
      expect(test.calls['bulk2.query']).toBe(3);
      const final = lastCheckpoint(resumed);
      expect(final).not.toHaveProperty('bulkJob'); // the last page ends with a plain watermark
      const { connector: rest } = await openConnector(flowConfig(emulator, 'client-credentials', { bulkReadThreshold: 1_000_000 }));
      try {
        expect(final).toEqual(lastCheckpoint(await readAll(rest, { object: OBJECT, fields: [] })));
      } finally {
        await rest.dispose();
      }
    } finally {
      await connector.dispose();
    }
  });

  it('starts the Bulk part again from its lower watermark when the job is gone, and says so', async () => {
    const ids = seed(3_000);
    const first = await brokenRead(500, 1); // REST page 1, Bulk page 1, then page 2 fails
    expect(idsOf(first.messages, 'upsert')).toHaveLength(1_000);
    emulator.purgeBulkJobs(); // as Salesforce does 7 days after a job finished
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const resumed = await readAll(connector, { object: OBJECT, fields: ['Name'], pageSize: 500, checkpoint: first.checkpoint });
      expect(resumed.find((m) => m.kind === 'status')).toMatchObject({ level: 'info', code: 'BULK_JOB_RESTARTED', message: expect.stringMatching(/is gone/) });
      const again = idsOf(resumed, 'upsert');
      expect(new Set([...idsOf(first.messages, 'upsert'), ...again])).toEqual(new Set(ids));
      expect(again).toHaveLength(2_500); // the Bulk part again: everything after the REST page
      expect(test.calls['bulk2.query']).toBe(1 + 1 + 2 + 5); // the old job's 404, a new job, two status checks, five pages
      expect(test.calls['queryAll']).toBeUndefined();
    } finally {
      await connector.dispose();
    }
  });

  it('starts a new job when the resumed request asks for another query than the job ran', async () => {
    seed(1_500);
    const first = await brokenRead(500, 1);
    const { connector, test } = await openConnector(flowConfig(emulator));
    try {
      const resumed = await readAll(connector, { object: OBJECT, fields: ['Name', 'Plan__c'], pageSize: 500, checkpoint: first.checkpoint });
      expect(resumed.find((m) => m.kind === 'status')).toMatchObject({ code: 'BULK_JOB_RESTARTED', message: expect.stringMatching(/another query/) });
      expect(idsOf(resumed, 'upsert')).toHaveLength(1_000);
      expect(resumed.every((m) => m.kind !== 'upsert' || 'Plan__c' in m.data)).toBe(true);
      expect(test.calls['bulk2.query']).toBe(1 + 2 + 2); // a new job at once (the old one is not asked), two status checks, two pages
    } finally {
      await connector.dispose();
    }
  });
});
