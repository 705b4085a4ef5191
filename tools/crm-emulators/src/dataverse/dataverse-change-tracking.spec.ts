import type { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json, webApiClient } from './test-support/dataverse-test-client';

type Delta = { '@odata.context': string; '@odata.deltaLink'?: string; '@odata.nextLink'?: string; value: Record<string, unknown>[] };
const DAY_MS = 24 * 60 * 60 * 1000;

describe(startDataverseEmulator.name, () => {
  describe('change tracking', () => {
    let dv: DataverseEmulator;
    let token: string;
    let client: DynamicsWebApi;

    beforeEach(async () => {
      dv = await startDataverseEmulator({ changeTrackingExpiryDays: 7 });
      token = await fetchToken(dv);
      client = webApiClient(dv, () => token);
    });
    afterEach(() => dv.close());

    it('returns everything then a delta link; the delta has new/updated rows first, then $deletedEntity rows', async () => {
      const ids = dv.seed('account', 5);
      const initial = await client.retrieveMultiple({ collection: 'accounts', select: ['name'], trackChanges: true });
      expect(initial.value).toHaveLength(5);
      const deltaLink = initial.oDataDeltaLink as string;
      expect(deltaLink).toMatch(new RegExp(`^${dv.apiUrl.replace(/\./g, '\\.')}/accounts\\?\\$select=name&\\$deltatoken=\\d+%21\\d{2}%2f\\d{2}%2f\\d{4}%20\\d{2}%3a\\d{2}%3a\\d{2}$`));

      const [created] = dv.create('account', [{ name: 'New since' }]);
      dv.update('account', [ids[1] as string], { name: 'Renamed' });
      dv.delete('account', [ids[2] as string]);
      const [ephemeral] = dv.create('account', [{ name: 'Created then deleted' }]);
      dv.delete('account', [ephemeral as string]);

      const res = await api(dv, token, deltaLink);
      expect(res.status).toBe(200);
      const delta = await json<Delta>(res);
      expect(delta['@odata.context']).toBe(`${dv.apiUrl}/$metadata#accounts(name)/$delta`);
      expect(delta.value.slice(0, 2).map((r) => [r['accountid'], r['name']])).toEqual([
        [created, 'New since'],
        [ids[1], 'Renamed'],
      ]);
      expect(delta.value.slice(2)).toEqual([
        { '@odata.context': `${dv.apiUrl}/$metadata#accounts/$deletedEntity`, id: ids[2], reason: 'deleted' },
        { '@odata.context': `${dv.apiUrl}/$metadata#accounts/$deletedEntity`, id: ephemeral, reason: 'deleted' },
      ]);
      expect(dv.counters.get('delta')).toBe(1);

      const quiet = await client.retrieveMultiple({ collection: 'accounts' }, delta['@odata.deltaLink']);
      expect(quiet.value).toEqual([]);
      expect(quiet.oDataDeltaLink).toBeDefined();
    });

    it('pages the initial read and the delta with odata.maxpagesize, keeping one snapshot', async () => {
      dv.seed('new_subscription', 25);
      const all = await client.retrieveAll({ collection: 'new_subscriptions', select: ['new_code'], trackChanges: true, maxPageSize: 10 });
      expect(all.value).toHaveLength(25);
      const deltaLink = all.oDataDeltaLink as string;
      const ids = dv.rows('new_subscription').map((r) => r['new_subscriptionid'] as string);
      dv.update('new_subscription', ids.slice(0, 12), { new_seats: 3 });
      dv.delete('new_subscription', ids.slice(20, 25));

      const seen: Record<string, unknown>[] = [];
      let next: string | undefined = deltaLink;
      let pages = 0;
      let last: Delta | undefined;
      while (next) {
        last = await json<Delta>(await api(dv, token, next, { headers: { Prefer: 'odata.maxpagesize=5' } }));
        seen.push(...last.value);
        next = last['@odata.nextLink'];
        pages++;
      }
      expect(pages).toBe(4);
      expect(seen.filter((r) => r['reason'] === 'deleted').map((r) => r['id'])).toEqual(ids.slice(20, 25));
      expect(seen.filter((r) => r['reason'] === undefined)).toHaveLength(12);
      expect(last?.['@odata.deltaLink']).toBeDefined();
    });

    it('refuses $filter, $orderby and $top with track-changes, and tables without change tracking', async () => {
      const filtered = await api(dv, token, "accounts?$filter=name eq 'x'", { headers: { Prefer: 'odata.track-changes' } });
      expect(filtered.status).toBe(400);
      expect(((await filtered.json()) as { error: { message: string } }).error.message).toBe(
        'The "$filter" query parameter isn\'t supported when Change Tracking is enabled.',
      );
      const lead = await api(dv, token, 'leads', { headers: { Prefer: 'odata.track-changes' } });
      expect(lead.status).toBe(400);
      expect(await lead.json()).toEqual({ error: { code: '0x80072491', message: "Entity lead isn't enabled for change tracking." } });
      const definition = await client.retrieveEntity({ key: "LogicalName='lead'", select: ['ChangeTrackingEnabled'] });
      expect(definition.ChangeTrackingEnabled).toBe(false);
    });

    it('expires delta tokens after ExpireChangeTrackingInDays with the "perform a full sync" error', async () => {
      dv.seed('contact', 2);
      const initial = await json<Delta>(await api(dv, token, 'contacts?$select=fullname', { headers: { Prefer: 'odata.track-changes' } }));
      const deltaLink = initial['@odata.deltaLink'] as string;
      dv.clock.advance(6 * DAY_MS);
      token = await fetchToken(dv);
      expect((await api(dv, token, deltaLink)).status).toBe(200);
      dv.clock.advance(2 * DAY_MS);
      token = await fetchToken(dv);
      const expired = await api(dv, token, deltaLink);
      expect(expired.status).toBe(400);
      expect(await expired.json()).toEqual({
        error: { code: '0x80044352', message: 'Version stamp associated with the client has expired. Please perform a full sync.' },
      });
      await expect(client.retrieveMultiple({ collection: 'contacts' }, deltaLink)).rejects.toMatchObject({ status: 400, code: '0x80044352' });
    });

    it('expires tokens issued before a truncate, and counts changes on the delta link with /$count', async () => {
      dv.seed('account', 3);
      const initial = await json<Delta>(await api(dv, token, 'accounts?$select=name', { headers: { Prefer: 'odata.track-changes' } }));
      const deltaToken = new URL(initial['@odata.deltaLink'] as string).searchParams.get('$deltatoken') as string;
      dv.create('account', [{ name: 'one' }, { name: 'two' }]);
      const count = await api(dv, token, `accounts/$count?$deltatoken=${encodeURIComponent(deltaToken)}`);
      expect(await count.text()).toBe('2');
      dv.truncate('account');
      const expired = await api(dv, token, initial['@odata.deltaLink'] as string);
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('0x80044352');
    });
  });
});
