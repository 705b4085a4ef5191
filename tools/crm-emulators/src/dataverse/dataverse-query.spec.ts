import type { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, json, startWithClient } from './test-support/dataverse-test-client';

type Page = { '@odata.context': string; '@odata.nextLink'?: string; '@odata.count'?: number; value: Record<string, unknown>[] };

describe(startDataverseEmulator.name, () => {
  describe('queries and paging', () => {
    let dv: DataverseEmulator;
    let token: string;
    let client: DynamicsWebApi;

    beforeAll(async () => {
      ({ dv, token, client } = await startWithClient());
      dv.seed('account', 1200);
    });
    afterAll(() => dv.close());
    beforeEach(() => dv.counters.reset());

    it('pages with odata.maxpagesize and an absolute nextLink carrying a paging cookie; retrieveAll reads every row once', async () => {
      const first = await api(dv, token, 'accounts?$select=name', { headers: { Prefer: 'odata.maxpagesize=500' } });
      expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=500');
      const page = await json<Page>(first);
      expect(page['@odata.context']).toBe(`${dv.apiUrl}/$metadata#accounts(name)`);
      expect(page.value).toHaveLength(500);
      expect(Object.keys(page.value[0] ?? {})).toEqual(['@odata.etag', 'name', 'accountid']);
      const next = new URL(page['@odata.nextLink'] ?? '');
      expect(next.origin + next.pathname).toBe(`${dv.apiUrl}/accounts`);
      expect(next.searchParams.get('$skiptoken')).toMatch(/^<cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e%3caccountid%20last%3d%22%7b[0-9A-F-]{36}%7d%22.*" istracking="False" \/>$/);

      const all = await client.retrieveAll<{ accountid: string }>({ collection: 'accounts', select: ['name'], maxPageSize: 500 });
      expect(all.value).toHaveLength(1200);
      expect(new Set(all.value.map((a) => a.accountid)).size).toBe(1200);
      expect(dv.counters.get('query')).toBe(2);
      expect(dv.counters.get('nextLink')).toBe(2);
    });

    it('caps pages at 5,000 whatever odata.maxpagesize asks, and at the configured maximum', async () => {
      const res = await api(dv, token, 'accounts?$select=name', { headers: { Prefer: 'odata.maxpagesize=9000' } });
      expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=5000');
      expect((await json<Page>(res)).value).toHaveLength(1200);
      dv.setMaxPageSize(1000);
      const capped = await json<Page>(await api(dv, token, 'accounts?$select=name'));
      expect(capped.value).toHaveLength(1000);
      expect(capped['@odata.nextLink']).toBeDefined();
      dv.setMaxPageSize(5000);
    });

    it('keeps paging stable while rows change: no row repeats or vanishes', async () => {
      const seen: string[] = [];
      let url: string | undefined = 'accounts?$select=accountid';
      let changed = false;
      while (url) {
        const page: Page = await json<Page>(await api(dv, token, url, { headers: { Prefer: 'odata.maxpagesize=300' } }));
        seen.push(...page.value.map((r) => r['accountid'] as string));
        if (!changed) {
          const ids = dv.rows('account').map((r) => r['accountid'] as string);
          dv.update('account', [ids[0] as string, ids[1100] as string], { name: 'Renamed during paging' });
          changed = true;
        }
        url = page['@odata.nextLink'];
      }
      expect(seen).toHaveLength(1200);
      expect(new Set(seen).size).toBe(1200);
    });

    it('filters with comparisons, and/or/not, contains, startswith, null checks and case-insensitive text', async () => {
      const [a, b] = dv.create('account', [
        { name: 'Contoso Pharmaceuticals', revenue: 5_000_000, industrycode: 7, creditonhold: true },
        { name: 'contoso Bikes', revenue: 10, industrycode: 7 },
      ]);
      const names = async (filter: string) => {
        const res = await client.retrieveMultiple<{ name: string }>({ collection: 'accounts', select: ['name'], filter, orderBy: ['name asc'] });
        return res.value.map((r) => r.name);
      };
      expect(await names("contains(name,'CONTOSO')")).toEqual(['contoso Bikes', 'Contoso Pharmaceuticals']);
      expect(await names("startswith(name,'contoso') and revenue gt 1000")).toEqual(['Contoso Pharmaceuticals']);
      expect(await names("startswith(name,'contoso') and not (creditonhold eq true)")).toEqual(['contoso Bikes']);
      expect(await names("(name eq 'contoso bikes' or revenue ge 5000000) and industrycode eq 7")).toEqual(['contoso Bikes', 'Contoso Pharmaceuticals']);
      expect(await names(`accountid eq ${a} or accountid eq ${b ?? ''}`)).toHaveLength(2);
      expect(await names("startswith(name,'contoso') and telephone1 eq null")).toHaveLength(2);
      expect(await names('Microsoft.Dynamics.CRM.In(PropertyName=\'industrycode\',PropertyValues=[\'7\'])')).toEqual(
        expect.arrayContaining(['contoso Bikes', 'Contoso Pharmaceuticals']),
      );
    });

    it('orders by columns, caps with $top, and counts up to 5,000 with $count', async () => {
      const top = await json<Page>(await api(dv, token, 'accounts?$select=numberofemployees&$orderby=numberofemployees desc,name asc&$top=3&$count=true'));
      expect(top.value.map((r) => r['numberofemployees'])).toEqual([1200, 1199, 1198]);
      expect(top['@odata.count']).toBe(1202);
      expect(top['@odata.nextLink']).toBeUndefined();
      const keys = Object.keys(top);
      expect(keys.indexOf('@odata.count')).toBeLessThan(keys.indexOf('value'));
      expect(await client.count({ collection: 'accounts' })).toBe(1202);
      const annotated = await json<Record<string, unknown>>(
        await api(dv, token, 'accounts?$select=name&$count=true', { headers: { Prefer: 'odata.maxpagesize=1,odata.include-annotations="Microsoft.Dynamics.CRM.*"' } }),
      );
      expect(annotated).toMatchObject({ '@odata.count': 1202, '@Microsoft.Dynamics.CRM.totalrecordcount': 1202, '@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded': false });
      // page-results.md: with odata.maxpagesize, $top is ignored.
      const both = await json<Page>(await api(dv, token, 'accounts?$select=name&$top=3', { headers: { Prefer: 'odata.maxpagesize=10' } }));
      expect(both.value).toHaveLength(10);
      expect(both['@odata.nextLink']).toBeDefined();
    });

    it('adds FormattedValue and lookup annotations when asked', async () => {
      const [parent] = dv.create('account', [{ name: 'Parent Co' }]);
      const [child] = dv.create('account', [
        { name: 'Child Co', revenue: 1234.5, industrycode: 1, creditonhold: false, 'parentaccountid@odata.bind': `/accounts(${parent})` },
      ]);
      const row = await client.retrieve<Record<string, unknown>>({
        collection: 'accounts',
        key: child as string,
        select: ['name', 'revenue', 'industrycode', 'creditonhold', '_parentaccountid_value', 'createdon'],
        includeAnnotations: '*',
      });
      expect(row['revenue@OData.Community.Display.V1.FormattedValue']).toBe('$1,234.50');
      expect(row['industrycode@OData.Community.Display.V1.FormattedValue']).toBe('Accounting');
      expect(row['creditonhold@OData.Community.Display.V1.FormattedValue']).toBe('No');
      expect(row['_parentaccountid_value']).toBe(parent);
      expect(row['_parentaccountid_value@OData.Community.Display.V1.FormattedValue']).toBe('Parent Co');
      expect(row['_parentaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
      expect(row['_parentaccountid_value_Formatted']).toBe('Parent Co');
      expect(row['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} [AP]M$/);
      const plain = await json<Record<string, unknown>>(await api(dv, token, `accounts(${child})?$select=revenue`));
      expect(Object.keys(plain)).toEqual(['@odata.context', '@odata.etag', 'revenue', 'accountid']);
    });

    it('answers wire-level errors like Dataverse: $skip, unknown properties, bad syntax, unknown sets', async () => {
      const skip = await api(dv, token, 'accounts?$skip=10');
      expect(skip.status).toBe(400);
      expect(await skip.json()).toEqual({ error: { code: '0x0', message: 'The query parameter $skip is not supported' } });
      const unknown = await api(dv, token, 'accounts?$select=Name');
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toEqual({ error: { code: '0x80060888', message: "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'." } });
      const syntax = await json<{ error: { code: string; message: string } }>(await api(dv, token, "accounts?$filter=name eq 'x' and"));
      expect(syntax.error.code).toBe('0x80060888');
      const types = await api(dv, token, "accounts?$filter=revenue eq 'x'");
      expect(((await types.json()) as { error: { message: string } }).error.message).toMatch(/incompatible types.*'Edm.Decimal' and 'Edm.String'/);
      const set = await api(dv, token, 'Account');
      expect(set.status).toBe(404);
      expect(await set.json()).toEqual({ error: { code: '0x8006088a', message: "Resource not found for the segment 'Account'." } });
    });

    it('reads a row by id or alternate key and answers 304 for an unchanged etag', async () => {
      const [id] = dv.create('new_subscription', [{ new_name: 'Gold', new_code: 'A-1' }]);
      const byKey = await json<Record<string, unknown>>(await api(dv, token, "new_subscriptions(new_code='A-1')?$select=new_name"));
      expect(byKey['new_subscriptionid']).toBe(id);
      const etag = byKey['@odata.etag'] as string;
      expect((await api(dv, token, `new_subscriptions(${id})?$select=new_name`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
      const missing = await api(dv, token, "new_subscriptions(new_code='nope')");
      expect(missing.status).toBe(404);
    });
  });
});
