import { hubApi, type HubApi } from './support/hub-api';
import { useSyncWorld } from './support/sync-world';

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
}

interface Problem {
  status: number;
  title: string;
  detail: string;
}

/**
 * Scoped and account-limited API keys, against the built hub as a process: what a `read`, an
 * `operate` and an account-limited key can and cannot do, and a revocation seen at once by a second
 * hub process on the same database.
 */
describe('API keys: scopes, account limits, revocation', () => {
  const world = useSyncWorld('access', { salesforce: {} });
  const secretsInPlay: string[] = [];
  let a: { account: string; schema: string; job: string; run: string; hubId: string };
  let b: { account: string; schema: string; job: string; run: string; hubId: string };

  const createKey = async (body: Record<string, unknown>): Promise<CreatedKey> => {
    const res = await world.raw().call<CreatedKey>('POST', '/api/keys', body);
    expect(res.status).toBe(201);
    secretsInPlay.push(res.body.key);
    return res.body;
  };
  const as = (key: CreatedKey, hub = world.hub): HubApi => hubApi(hub.url, key.key);

  /** An account with a schema, an import job that ran once, and one record. */
  const accountWorld = async (): Promise<typeof a> => {
    const api = world.api();
    const account = await world.salesforceAccount();
    const schema = await api.schema(account, 'Lead', ['LastName', 'Company', 'LeadSource']);
    const job = await api.job({ name: `Leads ${account.slice(0, 4)}`, accountId: account, schemaId: schema.id, operation: 'import' });
    const picklists = await world.raw().call<{ picklists: { id: string; usedBy: { field: string }[] }[] }>('GET', `/api/accounts/${account}/picklists`);
    const leadSource = picklists.body.picklists.find((p) => p.usedBy.some((u) => u.field === 'LeadSource')) as { id: string };
    const synced = await world.raw().call('POST', `/api/accounts/${account}/enum-sync`, { bindings: [{ enumId: leadSource.id, enumeration: 'lead_source', replace: false }] });
    expect(synced.status).toBe(200);
    const run = await api.runToEnd(job);
    const records = await world.raw().call<{ records: { hubId: string }[] }>('GET', `/api/schemas/${schema.id}/records?limit=1`);
    return { account, schema: schema.id, job, run: run.id, hubId: records.body.records[0]?.hubId as string };
  };

  beforeAll(async () => {
    world.sf.seed('Lead', 5);
    secretsInPlay.push(world.sf.credentials.clientSecret, world.apiKey);
    a = await accountWorld();
    b = await accountWorld();
  }, 120_000);

  it('a read key lists everything readable, never a secret, and changes nothing (403 naming the scope)', async () => {
    const read = as(await createKey({ name: 'dashboard', scope: 'read' }));
    const readable = ['/api/accounts', `/api/accounts/${a.account}`, '/api/schemas', `/api/schemas/${a.schema}`, `/api/schemas/${a.schema}/records`, '/api/sync/jobs', `/api/sync/jobs/${a.job}`, '/api/sync/runs', `/api/sync/runs/${a.run}`, '/api/enumerations', '/api/plugins', '/api/audit'];
    for (const path of readable) {
      const res = await read.call('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      for (const secret of secretsInPlay) expect(res.text).not.toContain(secret);
    }
    const changes: [string, string, unknown, string][] = [
      ['PATCH', `/api/accounts/${a.account}`, { name: 'renamed' }, 'admin'],
      ['POST', `/api/accounts/${a.account}/check`, undefined, 'operate'],
      ['POST', `/api/sync/jobs/${a.job}/runs`, {}, 'operate'],
      ['DELETE', `/api/schemas/${a.schema}/records/${a.hubId}`, undefined, 'admin'],
      ['POST', '/api/keys', { name: 'escalation', scope: 'admin' }, 'admin'],
    ];
    for (const [method, path, body, scope] of changes) {
      const res = await read.call<Problem>(method, path, body);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 403, type: expect.stringContaining('application/problem+json') });
      expect(res.body.detail).toContain(`scope '${scope}'`);
    }
    expect((await read.call('GET', '/api/keys')).status).toBe(403);
    expect((await world.raw().call<{ name: string }>('GET', `/api/accounts/${a.account}`)).body.name).not.toBe('renamed');
  });

  it('an operate key runs, cancels and schedules jobs and tests connections, but does not edit an account or a mapping', async () => {
    const operate = as(await createKey({ name: 'scheduler bot', scope: 'operate' }));
    const started = await operate.call<{ id: string }>('POST', `/api/sync/jobs/${a.job}/runs`, {});
    expect(started.status).toBe(202);
    const cancelled = await operate.call('POST', `/api/sync/runs/${started.body.id}/cancel`);
    expect([202, 409]).toContain(cancelled.status); // 409: it had already ended — either way, not refused for its scope
    await world.api().wait(started.body.id);
    expect((await operate.call('POST', `/api/accounts/${a.account}/check`)).status).toBe(200);
    const scheduled = await operate.call<{ schedule: unknown; enabled: boolean }>('PATCH', `/api/sync/jobs/${a.job}`, { schedule: { cron: '0 3 * * *' }, enabled: false });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.enabled).toBe(false);

    const rename = await operate.call<Problem>('PATCH', `/api/sync/jobs/${a.job}`, { name: 'renamed by operate' });
    expect(rename.status).toBe(403);
    expect(rename.body.detail).toMatch(/Changing name needs an API key of scope 'admin'/);
    const account = await operate.call<Problem>('PATCH', `/api/accounts/${a.account}`, { name: 'renamed by operate' });
    expect(account.status).toBe(403);
    expect(account.body.detail).toContain("scope 'admin'");
    expect((await operate.call('DELETE', `/api/sync/jobs/${a.job}`)).status).toBe(403);
    expect((await world.raw().call<{ name: string }>('GET', `/api/sync/jobs/${a.job}`)).body.name).not.toBe('renamed by operate');
    await world.raw().call('PATCH', `/api/sync/jobs/${a.job}`, { schedule: null, enabled: true });
  });

  it("a key limited to account A gets 404 for account B's resources everywhere, as for ids that do not exist", async () => {
    const limited = as(await createKey({ name: 'customer A', scope: 'admin', accounts: [a.account] }));
    const ids = async (path: string, pick: (body: never) => { id?: string; accountId?: string }[]) => pick((await limited.call<never>('GET', path)).body);
    expect((await ids('/api/accounts', (body: { id: string }[]) => body)).map((x) => x.id)).toEqual([a.account]);
    expect((await ids('/api/schemas', (body: { accountId: string }[]) => body)).map((x) => x.accountId)).toEqual([a.account]);
    expect((await ids('/api/sync/jobs', (body: { accountId: string }[]) => body)).map((x) => x.accountId)).toEqual([a.account]);
    const runs = (await ids('/api/sync/runs', (body: { runs: { id: string }[] }) => body.runs)).map((x) => x.id);
    expect(runs).toContain(a.run);
    expect(runs).not.toContain(b.run);
    expect((await limited.call('GET', `/api/schemas/${a.schema}/records`)).status).toBe(200);

    const foreign: [string, string, unknown?][] = [
      ['GET', `/api/accounts/${b.account}`],
      ['PATCH', `/api/accounts/${b.account}`, { name: 'taken over' }],
      ['DELETE', `/api/accounts/${b.account}`],
      ['POST', `/api/accounts/${b.account}/check`],
      ['GET', `/api/accounts/${b.account}/objects`],
      ['GET', `/api/accounts/${b.account}/objects/Lead`],
      ['GET', `/api/accounts/${b.account}/picklists`],
      ['POST', `/api/accounts/${b.account}/schemas`, { objects: [{ name: 'Lead' }] }],
      ['GET', `/api/schemas/${b.schema}`],
      ['GET', `/api/schemas/${b.schema}/drift`],
      ['GET', `/api/schemas/${b.schema}/records`],
      ['POST', `/api/schemas/${b.schema}/records`, { values: { LastName: 'x' } }],
      ['PATCH', `/api/schemas/${b.schema}/records/${b.hubId}`, { values: { LastName: 'x' } }],
      ['DELETE', `/api/schemas/${b.schema}/records/${b.hubId}`],
      ['GET', `/api/sync/jobs/${b.job}`],
      ['GET', `/api/sync/jobs/${b.job}/rejects`],
      ['POST', `/api/sync/jobs/${b.job}/runs`, {}],
      ['PATCH', `/api/sync/jobs/${b.job}`, { enabled: false }],
      ['POST', '/api/sync/jobs', { name: 'sneaky', accountId: b.account, schemaId: b.schema, operation: 'import' }],
      ['POST', '/api/sync/jobs', { name: 'sneakier', accountId: a.account, schemaId: b.schema, operation: 'import' }],
      ['GET', `/api/sync/runs/${b.run}`],
      ['GET', `/api/sync/runs/${b.run}/rejects`],
      ['GET', `/api/sync/runs/${b.run}/conflicts`],
      ['POST', `/api/sync/runs/${b.run}/cancel`],
    ];
    for (const [method, path, body] of foreign) {
      const res = await limited.call<Problem>(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      // Worded exactly as for an id that does not exist: nothing tells B's resources exist.
      const missing = await limited.call<Problem>(method, path.replaceAll(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '00000000-0000-4000-8000-000000000000'), body);
      expect({ method, path, status: missing.status, title: missing.body.title }).toEqual({ method, path, status: 404, title: res.body.title });
      expect(res.body.detail.replaceAll(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID')).toBe(missing.body.detail.replaceAll(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID'));
    }
    expect((await world.raw().call<{ name: string }>('GET', `/api/accounts/${b.account}`)).body.name).not.toBe('taken over');
    const bRecords = await world.raw().call<{ records: { hubId: string }[] }>('GET', `/api/schemas/${b.schema}/records`);
    expect(bRecords.body.records.map((r) => r.hubId)).toContain(b.hubId);

    // Enumerations are the hub's own: the limited key sees them, with only its accounts' picklists as sources.
    const everyone = await world.raw().call<{ sources: { accountId: string }[] }>('GET', '/api/enumerations/lead_source');
    expect(everyone.body.sources.map((x) => x.accountId).sort()).toEqual([a.account, b.account].sort());
    const mine = await limited.call<{ sources: { accountId: string }[] }>('GET', '/api/enumerations/lead_source');
    expect(mine.body.sources.map((x) => x.accountId)).toEqual([a.account]);
    const listed = await limited.call<{ name: string; sources: { accountId: string }[] }[]>('GET', '/api/enumerations');
    expect(listed.body.find((e) => e.name === 'lead_source')?.sources.map((x) => x.accountId)).toEqual([a.account]);

    const create = await limited.call<Problem>('POST', '/api/accounts', { name: 'new', pluginId: 'salesforce', config: {} });
    expect(create.status).toBe(403);
    expect(create.body.detail).toContain('not limited to accounts');
    expect((await limited.call('GET', '/api/keys')).status).toBe(403);
    const audit = await limited.call<{ entries: { accountId: string | null }[] }>('GET', '/api/audit?limit=200');
    expect(audit.body.entries.length).toBeGreaterThan(0);
    expect(audit.body.entries.every((e) => e.accountId === a.account)).toBe(true);
  });

  it('a key for unknown accounts, a past expiry or an unknown scope is refused with the field named, and nothing is created', async () => {
    const before = (await world.raw().call<unknown[]>('GET', '/api/keys')).body.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', scope: 'read', accounts: ['no-such-account'] }, 'accounts'],
      [{ name: 'x', scope: 'read', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x', scope: 'superuser' }, 'scope'],
      [{ name: ' ', scope: 'read' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await world.raw().call<Problem & { errors: { field: string }[] }>('POST', '/api/keys', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e) => e.field)).toContain(field);
    }
    expect((await world.raw().call<unknown[]>('GET', '/api/keys')).body.length).toBe(before);
  });

  it('answers odd ids, dates and cursors with 4xx, never 5xx, and keeps auditing', async () => {
    const longId = 'y'.repeat(300);
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/keys', { name: 'x', scope: 'read', expiresAt: '20270131' }, 400],
      ['POST', '/api/keys', { name: 'x', scope: 'read', expiresAt: '+275760-09-13T00:00:00Z' }, 400],
      ['GET', '/api/audit?since=20261203', undefined, 400],
      ['GET', '/api/audit?until=2026-02-30T00:00:00Z', undefined, 400],
      ['GET', '/api/audit?before=9999999999999999', undefined, 200],
      ['DELETE', `/api/keys/${longId}`, undefined, 404],
      ['PATCH', `/api/accounts/${longId}`, { name: 'z' }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await world.raw().call<Problem>(method, path, body);
      expect({ method, path: path.slice(0, 60), status: res.status }).toEqual({ method, path: path.slice(0, 60), status });
    }
    const entries = await world.raw().call<{ entries: { path: string; status: number; resourceId: string }[] }>('GET', '/api/audit?resourceType=account&outcome=failed&limit=5');
    expect(entries.body.entries.find((e) => e.path === `/api/accounts/${longId}`)).toMatchObject({ status: 404, resourceId: longId.slice(0, 255) });
  });

  it('a revoked key is refused at once by a second hub process on the same database; an expired key stops working', async () => {
    const second = await world.start('second');
    const key = await createKey({ name: 'to revoke', scope: 'read' });
    expect((await as(key, second).call('GET', '/api/accounts')).status).toBe(200);
    const listed = await world.raw().call<{ id: string; lastUsedAt: string | null }[]>('GET', '/api/keys');
    expect(listed.body.find((k) => k.id === key.id)?.lastUsedAt).toEqual(expect.any(String));

    const revoked = await world.raw().call<{ status: string }>('DELETE', `/api/keys/${key.id}`);
    expect(revoked.body.status).toBe('revoked');
    const refused = await as(key, second).call<Problem>('GET', '/api/accounts');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('revoked');
    for (const secret of secretsInPlay) expect(refused.text).not.toContain(secret);

    const shortLived = await createKey({ name: 'short-lived', scope: 'read', expiresAt: new Date(Date.now() + 3_000).toISOString() });
    expect((await as(shortLived, second).call('GET', '/api/plugins')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const expired = await as(shortLived).call<Problem>('GET', '/api/plugins');
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain('expired');
  }, 60_000);

  it('a change cut short by kill -9 leaves its audit entry, as pending (written before the change is made)', async () => {
    const doomed = await world.start('doomed');
    const key = await createKey({ name: 'cut short', scope: 'operate' });
    world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 10_000 });
    try {
      void as(key, doomed).call('POST', `/api/accounts/${a.account}/check`).catch(() => undefined);
      type Page = { entries: { action: string; outcome: string; status: number | null; accountId: string; key: { name: string } }[] };
      const pending = async () => (await world.raw().call<Page>('GET', `/api/audit?keyId=${key.id}`)).body.entries;
      for (let i = 0; i < 100 && (await pending()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await doomed.stop('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
      expect(await pending()).toEqual([expect.objectContaining({ action: 'account.check', outcome: 'pending', status: null, accountId: a.account, key: expect.objectContaining({ name: 'cut short' }) })]);
    } finally {
      world.sf.faults.clear();
    }
  }, 60_000);

  it("states every route's scope in the OpenAPI document", async () => {
    const res = await fetch(`${world.hub.url}/docs/openapi.json`);
    const document = (await res.json()) as { paths: Record<string, Record<string, { 'x-required-scope'?: string; description?: string }>> };
    const scopes: Record<string, string> = {};
    for (const [path, item] of Object.entries(document.paths).filter(([p]) => p.startsWith('/api/'))) {
      for (const [method, operation] of Object.entries(item)) {
        scopes[`${method.toUpperCase()} ${path}`] = operation['x-required-scope'] ?? 'none';
        expect(operation.description).toContain(`Needs an API key of scope \`${operation['x-required-scope']}\``);
      }
    }
    expect(Object.values(scopes).filter((scope) => !['read', 'operate', 'admin'].includes(scope))).toEqual([]);
    expect(scopes).toMatchObject({
      'GET /api/accounts': 'read',
      'PATCH /api/accounts/{id}': 'admin',
      'POST /api/accounts/{id}/check': 'operate',
      'POST /api/sync/jobs/{id}/runs': 'operate',
      'PATCH /api/sync/jobs/{id}': 'operate',
      'POST /api/sync/runs/{id}/cancel': 'operate',
      'DELETE /api/sync/jobs/{id}': 'admin',
      'GET /api/keys': 'admin',
      'POST /api/keys': 'admin',
      'GET /api/audit': 'read',
    });
  });

  it('HUB_API_KEYS keys are listed as admin keys that cannot be revoked through the API', async () => {
    const keys = await world.raw().call<{ id: string; source: string; scope: string; prefix: string }[]>('GET', '/api/keys');
    const env = keys.body.find((k) => k.source === 'environment');
    expect(env).toMatchObject({ id: 'env:1', scope: 'admin' });
    expect(keys.text).not.toContain(world.apiKey);
    const refused = await world.raw().call<Problem>('DELETE', '/api/keys/env:1');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('HUB_API_KEYS');
  });
});
