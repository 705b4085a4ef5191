import { CheckpointExpiredError, CrmTransientError, toAsyncIterable, type Checkpoint, type CrmConnector, type ReadRequest, type SyncMessage } from '@crm-hub/plugin-sdk';
import { recordingFetch } from '@crm-hub/plugin-testing';
import { DynamicsConnector } from '../connector/dynamics-connector';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';

const PAGE = 10;
const upserts = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
const deletes = (messages: SyncMessage[]): string[] => messages.flatMap((m) => (m.kind === 'delete' ? [m.id] : []));
const checkpoints = (messages: SyncMessage[]): Checkpoint[] => messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.checkpoint] : []));

/**
 * Reads as a host does (`toAsyncIterable`, paced), calling `interrupt` once the consumer holds its
 * second checkpoint; returns what the consumer got before the read failed.
 */
async function interruptedRead(connector: CrmConnector, req: ReadRequest, interrupt: () => void): Promise<{ got: SyncMessage[]; error: unknown }> {
  const got: SyncMessage[] = [];
  try {
    for await (const message of toAsyncIterable(connector.read(req))) {
      got.push(message);
      if (message.kind === 'checkpoint' && checkpoints(got).length === 2) interrupt();
    }
  } catch (error) {
    return { got, error };
  }
  return { got, error: undefined };
}

/** Rows emitted after the last checkpoint the consumer got: the most a resumed read may repeat. */
const inFlight = (got: SyncMessage[]): string[] => upserts(got.slice(got.map((m) => m.kind).lastIndexOf('checkpoint') + 1));

describe(`${DynamicsConnector.name} resumable reads`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness({ changeTrackingExpiryDays: 7 })));
  afterAll(() => h.close());
  afterEach(() => h.emulator.faults.clear());

  // A fault that outlasts the plugin's retries (maxRetries 1: two failed attempts) on the next page call.
  const failNextPage = (): void => h.emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 2, endpoints: ['nextLink'] });

  it('resumes a full read (a table without change tracking nor modifiedon) from the last checkpoint, re-reading nothing it covered', async () => {
    h.emulator.truncate('new_subscription_contact');
    const seeded = h.emulator.seed('new_subscription_contact', 47);
    const req: ReadRequest = { object: 'new_subscription_contact', fields: ['contactid'], pageSize: PAGE };
    const { connector } = await h.open({ maxRetries: 1 });
    const first = await interruptedRead(connector, req, failNextPage);
    expect(first.error).toBeInstanceOf(CrmTransientError);
    const cut = checkpoints(first.got).at(-1) as Checkpoint;
    expect(cut).toMatchObject({ v: 2, mode: 'full', nextLink: expect.stringContaining('$skiptoken='), fields: 'contactid,new_subscription_contactid' });

    h.emulator.faults.clear();
    h.emulator.counters.reset();
    const { connector: next } = await h.open({ maxRetries: 1 });
    const rest = await h.read(next, { ...req, checkpoint: cut });
    expect(h.emulator.counters.get('query')).toBe(0); // it followed the checkpoint's link, not a new query
    const all = [...upserts(first.got), ...upserts(rest)];
    expect(new Set(all)).toEqual(new Set(seeded));
    expect(all.length - seeded.length).toBeLessThanOrEqual(inFlight(first.got).length);
    expect(checkpoints(rest).at(-1)).toEqual({ v: 2, mode: 'full' });
  });

  it('resumes a change-tracking first read from its last checkpoint; the delta read then delivers the changes made meanwhile', async () => {
    h.emulator.truncate('contact');
    const ids = h.emulator.seed('contact', 47); // read in id order: ids[0…19] are in the first two pages
    const recorder = recordingFetch();
    const req: ReadRequest = { object: 'contact', fields: ['jobtitle'], pageSize: PAGE };
    const { connector } = await h.open({ maxRetries: 1 }, { fetch: recorder.fetch });
    let created = '';
    const first = await interruptedRead(connector, req, () => {
      h.emulator.update('contact', [ids[2] as string, ids[40] as string], { jobtitle: 'Changed meanwhile' });
      h.emulator.delete('contact', [ids[5] as string, ids[45] as string]);
      [created] = h.emulator.create('contact', [{ lastname: 'Created meanwhile' }]) as [string];
      failNextPage();
    });
    expect(first.error).toBeInstanceOf(CrmTransientError);
    const cut = checkpoints(first.got).at(-1) as Checkpoint;
    expect(cut).toMatchObject({ v: 2, mode: 'delta-initial', nextLink: expect.stringContaining('$skiptoken='), fields: 'contactid,jobtitle,modifiedon' });
    // The paging cookie is all the link holds: no credential goes into the checkpoint.
    const token = recorder.exchanges.map((e) => e.headers.get('authorization')?.replace('Bearer ', '')).find(Boolean) as string;
    expect(JSON.stringify(checkpoints(first.got))).not.toContain(token);
    expect(JSON.stringify(checkpoints(first.got))).not.toContain(h.emulator.credentials.clientSecret);

    h.emulator.faults.clear();
    h.emulator.counters.reset();
    const { connector: next } = await h.open();
    const rest = await h.read(next, { ...req, checkpoint: cut });
    expect(h.emulator.counters.get('query')).toBe(0);
    const all = [...upserts(first.got), ...upserts(rest)];
    expect(all.length - new Set(all).size).toBeLessThanOrEqual(inFlight(first.got).length);
    const expected = ids.filter((id) => id !== ids[45]);
    expect(expected.every((id) => all.includes(id))).toBe(true);
    const final = checkpoints(rest).at(-1) as Checkpoint;
    expect(final).toMatchObject({ v: 2, mode: 'delta', deltaLink: expect.stringContaining('$deltatoken='), fields: 'contactid,jobtitle,modifiedon' });

    const delta = await h.read(next, { ...req, checkpoint: final });
    expect(upserts(delta)).toEqual(expect.arrayContaining([ids[2], ids[40], created]));
    expect(deletes(delta).sort()).toEqual([ids[5], ids[45]].sort());
    const changed = delta.find((m) => m.kind === 'upsert' && m.id === ids[2]);
    expect(changed).toMatchObject({ data: { jobtitle: 'Changed meanwhile' } });
  });

  it('throws CheckpointExpiredError when the link of a first-read checkpoint can no longer be served', async () => {
    h.emulator.truncate('contact');
    h.emulator.seed('contact', 25);
    const { connector } = await h.open();
    const firstPage = await h.read(connector, { object: 'contact', fields: [], pageSize: PAGE }, (m) => m.kind === 'checkpoint');
    const cut = checkpoints(firstPage).at(-1) as Checkpoint;
    expect(cut['mode']).toBe('delta-initial');
    h.emulator.clock.advance(8 * 24 * 3600_000); // past Organization.ExpireChangeTrackingInDays
    const error = await h.read(connector, { object: 'contact', fields: [], pageSize: PAGE, checkpoint: cut }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointExpiredError);
    expect(error).toMatchObject({ code: '0x80044352', status: 400 });
  });

  it('fetches the next page only when the consumer asks for it', async () => {
    h.emulator.truncate('lead');
    h.emulator.seed('lead', 60);
    const { connector } = await h.open();
    await connector.discover({ objects: ['lead'] });
    h.emulator.counters.reset();
    const pageCalls = (): number => h.emulator.counters.get('query') + h.emulator.counters.get('nextLink');
    const iterator = toAsyncIterable(connector.read({ object: 'lead', fields: [], pageSize: PAGE }))[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 300)); // a slow consumer
    expect(pageCalls()).toBeLessThanOrEqual(3); // the page in hand and at most two ahead
    await iterator.return?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = pageCalls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pageCalls()).toBe(after);
  });
});
