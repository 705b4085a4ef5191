import { EdmV4, OData } from '@odata/client';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { fetchToken } from './test-support/dataverse-test-client';

/**
 * crm-protocols.md warns that @odata/client 2.21's `EntitySet.query()` returns only the first page and
 * drops `@odata.nextLink`. The emulator pages like Dataverse, so the pitfall shows here too, and the
 * documented way out (follow the next link with `requestUri`) reads every row.
 */
describe(startDataverseEmulator.name, () => {
  describe('with @odata/client 2.21', () => {
    let dv: DataverseEmulator;
    let headers: Record<string, string>;

    beforeAll(async () => {
      dv = await startDataverseEmulator();
      dv.seed('account', 25);
      headers = { Authorization: `Bearer ${await fetchToken(dv)}`, Prefer: 'odata.maxpagesize=10', Accept: 'application/json' };
    });
    afterAll(() => dv.close());

    it('EntitySet.query() returns only the first page although the body carries @odata.nextLink', async () => {
      const client = OData.New4({ serviceEndpoint: `${dv.apiUrl}/`, commonHeaders: headers });
      const rows = await client.getEntitySet('accounts').query(client.newOptions().select('name'));
      expect(rows).toHaveLength(10);

      const raw = (await client.newRequest({ collection: 'accounts', params: client.newOptions().select('name') })) as unknown as Record<string, unknown>;
      expect(raw['@odata.nextLink']).toMatch(/\$skiptoken=/);

      const all: unknown[] = [];
      let page = raw;
      for (;;) {
        all.push(...(page['value'] as unknown[]));
        const next = page['@odata.nextLink'];
        if (typeof next !== 'string') break;
        // requestUri is what the library uses internally; its 2.21 typings mark it private.
        page = (await (client as unknown as { requestUri(uri: string): Promise<Record<string, unknown>> }).requestUri(next));
      }
      expect(all).toHaveLength(25);
      expect(dv.counters.get('nextLink')).toBe(2);
    });

    it('accepts the literals EdmV4 writes, and refuses the quotes @odata/client leaves unescaped', async () => {
      const client = OData.New4({ serviceEndpoint: `${dv.apiUrl}/`, commonHeaders: headers });
      const accounts = client.getEntitySet<{ name: string }>('accounts');
      const since = EdmV4.DateTimeOffset.from(new Date('2026-01-01T00:00:20.000Z'));
      const escaped = client.newFilter().field('modifiedon').ge(since).field('name').ne("Account O''Hara");
      const rows = await accounts.query(client.newOptions().filter(escaped).select('name'));
      expect(rows.map((r) => r.name)).toEqual(['Account 21', 'Account 22', 'Account 23', 'Account 24', 'Account 25']);
      // The library writes `'Account O'Hara'`: the quote must be doubled by the caller, or the service refuses the filter.
      const raw = client.newFilter().field('name').ne("Account O'Hara");
      await expect(accounts.query(client.newOptions().filter(raw))).rejects.toThrow(/Syntax error at position/);
    });
  });
});
