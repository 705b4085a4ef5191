import type { HubSpotEmulator } from './hubspot-emulator.types';
import { startHubSpotEmulator } from './start-hubspot-emulator';
import { api, json, oauthToken } from './test-support/hubspot-test-client';

describe('HubSpot emulator: rate limits, faults, auth and the control routes', () => {
  let hs: HubSpotEmulator;
  beforeEach(async () => (hs = await startHubSpotEmulator({ rateLimits: { tenSecondly: { max: 3, windowMs: 10_000 }, daily: 5, searchPerSecond: 2 } })));
  afterEach(() => hs.close());

  it('reports the burst window and the daily allowance in X-HubSpot-RateLimit-* headers, and answers 429s past them', async () => {
    const first = await api(hs, '/crm/v3/objects/contacts?limit=1');
    expect(Object.fromEntries([...first.headers].filter(([h]) => h.startsWith('x-hubspot-ratelimit')))).toEqual({
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '3',
      'x-hubspot-ratelimit-remaining': '2',
      'x-hubspot-ratelimit-secondly': '1',
      'x-hubspot-ratelimit-secondly-remaining': '0',
      'x-hubspot-ratelimit-daily': '5',
      'x-hubspot-ratelimit-daily-remaining': '4',
    });
    await api(hs, '/crm/v3/objects/contacts?limit=1');
    await api(hs, '/crm/v3/objects/contacts?limit=1');
    const throttled = await api(hs, '/crm/v3/objects/contacts?limit=1');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(await json(throttled)).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' });
    hs.clock.advance(10_001);
    expect((await api(hs, '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
    hs.clock.advance(10_001);
    hs.setDailyUsage(5);
    expect(await json(await api(hs, '/crm/v3/objects/contacts?limit=1'))).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    hs.clock.advance(86_400_000); // the next day
    expect((await api(hs, '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });

  it('limits search to its own requests per second, without rate-limit headers; OAuth calls carry no daily headers', async () => {
    hs.setRateLimits({ tenSecondly: { max: 100, windowMs: 10_000 }, daily: 1000 });
    const search = () => api(hs, '/crm/v3/objects/contacts/search', { body: {} });
    const ok = await search();
    expect(ok.status).toBe(200);
    expect([...ok.headers.keys()].some((h) => h.startsWith('x-hubspot-ratelimit'))).toBe(false);
    await search();
    const limited = await search();
    expect(limited.status).toBe(429);
    expect(await json(limited)).toMatchObject({ policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
    hs.clock.advance(1001);
    expect((await search()).status).toBe(200);
    const token = await oauthToken(hs);
    const oauth = await api(hs, '/crm/v3/objects/contacts?limit=1', { token });
    expect(oauth.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(oauth.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
  });

  it('refuses missing and unknown tokens, and injects faults per endpoint kind', async () => {
    hs.setRateLimits({ tenSecondly: { max: 100, windowMs: 10_000 }, daily: 1000 });
    const unknown = await api(hs, '/crm/v3/objects/contacts', { token: 'pat-na1-nope' });
    expect(unknown.status).toBe(401);
    expect(await json(unknown)).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    expect((await api(hs, '/crm/v3/objects/nothing')).status).toBe(400);
    hs.faults.configure({ rate: 0, kinds: ['throttle'], next: 1, endpoints: ['batch.read'] });
    expect((await api(hs, '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
    const faulted = await api(hs, '/crm/v3/objects/contacts/batch/read', { body: { inputs: [] } });
    expect(faulted.status).toBe(429);
    expect(await json(faulted)).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
    hs.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1 });
    expect((await api(hs, '/crm/v3/properties/contacts')).status).toBe(503);
    // Calls refused for their token or object type are counted too: they reached the API.
    expect(hs.counters.snapshot()).toEqual({ 'objects.list': 3, 'batch.read': 1, properties: 1 });
  });

  it('mirrors the control interface under /__emulator/ (not counted, no auth), and seeds deterministically', async () => {
    const admin = (path: string, method = 'GET', body?: object) =>
      fetch(`${hs.url}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const seeded = await json<{ ids: string[] }>(await admin('/objects/subscriptions/seed', 'POST', { count: 4, options: { modifiedAt: '2026-02-01T08:00:00.000Z', sameModifiedEvery: 2 } }));
    expect(seeded.ids).toHaveLength(4);
    const rows = await json<{ id: string; updatedAt: string; properties: Record<string, string | null> }[]>(await admin('/objects/subscriptions/records'));
    expect(rows.map((r) => r.updatedAt)).toEqual(['2026-02-01T08:00:00.000Z', '2026-02-01T08:00:00.000Z', '2026-02-01T08:00:01.000Z', '2026-02-01T08:00:01.000Z']);
    expect(rows[0]?.properties).toMatchObject({ name: 'Subscription 1', code: 'S-0000001', amount: '11.9', annual_value: '142.8', features: 'api' });
    await admin('/objects/subscriptions/records', 'PATCH', { ids: [seeded.ids[0]], changes: { plan: 'enterprise' }, modifiedAt: '2026-03-01T00:00:00.000Z' });
    await admin('/objects/subscriptions/archive', 'POST', { ids: [seeded.ids[3]] });
    expect(await json(await admin(`/objects/subscriptions/records/${seeded.ids[0]}`))).toMatchObject({ updatedAt: '2026-03-01T00:00:00.000Z', properties: { plan: 'enterprise' } });
    expect((await json<unknown[]>(await admin('/objects/subscriptions/records?archived=true'))).length).toBe(1);
    expect((await admin('/objects/subscriptions/records', 'POST', { records: [{ name: 'x', plan: 'gold' }] })).status).toBe(400);
    await admin('/properties/subscriptions', 'POST', { name: 'tier', type: 'string' });
    expect((await json<{ name: string }[]>(await admin('/properties/subscriptions'))).map((p) => p.name)).toContain('tier');
    expect(await json(await admin('/counters'))).toEqual({});
  });
});
