import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from './start-salesforce-emulator';
import type { SalesforceEmulator } from './salesforce-emulator.types';
import { API_VERSION, connect, failure, rest } from './test-support/salesforce-test-kit';

describe(startSalesforceEmulator.name, () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ dailyApiLimit: 50_000, apiVersions: ['60.0', '61.0', '62.0'] });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());
  beforeEach(() => sf.faults.clear());

  it('lists its API versions without authentication and 404s the others', async () => {
    const versions = await (await fetch(`${sf.url}/services/data/`)).json();
    expect(versions).toEqual([
      { label: "Spring '24", url: '/services/data/v60.0', version: '60.0' },
      { label: "Summer '24", url: '/services/data/v61.0', version: '61.0' },
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
    ]);
    const old = await rest(conn, `${sf.instanceUrl}/services/data/v57.0/limits`);
    expect([old.status, await old.json()]).toEqual([404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]]);
    expect(await (await rest(conn, '/')).json()).toMatchObject({ sobjects: '/services/data/v62.0/sobjects', 'jobs/ingest': '/services/data/v62.0/jobs/ingest' });
  });

  it('reports Sforce-Limit-Info on every API answer (jsforce reads it into limitInfo) and /limits', async () => {
    sf.setApiUsage(100);
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 101, limit: 50_000 } });
    const error = await rest(conn, '/sobjects/Nope/describe');
    expect(error.headers.get('sforce-limit-info')).toBe('api-usage=102/50000');
    const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
    expect(limits['DailyApiRequests']).toEqual({ Max: 50_000, Remaining: 50_000 - 103 });
    expect(limits['DailyBulkV2QueryJobs']).toEqual({ Max: 10_000, Remaining: 10_000 });
  });

  it('answers with a Date header from the org clock, which the emulator moves', async () => {
    sf.clock.advance(3600_000);
    const res = await rest(conn, '/limits');
    expect(Math.abs(Date.parse(res.headers.get('date') as string) - sf.clock.nowMs())).toBeLessThan(2000);
    expect(Math.abs(Date.parse(res.headers.get('date') as string) - Date.now())).toBeGreaterThan(3000_000);
  });

  it('refuses calls past the daily allocation with 403 REQUEST_LIMIT_EXCEEDED, over a rolling 24 hours', async () => {
    sf.setApiUsage(49_999);
    expect((await rest(conn, '/limits')).status).toBe(200);
    const refused = await rest(conn, '/limits');
    expect([refused.status, await refused.json()]).toEqual([403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]]);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=50000/50000');
    expect((await failure(conn.query('SELECT Id FROM Lead'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    sf.clock.advance(24 * 3600_000 + 60_000);
    conn = await connect(sf);
    expect(sf.apiUsage()).toEqual({ used: 0, limit: 50_000 });
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(0);
  });

  it('injects outages (503), bursts (403 ConcurrentRequests), resets, truncated and slow answers', async () => {
    sf.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1 });
    const outage = await rest(conn, '/limits');
    expect([outage.status, await outage.json()]).toEqual([503, [{ message: 'Server temporarily unavailable. Please try again later.', errorCode: 'SERVER_UNAVAILABLE' }]]);
    sf.faults.configure({ rate: 0, kinds: ['throttle'], next: 1, endpoints: ['query'] });
    expect((await rest(conn, '/limits')).status).toBe(200);
    const burst = await failure(conn.query('SELECT Id FROM Account'));
    expect([burst.errorCode, burst.message]).toEqual(['REQUEST_LIMIT_EXCEEDED', 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.']);
    sf.faults.configure({ rate: 0, kinds: ['reset'], next: 1 });
    await expect(rest(conn, '/limits')).rejects.toThrow(/fetch failed/);
    // jsforce 3.10.16 retries GETs (not POST/PATCH) after a reset or a 5xx, after 500 ms: two calls arrive.
    sf.counters.reset();
    sf.faults.configure({ rate: 0, kinds: ['reset'], next: 1, endpoints: ['query'] });
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
    expect(sf.counters.get('query')).toBe(2);
    sf.faults.configure({ rate: 0, kinds: ['truncate'], next: 1 });
    await expect(rest(conn, '/sobjects/Account/describe').then((r) => r.json())).rejects.toThrow();
    sf.faults.configure({ rate: 0, kinds: ['slow'], next: 1, slowMs: 150 });
    const started = Date.now();
    expect((await rest(conn, '/limits')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('injects random faults reproducibly and keeps injected failures out of the daily usage', async () => {
    const run = async () => {
      sf.faults.configure({ rate: 0.5, kinds: ['unavailable'], seed: 7, endpoints: ['limits'] });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await rest(conn, '/limits')).status);
      return statuses;
    };
    const before = sf.apiUsage().used;
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toEqual(expect.arrayContaining([200, 503]));
    expect(sf.apiUsage().used - before).toBe(first.filter((s) => s === 200).length * 2);
  });

  it('counts calls per endpoint kind, not the control routes', async () => {
    sf.counters.reset();
    const fresh = await connect(sf);
    await fresh.describeGlobal();
    await fresh.describe('Account');
    await fresh.query('SELECT Id FROM Account');
    await fresh.sobject('Lead').create([{ LastName: 'x', Company: 'y' }]);
    await fresh.sobject('Lead').updated(new Date(sf.clock.nowMs() - 3600_000), sf.clock.now());
    await fresh.sobject('Lead').deleted(new Date(sf.clock.nowMs() - 3600_000), sf.clock.now());
    await fetch(`${sf.url}/__emulator/counters`);
    expect(sf.counters.snapshot()).toEqual({ 'composite.sobjects': 1, describe: 1, describeGlobal: 1, getDeleted: 1, getUpdated: 1, query: 1, token: 1 });
    expect(fresh.version).toBe(API_VERSION);
  });
});
