import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure, rest } from '../test-support/salesforce-test-kit';
import { queryRoutes } from './query-routes';

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

describe(queryRoutes.name, () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  let accountIds: string[];
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ queryPageSize: 250 });
    accountIds = sf.seed('Account', 1000, { sameModstampEvery: 100 });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());
  beforeEach(() => sf.counters.reset());

  it('pages with nextRecordsUrl; jsforce autoFetch reads every record once', async () => {
    const { records } = await conn.query('SELECT Id, Name FROM Account ORDER BY SystemModstamp, Id').execute({ autoFetch: true, maxFetch: 100_000 });
    expect(records.map((r) => r['Id'])).toEqual(accountIds);
    expect(sf.counters.snapshot()).toEqual({ query: 1, queryMore: 3 });
  });

  it('answers queryMore (jsforce) and nextRecordsUrl under any supported API version', async () => {
    const first = await conn.query('SELECT Id FROM Account');
    expect([first.totalSize, first.done, first.records.length]).toEqual([1000, false, 250]);
    const second = await conn.queryMore(first.nextRecordsUrl as string);
    expect(second.records[0]?.['Id']).toBe(accountIds[250]);
    const raw = (await (await rest(conn, `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`)).json()) as Page;
    expect(raw.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-250$/);
    const other = await rest(conn, `${conn.instanceUrl}${(raw.nextRecordsUrl as string).replace('v62.0', 'v58.0')}`);
    expect(((await other.json()) as Page).records[0]?.['Id']).toBe(accountIds[250]);
  });

  it('keeps a cursor stable while records change between pages', async () => {
    const first = (await (await rest(conn, `/query?q=${encodeURIComponent('SELECT Id, Name FROM Account ORDER BY Id')}`)).json()) as Page;
    const later = accountIds.slice(600, 610);
    sf.update('Account', later, { Name: 'Changed while paging' });
    sf.delete('Account', accountIds.slice(700, 705));
    sf.create('Account', [{ Name: 'Created while paging' }]);
    const seen = [...first.records];
    let next = first.nextRecordsUrl;
    while (next) {
      const page = (await (await rest(conn, `${conn.instanceUrl}${next}`)).json()) as Page;
      seen.push(...page.records);
      next = page.nextRecordsUrl;
    }
    expect(seen.map((r) => r['Id'])).toEqual(accountIds);
    expect(seen.some((r) => r['Name'] === 'Changed while paging' || r['Name'] === 'Created while paging')).toBe(false);
    const fresh = await conn.query("SELECT Id FROM Account WHERE Name = 'Changed while paging'");
    expect(fresh.totalSize).toBe(10);
  });

  it('honours Sforce-Query-Options batchSize within 200..2000', async () => {
    const page = async (batchSize: number) =>
      (await (await rest(conn, `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, { headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` } })).json()) as Page;
    expect((await page(300)).records).toHaveLength(300);
    expect((await page(50)).records).toHaveLength(200);
    expect((await page(5000)).records.length).toBeLessThanOrEqual(2000);
  });

  it('includes soft-deleted rows in queryAll (jsforce scanAll)', async () => {
    const deleted = await conn.query('SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true').scanAll(true).execute();
    expect(deleted.records.map((r) => r['Id'])).toEqual(accountIds.slice(700, 705));
    expect(deleted.records.every((r) => r['IsDeleted'] === true)).toBe(true);
    expect((await conn.query('SELECT COUNT() FROM Account WHERE IsDeleted = true')).totalSize).toBe(0);
    expect(sf.counters.get('queryAll')).toBe(1);
  });

  it('writes doubles the way Salesforce does (Java notation), which jsforce reads as numbers', async () => {
    const [id] = sf.create('Account', [{ Name: 'Big', AnnualRevenue: 12345678, NumberOfEmployees: 5000, BillingLatitude: 52.5 }]);
    const soql = `SELECT AnnualRevenue, NumberOfEmployees, BillingAddress FROM Account WHERE Id = '${id}'`;
    const text = await (await rest(conn, `/query?q=${encodeURIComponent(soql)}`)).text();
    expect(text).toContain('"AnnualRevenue":1.2345678E7,"NumberOfEmployees":5000');
    expect(text).toContain('"latitude":52.5,');
    expect((await conn.query(soql)).records[0]).toMatchObject({ AnnualRevenue: 12345678, NumberOfEmployees: 5000 });
    sf.delete('Account', [id as string]);
  });

  it('refuses unknown or expired locators with INVALID_QUERY_LOCATOR', async () => {
    const first = await conn.query('SELECT Id FROM Account');
    const bad = await rest(conn, '/query/01gXXXXXXXXXXXXXXX-250');
    expect([bad.status, await bad.json()]).toEqual([400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]]);
    sf.clock.advance(2 * 24 * 3600_000 + 1000);
    const fresh = await connect(sf);
    expect((await failure(fresh.queryMore(first.nextRecordsUrl as string))).errorCode).toBe('INVALID_QUERY_LOCATOR');
    conn = fresh; // the old session timed out while the clock moved
  });

  it('answers SOQL errors in the REST error shape, mapped by jsforce to errorCode', async () => {
    const res = await rest(conn, `/query?q=${encodeURIComponent('SELECT Id FROM Account WHERE')}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: '\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>', errorCode: 'MALFORMED_QUERY' }]);
    expect((await failure(conn.query('SELECT Bogus__c FROM Account'))).errorCode).toBe('INVALID_FIELD');
    expect((await rest(conn, '/query')).status).toBe(400);
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Acme%'")).records).toEqual([]);
  });
});
