import { CrmAuthError, CrmTransientError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { createTestContext } from '@crm-hub/plugin-testing';
import plugin from '../index';
import { RestClient } from './rest-client';

const LOGIN = 'https://login.example.test';
const INSTANCE = 'https://na1.example.test';

type Answer = { status: number; body?: string; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script, per request, and records what was asked. */
function scripted(answer: (url: URL, init: RequestInit, n: number) => Answer): { fetch: typeof fetch; requests: { method: string; url: URL; auth?: string }[] } {
  const requests: { method: string; url: URL; auth?: string }[] = [];
  const fake = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const auth = new Headers(init.headers).get('authorization') ?? undefined;
    requests.push({ method: init.method ?? 'GET', url, ...(auth ? { auth } : {}) });
    const a = answer(url, init, requests.length);
    if (a instanceof Error) throw a;
    return new Response(a.body ?? null, { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } });
  };
  return { fetch: fake as typeof fetch, requests };
}

let tokens = 0;
const token = (instance = INSTANCE) =>
  JSON.stringify({ access_token: `token-${++tokens}`, instance_url: instance, id: `${LOGIN}/id/00D000000000001AAA/005000000000001AAA`, token_type: 'Bearer' });

const config = { loginUrl: LOGIN, authFlow: 'client-credentials', clientId: 'cid', clientSecret: 'the-client-secret' };

async function connectorWith(fakeFetch: typeof fetch) {
  const test = createTestContext({ config, fetch: fakeFetch });
  return { test, connector: await plugin.createConnector(test.ctx) };
}

describe(RestClient.name, () => {
  it('refuses a token response whose instance_url is http://', async () => {
    const { fetch } = scripted(() => ({ status: 200, body: token('http://na1.example.test') }));
    const { connector } = await connectorWith(fetch);
    await expect(connector.check()).rejects.toBeInstanceOf(InsecureUrlError);
    await connector.dispose();
  });

  it('renews a refused session once, then gives up with CrmAuthError', async () => {
    const { fetch, requests } = scripted((url) =>
      url.pathname.endsWith('/oauth2/token')
        ? { status: 200, body: token() }
        : { status: 401, body: '[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]' },
    );
    const { connector } = await connectorWith(fetch);
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/INVALID_SESSION_ID .*even with a session just issued/);
    expect(requests.map((r) => r.url.pathname)).toEqual([
      '/services/oauth2/token',
      '/services/data/v62.0/limits',
      '/services/oauth2/token',
      '/services/data/v62.0/limits',
    ]);
    expect(requests[3]?.auth).toBe(`Bearer token-${tokens}`);
    await connector.dispose();
  });

  it('meters every request, reports Sforce-Limit-Info and retries a GET after 503', async () => {
    const { fetch, requests } = scripted((url, _init, n): Answer => {
      if (url.pathname.endsWith('/oauth2/token')) return { status: 200, body: token() };
      if (n === 2) return { status: 503, body: '<html>down</html>', headers: { 'content-type': 'text/html' } };
      return { status: 200, body: '{"DailyApiRequests":{"Max":15000,"Remaining":14000}}', headers: { 'sforce-limit-info': 'api-usage=1000/15000' } };
    });
    const { connector, test } = await connectorWith(fetch);
    const result = await connector.check();
    expect(result).toMatchObject({ ok: true, details: { apiUsage: { used: 1000, limit: 15000 } } });
    expect(requests).toHaveLength(3);
    expect(test.calls).toEqual({ token: 1, limits: 2 });
    expect(test.quotas['api-usage']).toEqual({ used: 1000, limit: 15000 });
    await connector.dispose();
  });

  it('retries a GET whose 200 answer was cut short without the connection saying so', async () => {
    const { fetch, requests } = scripted((url, _init, n): Answer => {
      if (url.pathname.endsWith('/oauth2/token')) return { status: 200, body: token() };
      return { status: 200, body: n === 2 ? '{"DailyApiRequests":{"Max":150' : '{"DailyApiRequests":{"Max":15000,"Remaining":15000}}' };
    });
    const { connector } = await connectorWith(fetch);
    await expect(connector.check()).resolves.toMatchObject({ ok: true, details: { apiUsage: { used: 0, limit: 15000 } } });
    expect(requests).toHaveLength(3);
    await connector.dispose();
  });

  it('does not repeat a POST whose outcome is unknown (connection reset)', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const describe = JSON.stringify({ name: 'Contact', label: 'Contact', custom: false, queryable: true, fields: [{ name: 'Id', label: 'Id', type: 'id', nillable: false, createable: false, updateable: false }, { name: 'LastName', label: 'Last', type: 'string', nillable: false, createable: true, updateable: true }] });
    const { fetch, requests } = scripted((url) => {
      if (url.pathname.endsWith('/oauth2/token')) return { status: 200, body: token() };
      if (url.pathname.endsWith('/describe')) return { status: 200, body: describe };
      return reset;
    });
    const { connector } = await connectorWith(fetch);
    const error = await connector.write({ object: 'Contact', operation: 'insert', records: [{ ref: 'a', data: { LastName: 'Ada' } }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmTransientError);
    expect((error as CrmTransientError).code).toBe('ECONNRESET');
    expect(requests.filter((r) => r.method === 'POST' && r.url.pathname.includes('composite'))).toHaveLength(1);
    await connector.dispose();
  });

  it('never lets a secret into a reason', async () => {
    const { fetch } = scripted(() => ({ status: 400, body: '{"error":"invalid_client","error_description":"invalid client credentials"}' }));
    const { connector } = await connectorWith(fetch);
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(config.clientSecret);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('client-credentials grant: invalid_client') });
    await connector.dispose();
  });

  it('answers refused credentials with a CrmAuthError-based reason, and throws nothing', async () => {
    const { fetch } = scripted(() => ({ status: 400, body: '{"error":"invalid_grant","error_description":"authentication failure"}' }));
    const { connector } = await connectorWith(fetch);
    await expect(connector.check()).resolves.toMatchObject({ ok: false });
    await expect(connector.discover()).rejects.toBeInstanceOf(CrmAuthError);
    await connector.dispose();
  });
});
