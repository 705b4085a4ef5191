import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { InsecureUrlError } from './errors';
import { createSecureFetch } from './secure-fetch';

type Call = { url: string; method: string; headers: Headers; body: unknown };

/** A scripted server: answers each URL with a status and headers, and records what it was sent. */
function scriptedFetch(routes: Record<string, { status: number; location?: string }>) {
  const calls: Call[] = [];
  const fake = (async (input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body });
    expect(init.redirect).toBe('manual');
    const route = routes[url] ?? { status: 200 };
    return new Response(route.status === 200 ? 'ok' : null, {
      status: route.status,
      headers: route.location ? { location: route.location } : {},
    });
  }) as typeof fetch;
  return { fake, calls };
}

describe(createSecureFetch.name, () => {
  it('refuses http: and other non-https URLs before sending anything', async () => {
    const { fake, calls } = scriptedFetch({});
    const http = createSecureFetch({ fetch: fake });
    await expect(http('http://crm.example.com/api')).rejects.toBeInstanceOf(InsecureUrlError);
    await expect(http('ftp://crm.example.com/')).rejects.toBeInstanceOf(InsecureUrlError);
    await expect(http('/relative')).rejects.toThrow(/absolute https:\/\/ URL/);
    expect(calls).toHaveLength(0);
  });

  it('follows https redirects but refuses a redirect to http', async () => {
    const { fake, calls } = scriptedFetch({
      'https://a.example.com/start': { status: 302, location: '/next' },
      'https://a.example.com/next': { status: 301, location: 'http://a.example.com/plain' },
    });
    const http = createSecureFetch({ fetch: fake });
    await expect(http('https://a.example.com/start')).rejects.toBeInstanceOf(InsecureUrlError);
    expect(calls.map((c) => c.url)).toEqual(['https://a.example.com/start', 'https://a.example.com/next']);
  });

  it('drops credentials on a cross-origin redirect and turns POST into GET on 303', async () => {
    const { fake, calls } = scriptedFetch({
      'https://a.example.com/token': { status: 303, location: 'https://b.example.com/landing' },
    });
    const http = createSecureFetch({ fetch: fake });
    const res = await http('https://a.example.com/token', {
      method: 'POST',
      body: 'grant_type=x',
      headers: { authorization: 'Bearer s3cret', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    const landing = calls[1] as Call;
    expect(landing).toMatchObject({ url: 'https://b.example.com/landing', method: 'GET', body: null });
    expect(landing.headers.get('authorization')).toBeNull();
    expect(landing.headers.get('content-type')).toBeNull();
  });

  it('keeps method, body and same-origin credentials on 307', async () => {
    const { fake, calls } = scriptedFetch({ 'https://a.example.com/v1': { status: 307, location: '/v2' } });
    await createSecureFetch({ fetch: fake })('https://a.example.com/v1', {
      method: 'PATCH',
      body: '{}',
      headers: { authorization: 'Bearer t' },
    });
    expect(calls[1]).toMatchObject({ url: 'https://a.example.com/v2', method: 'PATCH', body: '{}' });
    expect(calls[1]?.headers.get('authorization')).toBe('Bearer t');
  });

  it('stops after too many redirects, and returns the redirect itself when asked to', async () => {
    const { fake } = scriptedFetch({ 'https://a.example.com/loop': { status: 302, location: '/loop' } });
    await expect(createSecureFetch({ fetch: fake, maxRedirects: 3 })('https://a.example.com/loop')).rejects.toThrow(
      /More than 3 redirects/,
    );
    const res = await createSecureFetch({ fetch: fake })('https://a.example.com/loop', { redirect: 'manual' });
    expect(res.status).toBe(302);
  });

  it('refuses to run while certificate verification is switched off', async () => {
    const { fake } = scriptedFetch({});
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
    try {
      await expect(createSecureFetch({ fetch: fake })('https://a.example.com/')).rejects.toThrow(/NODE_EXTRA_CA_CERTS/);
    } finally {
      delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    }
  });

  it('verifies certificates: a server with an untrusted certificate is refused', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 });
    const server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('should not be read'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await expect(createSecureFetch()(`https://localhost:${port}/`)).rejects.toMatchObject({
        cause: { code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
