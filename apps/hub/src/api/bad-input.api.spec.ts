import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { rawRequest } from '../test-support/raw-http';
import { startTestHub, type TestHub } from '../test-support/test-hub';

const account = { name: 'Bad input', pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good } };

/** Hostile and malformed requests: each gets a 4xx problem+json, and nothing is stored. */
describe('bad input', () => {
  let hub: TestHub;
  let port: number;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen(0, '127.0.0.1');
    port = (hub.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => hub.close());

  const accounts = async () => (await hub.api().get('/api/accounts').expect(200)).body as unknown[];
  const expectProblem = (res: { status: number; headers: Record<string, string>; body: unknown }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status });
  };

  describe('request bodies', () => {
    it.each(['gzip', 'br', 'deflate'])('Content-Encoding %s over a plain body → 400', async (encoding) => {
      const res = await hub.api().post('/api/accounts').set('content-type', 'application/json').set('content-encoding', encoding).send(JSON.stringify(account));
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(new RegExp(`not valid ${encoding} data`));
    });

    it('a real gzip body is read; an unknown encoding → 415', async () => {
      // fetch, not supertest: superagent re-encodes a Buffer sent as JSON.
      const gzipped = gzipSync(JSON.stringify({ ...account, name: 'zipped', config: { ...account.config, sandbox: 'no' } }));
      const read = await fetch(`http://127.0.0.1:${port}/api/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipped,
      });
      expect(read.status).toBe(400); // read, then validated: sandbox must be a boolean
      expect(((await read.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'config.sandbox' })]);
      const unknown = await hub.api().post('/api/accounts').set('content-type', 'application/json').set('content-encoding', 'compress').send('{}');
      expectProblem(unknown, 415);
    });

    it('JSON nested 10,000 levels deep → 400 before validation', async () => {
      const deep = `{"name":"x","pluginId":"fixture-crm","config":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const res = await hub.api().post('/api/accounts').set('content-type', 'application/json').send(deep);
      expectProblem(res, 400);
      expect(res.body.errors[0]).toMatchObject({ field: expect.stringMatching(/^config(\[0\])+$/), message: 'is nested deeper than 64 levels' });
    });

    it.each([
      ['__proto__', '{"name":"p","pluginId":"fixture-crm","config":{"baseUrl":"https://crm.example.com","token":"good-token-1234567","__proto__":{"admin":true}}}', 'config.__proto__'],
      ['constructor', '{"name":"c","pluginId":"fixture-crm","config":{"constructor":{"prototype":{"x":1}}}}', 'config.constructor'],
      ['nested prototype', '{"name":"n","pluginId":"fixture-crm","config":{"auth":{"prototype":1}}}', 'config.auth.prototype'],
    ])('a %s key → 400 naming it', async (_case, body, field) => {
      const res = await hub.api().post('/api/accounts').set('content-type', 'application/json').send(body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('a NUL character in a string or a key → 400 naming the field', async () => {
      const res = await hub.api().post('/api/accounts').send({ ...account, name: 'nul\u0000name', config: { ...account.config, 'a\u0000b': 1 } });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'config.a\\u0000b' })]),
      );
    });

    it('a body that is not JSON → 415; a body larger than 1 MiB → 413', async () => {
      const text = await hub.api().post('/api/accounts').set('content-type', 'text/plain').send('name=x');
      expectProblem(text, 415);
      const form = await hub.api().post('/api/accounts').type('form').send({ name: 'x' });
      expectProblem(form, 415);
      const large = await hub.api().post('/api/accounts').set('content-type', 'application/json').send(`{"name":"${'x'.repeat(1_100_000)}"}`);
      expectProblem(large, 413);
    });
  });

  describe('paths and queries', () => {
    it.each(['/api/accounts/%00', '/api/accounts/abc%00def', '/api/schemas/x%00/records', '/api/plugins/fixture%00'])('a NUL in the path %s → 400', async (path) => {
      const res = await hub.api().get(path);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'path', message: expect.stringMatching(/NUL/) }]);
    });

    it.each(['/api/accounts/%FF', '/api/accounts/%E0%A4%A', '/api/accounts/%ED%A0%80'])('a path that is not UTF-8 (%s) → 400', async (path) => {
      expectProblem(await hub.api().get(path), 400);
    });

    it('an unrouted method on a known path → 404 problem+json', async () => {
      expectProblem(await hub.anonymous().put('/api/accounts').set('authorization', `Bearer ${hub.apiKey}`), 404);
    });

    it('a NUL in a query parameter → 400 naming it', async () => {
      const res = await hub.api().get('/api/schemas?accountId=a%00b');
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'query.accountId', message: expect.stringMatching(/NUL/) }]);
    });

    it.each(['/api/sync/runs?limit=0x10', '/api/sync/runs?limit=1e1'])('%s → 400 (every query number is strict)', async (path) => {
      const res = await hub.api().get(path);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'limit', message: expect.stringMatching(/decimal digits/) }]);
    });

    it.each(['0x10', '1e2', '16.0', ' 16', '-1', '0', '1001', 'sixteen'])('limit=%s → 400', async (limit) => {
      const res = await hub.api().get(`/api/schemas/00000000-0000-0000-0000-000000000000/records?limit=${encodeURIComponent(limit)}`);
      expectProblem(res, 400);
      expect(res.body.errors[0]).toMatchObject({ field: 'limit' });
    });
  });

  describe('requests the HTTP parser refuses', () => {
    it('an unknown method → 400 problem+json', async () => {
      const res = await rawRequest(port, 'BREW /api/accounts HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(res.body)).toMatchObject({ status: 400, detail: expect.stringMatching(/method/) });
    });

    it('headers larger than 16 KiB → 431 problem+json', async () => {
      const res = await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(JSON.parse(res.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
    });

    it.each(['abc', '5, 6', '-1'])('Content-Length: %s → 400 problem+json', async (length) => {
      const res = await rawRequest(port, `POST /api/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
    });
  });

  it('stored nothing, logged no secret, and still serves', async () => {
    expect(await accounts()).toEqual([]);
    await hub.anonymous().get('/health').expect(200);
    const logs = hub.logs.join('');
    expect(logs).not.toContain(FIXTURE_TOKENS.good);
    expect(logs).not.toContain(hub.apiKey);
  });
});
