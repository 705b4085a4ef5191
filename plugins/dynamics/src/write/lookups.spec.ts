import type { CrmConnector, SyncMessage } from '@crm-hub/plugin-sdk';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { recordingFetch, type RecordedExchange } from '@crm-hub/plugin-testing';
import { dataverseBody } from '../values/value-writer';

const dataOf = (messages: SyncMessage[], id: string): Record<string, unknown> | undefined => {
  const found = messages.find((m) => m.kind === 'upsert' && m.id === id);
  return found?.kind === 'upsert' ? found.data : undefined;
};
const batchBodies = (exchanges: RecordedExchange[]): string => exchanges.filter((e) => e.url.pathname.endsWith('/$batch')).map((e) => e.body ?? '').join('\n');

describe(`${dataverseBody.name} lookups against Dataverse`, () => {
  let h: DataverseHarness;
  let contoso: string;
  let fabrikam: string;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.truncate('account');
    [contoso, fabrikam] = h.emulator.create('account', [{ name: 'Contoso' }, { name: 'Fabrikam' }]) as [string, string];
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emulator.truncate('new_subscription');
    h.emulator.truncate('contact');
  });

  const readBack = async (connector: CrmConnector, object: string, field: string, id: string): Promise<unknown> =>
    dataOf(await h.read(connector, { object, fields: [field] }), id)?.[field];

  it('binds a custom lookup through its schema-named navigation property on insert and update, and reads it back', async () => {
    const recorder = recordingFetch();
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    const [inserted] = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [{ ref: 'i1', data: { new_name: 'Linked', new_code: 'LK-1', new_accountid: contoso } }],
    });
    expect(inserted).toMatchObject({ ok: true, created: true, id: expect.any(String) });
    const id = inserted?.id as string;
    expect(await readBack(connector, 'new_subscription', 'new_accountid', id)).toBe(contoso);

    const [updated] = await connector.write({
      object: 'new_subscription',
      operation: 'update',
      records: [{ ref: 'u1', id, data: { new_accountid: fabrikam.toUpperCase() } }],
    });
    expect(updated).toMatchObject({ ok: true, id, created: false });
    expect(await readBack(connector, 'new_subscription', 'new_accountid', id)).toBe(fabrikam);

    const [cleared] = await connector.write({ object: 'new_subscription', operation: 'update', records: [{ ref: 'u2', id, data: { new_accountid: null } }] });
    expect(cleared).toMatchObject({ ok: true });
    expect(await readBack(connector, 'new_subscription', 'new_accountid', id)).toBeNull();

    // On the wire: the navigation property ManyToOneRelationships names (case-sensitive), never the logical name.
    const sent = batchBodies(recorder.exchanges);
    expect(sent).toContain(`"new_AccountId@odata.bind":"/accounts(${contoso})"`);
    expect(sent).toContain(`"new_AccountId@odata.bind":"/accounts(${fabrikam})"`);
    expect(sent).toContain('"new_AccountId@odata.bind":null');
    expect(sent).not.toContain('new_accountid@odata.bind');
    const relationships = recorder.exchanges.filter((e) => decodeURIComponent(e.url.href).includes("EntityDefinitions(LogicalName='new_subscription')/ManyToOneRelationships"));
    expect(relationships).toHaveLength(1); // asked once, then cached for the connector's life
  });

  it("upserts by alternate key (a key value with an apostrophe) setting the custom lookup, created then updated", async () => {
    const { connector } = await h.open();
    const code = "O'Brien-1";
    const first = await connector.write({
      object: 'new_subscription',
      operation: 'upsert',
      matchField: 'new_code',
      records: [{ ref: 'a', data: { new_code: code, new_name: 'Upserted', new_accountid: contoso } }],
    });
    expect(first[0]).toMatchObject({ ok: true, created: true, id: expect.any(String) });
    const id = first[0]?.id as string;
    expect(await readBack(connector, 'new_subscription', 'new_accountid', id)).toBe(contoso);

    const second = await connector.write({
      object: 'new_subscription',
      operation: 'upsert',
      matchField: 'new_code',
      records: [{ ref: 'b', data: { new_code: code, new_accountid: fabrikam } }],
    });
    expect(second[0]).toMatchObject({ ok: true, created: false, id });
    const read = await h.read(connector, { object: 'new_subscription', fields: ['new_code', 'new_name', 'new_accountid'] });
    expect(read.filter((m) => m.kind === 'upsert')).toHaveLength(1);
    expect(dataOf(read, id)).toMatchObject({ new_code: code, new_name: 'Upserted', new_accountid: fabrikam });
  });

  it('binds the standard Customer lookup parentcustomerid to an account on insert, update and upsert, and reads it back as <table>:<guid>', async () => {
    const recorder = recordingFetch();
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    const [inserted] = await connector.write({
      object: 'contact',
      operation: 'insert',
      records: [{ ref: 'c1', data: { lastname: 'Lookup', parentcustomerid: `account:${contoso}` } }],
    });
    expect(inserted).toMatchObject({ ok: true, created: true });
    const id = inserted?.id as string;
    expect(await readBack(connector, 'contact', 'parentcustomerid', id)).toBe(`account:${contoso}`);

    const [updated] = await connector.write({
      object: 'contact',
      operation: 'update',
      records: [{ ref: 'c2', id, data: { parentcustomerid: `account:${fabrikam}` } }],
    });
    expect(updated).toMatchObject({ ok: true, created: false });
    expect(await readBack(connector, 'contact', 'parentcustomerid', id)).toBe(`account:${fabrikam}`);

    // Upsert by id (contact has no alternate key): creates, then updates, binding the lookup each time.
    const fresh = '4c1e4f5a-7a3b-4d3e-9f1a-2b3c4d5e6f70';
    const created = await connector.write({
      object: 'contact',
      operation: 'upsert',
      records: [{ ref: 'c3', id: fresh, data: { lastname: 'Upserted', parentcustomerid: `account:${contoso}` } }],
    });
    expect(created[0]).toMatchObject({ ok: true, created: true, id: fresh });
    const again = await connector.write({
      object: 'contact',
      operation: 'upsert',
      records: [{ ref: 'c4', id: fresh, data: { parentcustomerid: `account:${fabrikam}` } }],
    });
    expect(again[0]).toMatchObject({ ok: true, created: false, id: fresh });
    expect(await readBack(connector, 'contact', 'parentcustomerid', fresh)).toBe(`account:${fabrikam}`);

    const sent = batchBodies(recorder.exchanges);
    expect(sent).toContain(`"parentcustomerid_account@odata.bind":"/accounts(${contoso})"`);
    expect(sent).not.toContain('"parentcustomerid@odata.bind"');
  });

  it('reports lookup problems per record: a missing target (0x80040217), a bare GUID for a polymorphic lookup, a non-GUID', async () => {
    const { connector } = await h.open();
    h.emulator.counters.reset();
    const missing = '00000000-0000-4000-8000-0000000000aa';
    const results = await connector.write({
      object: 'contact',
      operation: 'insert',
      records: [
        { ref: 'ok', data: { lastname: 'Fine', parentcustomerid: `account:${contoso}` } },
        { ref: 'gone', data: { lastname: 'Gone', parentcustomerid: `account:${missing}` } },
        { ref: 'bare', data: { lastname: 'Bare', parentcustomerid: contoso } },
        { ref: 'text', data: { lastname: 'Text', parentcustomerid: 'account:Contoso' } },
      ],
    });
    expect(results.map((r) => [r.ref, r.ok])).toEqual([['ok', true], ['gone', false], ['bare', false], ['text', false]]);
    expect(results[1]?.error).toMatchObject({ code: '0x80040217', message: expect.stringContaining(missing), retryable: false });
    expect(results[2]?.error).toMatchObject({ code: 'INVALID_VALUE', fields: ['parentcustomerid'], message: expect.stringContaining('<table>:<guid>') });
    expect(results[3]?.error).toMatchObject({ code: 'INVALID_VALUE', fields: ['parentcustomerid'] });
    // Only the two records that could be bound were sent.
    expect(h.emulator.counters.get('batch.operation')).toBe(2);
    expect(h.emulator.rows('contact').map((r) => r['lastname'])).toEqual(['Fine']);
  });
});
