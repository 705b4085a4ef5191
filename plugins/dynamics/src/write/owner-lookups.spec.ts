import type { CrmConnector, SyncMessage } from '@crm-hub/plugin-sdk';
import { recordingFetch, type RecordedExchange } from '@crm-hub/plugin-testing';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { dataverseBody } from '../values/value-writer';

const CRM = 'Microsoft.Dynamics.CRM.';
const label = (text: string) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }] });
const dataOf = (messages: SyncMessage[], id: string): Record<string, unknown> | undefined => {
  const found = messages.find((m) => m.kind === 'upsert' && m.id === id);
  return found?.kind === 'upsert' ? found.data : undefined;
};
const batchBodies = (exchanges: RecordedExchange[]): string => exchanges.filter((e) => e.url.pathname.endsWith('/$batch')).map((e) => e.body ?? '').join('\n');

/**
 * Owner, Customer and other multi-target lookups read as `<table>:<guid>` and written back as
 * read. `ownerid` navigates to the abstract `owner`: its value binds to `/systemusers(…)` or
 * `/teams(…)` by the value's table (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/principal).
 */
describe(`${dataverseBody.name} owner and multi-target lookups`, () => {
  let h: DataverseHarness;
  beforeAll(async () => {
    h = await startHarness();
    // A multi-table ("Regarding") lookup, as CreatePolymorphicLookupAttribute makes one (multitable-lookup.md).
    h.emulator.addAttribute('new_subscription', {
      '@odata.type': `${CRM}LookupAttributeMetadata`,
      SchemaName: 'new_Regarding',
      DisplayName: label('Regarding'),
      Targets: ['account', 'contact'],
    });
  });
  afterAll(() => h.close());

  const readField = async (connector: CrmConnector, object: string, field: string, id: string): Promise<unknown> =>
    dataOf(await h.read(connector, { object, fields: [field] }), id)?.[field];

  it('reads ownerid as <table>:<guid>, and an Owner value read and written back with write() round-trips, to a user or a team', async () => {
    const { applicationUserId, teamId, administratorId } = h.emulator.platform;
    h.emulator.truncate('account');
    const recorder = recordingFetch();
    const { connector } = await h.open({}, { fetch: recorder.fetch });
    const [created] = await connector.write({ object: 'account', operation: 'insert', records: [{ ref: 'a', data: { name: 'Owned' } }] });
    const id = created?.id as string;
    const [seeded] = h.emulator.create('account', [{ name: 'Seeded' }]) as [string];

    // Dataverse makes the calling user the owner; the lookuplogicalname annotation names its table.
    const read = await h.read(connector, { object: 'account', fields: ['ownerid', 'owninguser', 'owningteam'] });
    expect(dataOf(read, id)).toMatchObject({ ownerid: `systemuser:${applicationUserId}`, owninguser: applicationUserId, owningteam: null });
    expect(dataOf(read, seeded)).toMatchObject({ ownerid: `systemuser:${administratorId}` });

    // The value as read, written back: unchanged.
    const owner = dataOf(read, seeded)?.['ownerid'];
    const [same] = await connector.write({ object: 'account', operation: 'update', records: [{ ref: 'same', id, data: { ownerid: owner } }] });
    expect(same).toMatchObject({ ok: true });
    expect(await readField(connector, 'account', 'ownerid', id)).toBe(owner);

    // Assigned to a team, read back, and written back again.
    const [toTeam] = await connector.write({ object: 'account', operation: 'update', records: [{ ref: 't', id, data: { ownerid: `team:${teamId}` } }] });
    expect(toTeam).toMatchObject({ ok: true });
    const asTeam = await h.read(connector, { object: 'account', fields: ['ownerid', 'owninguser', 'owningteam'] });
    expect(dataOf(asTeam, id)).toMatchObject({ ownerid: `team:${teamId}`, owningteam: teamId, owninguser: null });
    const [back] = await connector.write({ object: 'account', operation: 'upsert', records: [{ ref: 'b', id, data: { ownerid: dataOf(asTeam, id)?.['ownerid'] } }] });
    expect(back).toMatchObject({ ok: true, created: false });
    expect(await readField(connector, 'account', 'ownerid', id)).toBe(`team:${teamId}`);

    // On the wire: the one navigation property, bound to the entity set of the value's table.
    const sent = batchBodies(recorder.exchanges);
    expect(sent).toContain(`"ownerid@odata.bind":"/systemusers(${administratorId})"`);
    expect(sent).toContain(`"ownerid@odata.bind":"/teams(${teamId})"`);
  });

  it('refuses an owner given as a bare GUID or as another table, per record', async () => {
    const { connector } = await h.open();
    const [id] = h.emulator.create('account', [{ name: 'Kept' }]) as [string];
    const { teamId } = h.emulator.platform;
    const results = await connector.write({
      object: 'account',
      operation: 'update',
      records: [
        { ref: 'bare', id, data: { ownerid: teamId } },
        { ref: 'account', id, data: { ownerid: `account:${id}` } },
      ],
    });
    expect(results.map((r) => r.error?.code)).toEqual(['INVALID_VALUE', 'INVALID_VALUE']);
    expect(results[0]?.error?.message).toMatch(/systemuser, team/);
  });

  it('reads a Customer lookup and a multi-table Regarding lookup as <table>:<guid>, and writes them back as read', async () => {
    const { connector } = await h.open();
    const [account] = h.emulator.create('account', [{ name: 'Regarded' }]) as [string];
    const [contact] = h.emulator.create('contact', [{ lastname: 'Regarded', 'parentcustomerid_account@odata.bind': `/accounts(${account})` }]) as [string];
    expect(await readField(connector, 'contact', 'parentcustomerid', contact)).toBe(`account:${account}`);

    const [written] = await connector.write({
      object: 'new_subscription',
      operation: 'insert',
      records: [{ ref: 'r', data: { new_name: 'Regarding', new_code: 'REG-1', new_regarding: `contact:${contact}` } }],
    });
    const id = written?.id as string;
    expect(await readField(connector, 'new_subscription', 'new_regarding', id)).toBe(`contact:${contact}`);
    const [moved] = await connector.write({ object: 'new_subscription', operation: 'update', records: [{ ref: 'm', id, data: { new_regarding: `account:${account}` } }] });
    expect(moved).toMatchObject({ ok: true });
    const value = await readField(connector, 'new_subscription', 'new_regarding', id);
    expect(value).toBe(`account:${account}`);
    const [again] = await connector.write({ object: 'new_subscription', operation: 'update', records: [{ ref: 'g', id, data: { new_regarding: value } }] });
    expect(again).toMatchObject({ ok: true });
    const { objects } = await connector.discover({ objects: ['new_subscription'] });
    expect(objects[0]?.fields.find((f) => f.name === 'new_regarding')).toMatchObject({ type: 'reference', referenceTo: ['account', 'contact'] });
  });
});
