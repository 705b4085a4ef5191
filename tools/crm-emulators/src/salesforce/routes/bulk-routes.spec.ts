import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure, rest } from '../test-support/salesforce-test-kit';
import { bulkIngestRoutes } from './bulk-ingest-routes';
import { bulkQueryRoutes } from './bulk-query-routes';

type Row = Record<string, string | null>;
function collect(stream: NodeJS.EventEmitter): Promise<Row[]> {
  const rows: Row[] = [];
  return new Promise((resolve, reject) => {
    stream.on('record', (r: Row) => rows.push(r));
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
  });
}

let sf: SalesforceEmulator;
let conn: Connection;
let accounts: string[];
beforeAll(async () => {
  sf = await startSalesforceEmulator({ bulkPageSize: 500 });
  accounts = sf.seed('Account', 1200, { sameModstampEvery: 100 });
  conn = await connect(sf);
});
afterAll(() => sf.close());

describe(bulkQueryRoutes.name, () => {
  it('runs Bulk API 2.0 queries with jsforce', async () => {
    sf.counters.reset();
    const rows = await collect(await conn.bulk2.query('SELECT Id, Name, SystemModstamp, Description FROM Account ORDER BY Id LIMIT 500'));
    expect(rows.map((r) => r['Id'])).toEqual(accounts.slice(0, 500));
    expect(rows[0]?.['SystemModstamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(sf.counters.snapshot()).toEqual({ 'bulk2.query': 3 });
  });

  it('pages results by Sforce-Locator with the CSV header on every page, as Salesforce does', async () => {
    // jsforce 3.10.16 pipes every page into one CSV stream (header rows become records, or "write after end"):
    // clients must page themselves for results over one page.
    const job = (await (await rest(conn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account ORDER BY Id' }) })).json()) as { id: string };
    const ids: string[] = [];
    let locator = '';
    do {
      const page = await rest(conn, `/jobs/query/${job.id}/results${locator ? `?locator=${locator}` : ''}`);
      const [header, ...lines] = (await page.text()).trim().split('\n');
      expect(header).toBe('"Id"');
      expect(Number(page.headers.get('sforce-numberofrecords'))).toBe(lines.length);
      ids.push(...lines.map((l) => JSON.parse(l) as string));
      locator = page.headers.get('sforce-locator') ?? 'null';
    } while (locator !== 'null');
    expect(ids).toEqual(accounts);
  });

  it('answers results with Sforce-Locator / Sforce-NumberOfRecords and quoted CSV', async () => {
    const created = await rest(conn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name, Description FROM Account ORDER BY Id LIMIT 3' }) });
    const job = (await created.json()) as { id: string; state: string };
    expect(job).toMatchObject({ state: 'UploadComplete', operation: 'query', object: 'Account', contentType: 'CSV', apiVersion: 62 });
    const info = (await (await rest(conn, `/jobs/query/${job.id}`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: 3 });
    const first = await rest(conn, `/jobs/query/${job.id}/results?maxRecords=2`);
    expect(first.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(first.headers.get('sforce-numberofrecords')).toBe('2');
    const locator = first.headers.get('sforce-locator') as string;
    expect(locator).not.toBe('null');
    const [header, line] = (await first.text()).split('\n');
    expect(header).toBe('"Id","Name","Description"');
    expect(line).toMatch(/^"001[A-Za-z0-9]{15}","[^"]+",(""|"Seeded account \d+")$/);
    const last = await rest(conn, `/jobs/query/${job.id}/results?locator=${locator}&maxRecords=2`);
    expect([last.headers.get('sforce-locator'), last.headers.get('sforce-numberofrecords')]).toEqual(['null', '1']);
  });

  it('refuses compound fields in Bulk queries and includes deleted rows for queryAll', async () => {
    const err = await failure(conn.bulk2.query('SELECT Id, BillingAddress FROM Account'));
    expect(err.message).toBe('Selecting compound data not supported in Bulk Query');
    sf.delete('Account', accounts.slice(0, 2));
    const rows = await collect(await conn.bulk2.query('SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true', { scanAll: true }));
    expect(rows.map((r) => [r['Id'], r['IsDeleted']])).toEqual(accounts.slice(0, 2).map((id) => [id, 'true']));
  });

  it('can keep jobs InProgress for some status checks, as a busy org does', async () => {
    const slow = await startSalesforceEmulator({ bulkJobInProgressPolls: 2 });
    try {
      slow.seed('Lead', 3);
      const slowConn = await connect(slow);
      const job = (await (await rest(slowConn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Lead' }) })).json()) as { id: string };
      expect((await rest(slowConn, `/jobs/query/${job.id}/results`)).status).toBe(400);
      const states = [];
      for (let i = 0; i < 3; i++) states.push(((await (await rest(slowConn, `/jobs/query/${job.id}`)).json()) as { state: string }).state);
      expect(states).toEqual(['InProgress', 'InProgress', 'JobComplete']);
      slowConn.bulk2.pollInterval = 10;
      expect(await collect(await slowConn.bulk2.query('SELECT Id FROM Lead'))).toHaveLength(3);
    } finally {
      await slow.close();
    }
  });

  it('serves a locator again later, fails result pages on demand, and forgets purged or 7-day-old jobs', async () => {
    const create = async () =>
      ((await (await rest(conn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }) })).json()) as { id: string }).id;
    const page = (id: string, locator?: string) => rest(conn, `/jobs/query/${id}/results?maxRecords=400${locator ? `&locator=${locator}` : ''}`);
    const job = await create();
    const first = await page(job);
    const locator = first.headers.get('sforce-locator') as string;
    const second = await (await page(job, locator)).text();
    expect(await (await page(job, locator)).text()).toBe(second); // a locator is a position, not a one-shot cursor

    sf.failBulkResults({ afterPages: 1, times: 2 });
    expect((await page(job, locator)).status).toBe(200);
    const failed = await page(job, locator);
    expect([failed.status, await failed.json()]).toEqual([503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable. Please try again later.' }]]);
    expect((await page(job, locator)).status).toBe(503);
    expect((await page(job, locator)).status).toBe(200); // `times` used up
    sf.failBulkResults({});
    expect((await rest(conn, `/jobs/query/${job}`)).status).toBe(200); // status checks are not faulted
    expect((await page(job, locator)).status).toBe(503);
    sf.failBulkResults(null);

    sf.purgeBulkJobs();
    expect((await page(job, locator)).status).toBe(404);
    const old = await create();
    sf.clock.advance(7 * 86_400_000 + 1_000);
    conn = await connect(sf); // the session expired meanwhile
    const gone = await page(old);
    expect([gone.status, ((await gone.json()) as { errorCode: string }[])[0]?.errorCode]).toEqual([404, 'NOT_FOUND']);
  });
});

describe(bulkIngestRoutes.name, () => {
  it('loads CSV with loadAndWaitForResults: successful, failed (with sf__Error) and unprocessed results', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'insert',
      input: [{ LastName: 'Bulk', Email: 'bulk@example.com' }, { FirstName: 'NoLastName' }, { LastName: 'Two', Birthdate: '2001-02-03' }],
    });
    expect(results.successfulResults.map((r) => [r.sf__Created, (r as unknown as Record<string, string>)['LastName']])).toEqual([['true', 'Bulk'], ['true', 'Two']]);
    expect(results.failedResults.map((r) => [r.sf__Id, r.sf__Error])).toEqual([['', 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --']]);
    expect(results.unprocessedRecords).toEqual([]);
    const id = results.successfulResults[0]?.sf__Id as string;
    expect((await conn.sobject('Contact').retrieve(id))['Email']).toBe('bulk@example.com');
  });

  it('upserts by external id, clears fields with #N/A, deletes and hard-deletes', async () => {
    const csv = 'External_Id__c,Name,Start_Date__c,Amount__c\nB-1,First,2026-01-01,10\nB-2,Second,2026-01-02,20\n';
    const inserted = await conn.bulk2.loadAndWaitForResults({ object: 'Subscription__c', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: csv });
    expect(inserted.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);
    const updated = await conn.bulk2.loadAndWaitForResults({
      object: 'Subscription__c', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: 'External_Id__c,Amount__c,Name\nb-1,#N/A,\n',
    });
    expect(updated.successfulResults.map((r) => [r.sf__Created, r.sf__Id])).toEqual([['false', inserted.successfulResults[0]?.sf__Id]]);
    const row = (await conn.query("SELECT Name, Amount__c FROM Subscription__c WHERE External_Id__c = 'B-1'")).records[0];
    expect(row).toMatchObject({ Name: 'First', Amount__c: null });
    const ids = inserted.successfulResults.map((r) => r.sf__Id);
    await conn.bulk2.loadAndWaitForResults({ object: 'Subscription__c', operation: 'delete', input: `Id\n${ids[0]}\n` });
    await conn.bulk2.loadAndWaitForResults({ object: 'Subscription__c', operation: 'hardDelete', input: `Id\n${ids[1]}\n` });
    const all = await conn.query("SELECT Id, IsDeleted FROM Subscription__c WHERE External_Id__c LIKE 'B-%'").scanAll(true).execute();
    expect(all.records.map((r) => [r['Id'], r['IsDeleted']])).toEqual([[ids[0], true]]);
  });

  it('fails a job whose CSV names an unknown field, leaving every row unprocessed', async () => {
    const err = await failure(conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input: 'LastName,Bogus__c\nx,y\n' }));
    expect(err.message).toBe('Ingest job failed to complete due to: InvalidBatch : Field name not found : Bogus__c');
    const job = conn.bulk2.createJob({ object: 'Lead', operation: 'insert' });
    await job.open();
    await job.uploadData('LastName,Company\nA,B\nC,D\n');
    await job.abort();
    expect(await job.getUnprocessedRecords()).toEqual([{ LastName: 'A', Company: 'B' }, { LastName: 'C', Company: 'D' }]);
  });
});
