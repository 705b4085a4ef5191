import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json } from './test-support/dataverse-test-client';

type Page = { '@odata.deltaLink'?: string; '@odata.nextLink'?: string; value: Record<string, unknown>[] };
const DAY_MS = 24 * 60 * 60 * 1000;
const LOOKUP_TABLE = '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname';

describe(`${startDataverseEmulator.name} links and delta rows`, () => {
  let dv: DataverseEmulator;
  let token: string;
  const get = async (path: string, prefer: string[] = []): Promise<Response> =>
    api(dv, token, path, prefer.length ? { headers: { Prefer: prefer.join(', ') } } : {});

  beforeEach(async () => {
    dv = await startDataverseEmulator({ changeTrackingExpiryDays: 7 });
    token = await fetchToken(dv);
  });
  afterEach(() => dv.close());

  it('shows only the changed columns of an updated row in a delta, every column of a created one', async () => {
    const [account] = dv.create('account', [{ name: 'Contoso' }]);
    const [kept, moved] = dv.create('contact', [
      { firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Analyst' },
      { firstname: 'Alan', lastname: 'Turing', jobtitle: 'Engineer' },
    ]) as [string, string];
    const select = '$select=firstname,lastname,jobtitle,_parentcustomerid_value,modifiedon';
    const prefer = ['odata.track-changes', 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname,OData.Community.Display.V1.FormattedValue"'];
    const first = await json<Page>(await get(`contacts?${select}`, prefer));
    dv.update('contact', [kept], { jobtitle: 'Lead analyst' });
    dv.update('contact', [moved], { 'parentcustomerid_account@odata.bind': `/accounts(${account})` });
    const [created] = dv.create('contact', [{ lastname: 'Hopper' }]);

    const delta = await json<Page>(await get(first['@odata.deltaLink'] as string, prefer));
    const row = (id: string | undefined) => delta.value.find((r) => r['contactid'] === id) ?? {};
    expect(Object.keys(row(kept)).sort()).toEqual(['@odata.etag', 'contactid', 'jobtitle', 'modifiedon', 'modifiedon@OData.Community.Display.V1.FormattedValue']);
    expect(row(kept)['jobtitle']).toBe('Lead analyst');
    expect(row(moved)).toMatchObject({ _parentcustomerid_value: account, [LOOKUP_TABLE]: 'account' });
    expect(row(moved)).not.toHaveProperty('firstname');
    expect(row(created)).toMatchObject({ firstname: null, lastname: 'Hopper', jobtitle: null, _parentcustomerid_value: null });
  });

  it('serves the next link of a tracked first read later, statelessly, and its delta link covers changes made meanwhile', async () => {
    const ids = dv.seed('contact', 25);
    const first = await json<Page>(await get('contacts?$select=lastname', ['odata.track-changes', 'odata.maxpagesize=10']));
    const next = first['@odata.nextLink'] as string;
    expect(new URL(next).searchParams.get('$skiptoken')).toContain('istracking="True"');

    // Changes while the read is "interrupted": a row already read, a row ahead, a new row, a deletion.
    dv.update('contact', [ids[2] as string, ids[20] as string], { jobtitle: 'Changed' });
    dv.delete('contact', [ids[5] as string]);
    const [created] = dv.create('contact', [{ lastname: 'During the read' }]);

    token = await fetchToken(dv); // another session: nothing of the first one is needed
    const rest: Record<string, unknown>[] = [];
    let page = await json<Page>(await get(next, ['odata.track-changes', 'odata.maxpagesize=10']));
    rest.push(...page.value);
    while (page['@odata.nextLink']) {
      page = await json<Page>(await get(page['@odata.nextLink'], ['odata.track-changes', 'odata.maxpagesize=10']));
      rest.push(...page.value);
    }
    const readIds = [...first.value, ...rest].map((r) => r['contactid']);
    expect(new Set(readIds).size).toBe(readIds.length);
    const delta = await json<Page>(await get(page['@odata.deltaLink'] as string));
    expect(delta.value.filter((r) => r['contactid']).map((r) => r['contactid'])).toEqual([ids[2], ids[20], created]);
    expect(delta.value.filter((r) => r['reason'] === 'deleted').map((r) => r['id'])).toEqual([ids[5]]);
  });

  it('refuses the next link of a tracked read once its change-tracking version has expired', async () => {
    dv.seed('contact', 15);
    const first = await json<Page>(await get('contacts?$select=lastname', ['odata.track-changes', 'odata.maxpagesize=10']));
    dv.clock.advance(8 * DAY_MS);
    token = await fetchToken(dv);
    const res = await get(first['@odata.nextLink'] as string, ['odata.track-changes', 'odata.maxpagesize=10']);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: { code: '0x80044352' } });

    const again = await json<Page>(await get('contacts?$select=lastname', ['odata.track-changes', 'odata.maxpagesize=10']));
    dv.truncate('contact'); // the table's change history is gone
    const gone = await get(again['@odata.nextLink'] as string, ['odata.track-changes', 'odata.maxpagesize=10']);
    expect(await json(gone)).toMatchObject({ error: { code: '0x80044352' } });
  });

  it('pages an intersect table (no modifiedon, no change tracking) by keyset links that any later call can follow', async () => {
    const seeded = dv.seed('new_subscription_contact', 23);
    const definition = await json(await get("EntityDefinitions(LogicalName='new_subscription_contact')?$select=IsIntersect,ChangeTrackingEnabled,PrimaryNameAttribute"));
    expect(definition).toMatchObject({ IsIntersect: true, ChangeTrackingEnabled: false, PrimaryNameAttribute: null });
    const tracked = await get('new_subscription_contactset', ['odata.track-changes']);
    expect(await json(tracked)).toMatchObject({ error: { code: '0x80072491' } });

    const first = await json<Page>(await get('new_subscription_contactset?$select=new_subscriptionid,contactid', ['odata.maxpagesize=10']));
    const link = first['@odata.nextLink'] as string;
    const second = await json<Page>(await get(link, ['odata.maxpagesize=10']));
    const replay = await json<Page>(await get(link, ['odata.maxpagesize=10']));
    expect(replay.value).toEqual(second.value);
    const third = await json<Page>(await get(second['@odata.nextLink'] as string, ['odata.maxpagesize=10']));
    expect(third['@odata.nextLink']).toBeUndefined();
    expect([...first.value, ...second.value, ...third.value].map((r) => r['new_subscription_contactid'])).toEqual(seeded);
  });
});
