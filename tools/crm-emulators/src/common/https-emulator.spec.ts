import { HttpsEmulator, type EmulatorRequest } from './https-emulator';
import { loadServerTls } from './tls-files';

const shape = {
  faultResponse: (kind: 'unavailable' | 'throttle') => ({ status: kind === 'throttle' ? 429 : 503, body: { fault: kind } }),
  notFound: (req: EmulatorRequest) => ({ status: 404, body: { missing: req.url.pathname } }),
  failure: (error: unknown) => ({ status: 500, body: { error: String(error) } }),
  commonHeaders: () => ({ 'X-Usage': 'counted' }),
};

describe(HttpsEmulator.name, () => {
  const emulator = new HttpsEmulator(loadServerTls(), shape)
    .route('GET', '/api/:version/items/:id', 'items.get', (req) => ({ status: 200, body: { ...req.params, q: req.url.searchParams.get('q') } }))
    .route('POST', '/api/echo', 'echo', (req) => ({ status: 201, body: req.json() }))
    .route('GET', '/files/*path', 'files', (req) => ({ status: 200, body: req.params['path'] ?? '' }))
    .route('POST', '/__emulator/reset', null, () => ({ status: 204 }));
  let url: string;

  beforeAll(async () => (url = await emulator.listen()));
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.counters.reset();
  });

  it('serves HTTPS with a certificate this process trusts, and routes with parameters', async () => {
    const res = await fetch(`${url}/api/v62.0/items/a%20b?q=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-usage')).toBe('counted');
    expect(await res.json()).toEqual({ version: 'v62.0', id: 'a b', q: '1' });
    expect(await (await fetch(`${url}/files/a/b/c.csv`)).text()).toBe('a/b/c.csv');
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
  });

  it('counts API calls per endpoint, but not control calls', async () => {
    await fetch(`${url}/api/v1/items/1`);
    await fetch(`${url}/api/echo`, { method: 'POST', body: '{"a":1}' });
    await fetch(`${url}/__emulator/reset`, { method: 'POST' });
    expect(emulator.counters.snapshot()).toEqual({ echo: 1, 'items.get': 1 });
  });

  it('answers a bad JSON body with the service failure shape', async () => {
    const res = await fetch(`${url}/api/echo`, { method: 'POST', body: '{' });
    expect(res.status).toBe(500);
  });

  it('injects outages, throttling, resets and truncated answers', async () => {
    emulator.faults.configure({ rate: 0, kinds: ['unavailable'], next: 1 });
    expect((await fetch(`${url}/api/v1/items/1`)).status).toBe(503);
    expect((await fetch(`${url}/api/v1/items/1`)).status).toBe(200);

    emulator.faults.configure({ rate: 0, kinds: ['throttle'], next: 1, endpoints: ['echo'] });
    expect((await fetch(`${url}/api/v1/items/1`)).status).toBe(200);
    expect((await fetch(`${url}/api/echo`, { method: 'POST', body: '{}' })).status).toBe(429);

    emulator.faults.configure({ rate: 0, kinds: ['reset'], next: 1 });
    await expect(fetch(`${url}/api/v1/items/1`)).rejects.toThrow(/fetch failed/);

    emulator.faults.configure({ rate: 0, kinds: ['truncate'], next: 1 });
    // Headers and half the body arrive, then the connection drops: the read fails.
    await expect(fetch(`${url}/api/v1/items/1`).then((res) => res.text())).rejects.toThrow();
  });

  it('draws random faults reproducibly from a seed', () => {
    const draw = () => {
      emulator.faults.configure({ rate: 0.5, kinds: ['unavailable', 'slow'], seed: 42 });
      return Array.from({ length: 20 }, () => emulator.faults.decide('x') ?? '-').join(',');
    };
    const first = draw();
    expect(draw()).toBe(first);
    expect(first).toMatch(/unavailable|slow/);
    expect(first).toMatch(/-/);
  });
});
