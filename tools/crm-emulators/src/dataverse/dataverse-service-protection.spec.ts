import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, fetchToken, json, webApiClient } from './test-support/dataverse-test-client';

describe(startDataverseEmulator.name, () => {
  describe('service protection, faults and control routes', () => {
    let dv: DataverseEmulator;
    let token: string;

    beforeEach(async () => {
      dv = await startDataverseEmulator({ requestLimit: { requests: 3, windowMs: 60_000 } });
      token = await fetchToken(dv);
    });
    afterEach(() => dv.close());

    it('answers 429 with Retry-After and the documented error past the request limit, until the window slides', async () => {
      for (let i = 0; i < 3; i++) expect((await api(dv, token, 'accounts')).status).toBe(200);
      const throttled = await api(dv, token, 'accounts');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('60');
      expect(await throttled.json()).toEqual({
        error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 3 over time window of 60 seconds.' },
      });
      dv.clock.advance(60_001);
      const after = await api(dv, token, 'accounts');
      expect(after.status).toBe(200);
      expect(after.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe('2');
      expect(Date.parse(after.headers.get('date') as string)).toBeGreaterThanOrEqual(Math.floor(dv.clock.nowMs() / 1000) * 1000 - 1000);
      expect(Date.parse(after.headers.get('date') as string) - Date.now()).toBeGreaterThan(55_000);
      dv.setRequestLimit({ requests: 0, windowMs: 1000 });
      expect((await api(dv, token, 'accounts')).status).toBe(429);
    });

    it('counts every operation of a $batch, and dynamics-web-api surfaces the 429', async () => {
      dv.setRequestLimit({ requests: 2, windowMs: 300_000, retryAfterSeconds: 7 });
      const client = webApiClient(dv, () => token);
      client.startBatch();
      client.retrieveMultiple({ collection: 'accounts' });
      client.retrieveMultiple({ collection: 'contacts' });
      client.retrieveMultiple({ collection: 'leads' });
      await expect(client.executeBatch()).rejects.toMatchObject({ status: 429, code: '0x80072322', headers: expect.objectContaining({ 'retry-after': '7' }) });
      dv.setRequestLimit(undefined);
      expect((await api(dv, token, 'accounts')).status).toBe(200);
    });

    it('injects faults per endpoint kind: a throttled or failed nextLink, a reset connection', async () => {
      dv.setRequestLimit(undefined);
      dv.seed('account', 30);
      dv.faults.configure({ rate: 0, kinds: ['throttle'], next: 1, endpoints: ['nextLink'] });
      const first = await json<{ '@odata.nextLink': string }>(await api(dv, token, 'accounts', { headers: { Prefer: 'odata.maxpagesize=10' } }));
      const throttled = await api(dv, token, first['@odata.nextLink'], { headers: { Prefer: 'odata.maxpagesize=10' } });
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('5');
      expect((await api(dv, token, first['@odata.nextLink'], { headers: { Prefer: 'odata.maxpagesize=10' } })).status).toBe(200);
      dv.faults.configure({ rate: 0, kinds: ['reset'], next: 1, endpoints: ['upsert'] });
      await expect(api(dv, token, 'accounts(6a6f7e2e-8f1c-4c8f-9a5e-0c2b8d1e0009)', { method: 'PATCH', body: '{}' })).rejects.toThrow(/fetch failed/);
      dv.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1, endpoints: ['token'] });
      await expect(fetchToken(dv)).rejects.toThrow(/503/);
      expect(dv.counters.snapshot()).toMatchObject({ query: 1, nextLink: 2, upsert: 1, token: 2 });
    });

    it('mirrors the control interface under /__emulator/ (not counted, no auth)', async () => {
      const admin = (path: string, method = 'GET', body?: object) =>
        fetch(`${dv.url}/__emulator${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      const info = await json<{ tokenEndpoint: string; credentials: { clientId: string } }>(await admin('/info'));
      expect(info.tokenEndpoint).toBe(dv.tokenEndpoint);
      expect(info.credentials.clientId).toBe(dv.credentials.clientId);
      const seeded = await json<{ ids: string[] }>(await admin('/tables/lead/seed', 'POST', { count: 4 }));
      expect(seeded.ids).toHaveLength(4);
      await admin('/tables/lead/rows', 'PATCH', { ids: seeded.ids.slice(0, 1), changes: { subject: 'Changed' }, modifiedOn: '2026-03-01T00:00:00Z' });
      await admin('/tables/lead/delete', 'POST', { ids: seeded.ids.slice(3) });
      const rows = await json<Record<string, unknown>[]>(await admin('/tables/lead/rows'));
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({ subject: 'Changed', modifiedon: '2026-03-01T00:00:00Z' });
      await admin('/clock', 'POST', { advanceMs: 3_600_000 });
      expect((await api(dv, token, 'leads')).status).toBe(401);
      const bad = await admin('/tables/nope/seed', 'POST', { count: 1 });
      expect(bad.status).toBe(400);
      expect(await json<Record<string, number>>(await admin('/counters'))).toEqual({ token: 1, query: 1 });
    });
  });
});
