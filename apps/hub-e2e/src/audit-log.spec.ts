import { hubApi, type HubApi } from './support/hub-api';
import type { RunBody } from './support/sync-api';
import { useSyncWorld } from './support/sync-world';

interface CreatedKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

interface AuditEntry {
  id: string;
  at: string;
  key: { id: string; prefix: string; name: string };
  action: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  accountId: string | null;
  changes: Record<string, unknown> | null;
  outcome: 'succeeded' | 'failed';
  status: number;
  error: string | null;
}

interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

interface Problem {
  status: number;
  detail: string;
}

/** What one mutating route's audit entry must say. */
interface Expected {
  status: number;
  action: string;
  path: string;
  resourceType?: string | null;
  resourceId?: string | null;
  accountId?: string | null;
  /** Fields the entry's `changes` must name, with these values (toMatchObject). */
  changes?: Record<string, unknown>;
}

/** A mutating route, how to call it with a key, and what its audit entry must say. */
interface AuditCase {
  /** As the OpenAPI document names the operation: `METHOD /api/path/{param}`. */
  route: string;
  act(api: HubApi): Promise<{ res: { status: number; text: string }; expected: Expected }>;
  /** Further checks of the entry. */
  check?(entry: AuditEntry): void;
}

const MUTATING = ['post', 'put', 'patch', 'delete'];
const SALESFORCE_SECRET_FIELDS = ['clientSecret', 'privateKey', 'refreshToken', 'password', 'securityToken'];

/**
 * The audit log through the built hub: every mutating /api route (as the OpenAPI document lists
 * them) writes an entry naming the key, the action, the resource and what changed, without a secret;
 * failed and refused changes are recorded too; entries cannot be changed through the API; old ones
 * are pruned by HUB_AUDIT_RETENTION_DAYS.
 */
describe('audit log: every change made through the API', () => {
  const world = useSyncWorld('audit-log', { salesforce: {} });
  /** Every secret of the spec, by a name that failure messages may show. */
  const secretsInPlay = new Map<string, string>();
  /** An account secret set by a successful PATCH. */
  const NEW_SECRET = 'audit-rotated-client-secret-5f1c9e2a7b';
  /** An account secret sent in a PATCH that fails validation (never stored). */
  const FAILED_SECRET = 'audit-failed-client-secret-a83d0c61e4';
  /** An account secret sent in a PATCH refused for its key's scope (never stored). */
  const REFUSED_SECRET = 'audit-refused-client-secret-0b7e2f9d35';
  const ids: { account: string; other: string; schema: string; created?: string; lead?: string; hubId?: string; job?: string; run?: string; key?: string } = {
    account: '',
    other: '',
    schema: '',
  };

  const createKey = async (body: Record<string, unknown>): Promise<CreatedKey> => {
    const res = await world.raw().call<CreatedKey>('POST', '/api/keys', body);
    if (res.status !== 201) throw new Error(`POST /api/keys: ${res.status} ${res.text}`);
    secretsInPlay.set(`the API key '${res.body.name}'`, res.body.key);
    return res.body;
  };
  const as = (key: CreatedKey): HubApi => hubApi(world.hub.url, key.key);
  const audit = async (query: string, hub = world.hub): Promise<{ page: AuditPage; text: string }> => {
    const res = await hubApi(hub.url, world.apiKey).call<AuditPage>('GET', `/api/audit?${query}`);
    if (res.status !== 200) throw new Error(`GET /api/audit?${query}: ${res.status} ${res.text}`);
    return { page: res.body, text: res.text };
  };
  /** Every entry of the log, newest first, and the text of all its pages. */
  const wholeLog = async (hub = world.hub): Promise<{ entries: AuditEntry[]; text: string }> => {
    const entries: AuditEntry[] = [];
    let text = '';
    let before: string | null = null;
    do {
      const { page, text: pageText } = await audit(`limit=200${before ? `&before=${before}` : ''}`, hub);
      entries.push(...page.entries);
      text += pageText;
      before = page.next;
    } while (before);
    return { entries, text };
  };
  const expectNoSecret = (text: string): void => {
    expect([...secretsInPlay].filter(([, secret]) => text.includes(secret)).map(([name]) => name)).toEqual([]);
  };
  /** Any field of `changes` that mentions a secret setting must be `secrets.<name>`, as "changed" or "removed". */
  const expectSecretsOnlyAsChanged = (changes: Record<string, unknown> | null): void => {
    const secretFields = Object.entries(changes ?? {}).filter(([field]) => SALESFORCE_SECRET_FIELDS.some((s) => field.includes(s)));
    for (const [field, value] of secretFields) {
      expect({ field, value }).toEqual({ field: expect.stringMatching(/^secrets\.[A-Za-z]+$/), value: expect.stringMatching(/^(changed|removed)$/) });
    }
  };

  const subscriptionAccount = () => ({
    loginUrl: world.sf.url,
    authFlow: 'client-credentials',
    clientId: world.sf.credentials.clientId,
    clientSecret: world.sf.credentials.clientSecret,
    safetyLagMs: 0,
  });

  beforeAll(async () => {
    secretsInPlay.set("the Salesforce emulator's client secret", world.sf.credentials.clientSecret);
    secretsInPlay.set('the HUB_API_KEYS key', world.apiKey);
    secretsInPlay.set('the client secret set by a PATCH', NEW_SECRET);
    secretsInPlay.set('the client secret of a failed PATCH', FAILED_SECRET);
    secretsInPlay.set('the client secret of a refused PATCH', REFUSED_SECRET);
    world.sf.seed('Subscription__c', 20);
    ids.account = await world.salesforceAccount();
    ids.other = await world.salesforceAccount();
    ids.schema = (await world.api().schema(ids.account, 'Subscription__c', ['Name', 'Plan__c', 'External_Id__c', 'Amount__c'])).id;
  }, 60_000);

  const cases: AuditCase[] = [
    {
      route: 'POST /api/keys',
      act: async (api) => {
        const res = await api.call<CreatedKey>('POST', '/api/keys', { name: 'audited dashboard key', scope: 'read' });
        if (res.body?.key) secretsInPlay.set("the API key 'audited dashboard key'", res.body.key);
        ids.key = res.body?.id;
        return {
          res,
          expected: { status: 201, action: 'key.create', path: '/api/keys', resourceType: 'key', resourceId: res.body.id, accountId: null, changes: { name: { to: 'audited dashboard key' }, scope: { to: 'read' } } },
        };
      },
    },
    {
      route: 'DELETE /api/keys/{id}',
      act: async (api) => ({
        res: await api.call('DELETE', `/api/keys/${ids.key}`),
        expected: { status: 200, action: 'key.revoke', path: `/api/keys/${ids.key}`, resourceType: 'key', resourceId: ids.key, accountId: null, changes: { status: { from: 'active', to: 'revoked' } } },
      }),
    },
    {
      route: 'POST /api/accounts',
      act: async (api) => {
        const res = await api.call<{ id: string }>('POST', '/api/accounts', { name: 'Audited Salesforce', pluginId: 'salesforce', config: subscriptionAccount() });
        ids.created = res.body.id;
        return {
          res,
          expected: {
            status: 201,
            action: 'account.create',
            path: '/api/accounts',
            resourceType: 'account',
            resourceId: res.body.id,
            accountId: res.body.id,
            changes: {
              name: { to: 'Audited Salesforce' },
              pluginId: { to: 'salesforce' },
              'config.loginUrl': { to: world.sf.url },
              'config.clientId': { to: world.sf.credentials.clientId },
              'secrets.clientSecret': 'changed',
            },
          },
        };
      },
    },
    {
      route: 'POST /api/accounts/{id}/check',
      act: async (api) => {
        const res = await api.call<{ ok: boolean }>('POST', `/api/accounts/${ids.created}/check`);
        expect(res.body.ok).toBe(true);
        return { res, expected: { status: 200, action: 'account.check', path: `/api/accounts/${ids.created}/check`, resourceType: 'account', resourceId: ids.created, accountId: ids.created } };
      },
    },
    {
      route: 'PATCH /api/accounts/{id}',
      act: async (api) => ({
        res: await api.call('PATCH', `/api/accounts/${ids.created}`, { name: 'Audited Salesforce (renamed)', config: { safetyLagMs: 5_000, clientSecret: NEW_SECRET } }),
        expected: {
          status: 200,
          action: 'account.update',
          path: `/api/accounts/${ids.created}`,
          resourceType: 'account',
          resourceId: ids.created,
          accountId: ids.created,
          changes: { name: { from: 'Audited Salesforce', to: 'Audited Salesforce (renamed)' }, 'config.safetyLagMs': { from: 0, to: 5_000 }, 'secrets.clientSecret': 'changed' },
        },
      }),
    },
    {
      route: 'DELETE /api/accounts/{id}',
      act: async (api) => ({
        res: await api.call('DELETE', `/api/accounts/${ids.created}`),
        expected: {
          status: 204,
          action: 'account.delete',
          path: `/api/accounts/${ids.created}`,
          resourceType: 'account',
          resourceId: ids.created,
          accountId: ids.created,
          changes: { name: { from: 'Audited Salesforce (renamed)' }, pluginId: { from: 'salesforce' } },
        },
      }),
      check: (entry) => expect(Object.values(entry.changes ?? {}).every((c) => typeof c !== 'object' || !('to' in (c as object)))).toBe(true),
    },
    {
      route: 'POST /api/accounts/{id}/schemas',
      act: async (api) => {
        const objects = [{ name: 'Lead', fields: ['LastName', 'Company'] }];
        const res = await api.call<{ schemas: { id: string }[] }>('POST', `/api/accounts/${ids.account}/schemas`, { objects });
        ids.lead = res.body.schemas?.[0]?.id;
        return {
          res,
          expected: { status: 201, action: 'schema.generate', path: `/api/accounts/${ids.account}/schemas`, resourceType: 'account', resourceId: ids.account, accountId: ids.account, changes: { objects: { to: objects } } },
        };
      },
    },
    {
      route: 'DELETE /api/schemas/{id}',
      act: async (api) => ({
        res: await api.call('DELETE', `/api/schemas/${ids.lead}?dropTable=true`),
        expected: {
          status: 204,
          action: 'schema.delete',
          path: `/api/schemas/${ids.lead}`,
          resourceType: 'schema',
          resourceId: ids.lead,
          accountId: ids.account,
          changes: { object: { from: 'Lead' }, 'query.dropTable': { to: 'true' } },
        },
      }),
    },
    {
      route: 'POST /api/schemas/{id}/apply-drift',
      act: async (api) => {
        world.sf.addField('Subscription__c', { name: 'Audit_Tier__c', type: 'string', label: 'Audit tier', length: 40 });
        const res = await api.call<{ added: string[] }>('POST', `/api/schemas/${ids.schema}/apply-drift`, { addFields: ['Audit_Tier__c'] });
        expect(res.body.added).toEqual(['Audit_Tier__c']);
        return {
          res,
          expected: {
            status: 200,
            action: 'schema.apply-drift',
            path: `/api/schemas/${ids.schema}/apply-drift`,
            resourceType: 'schema',
            resourceId: ids.schema,
            accountId: ids.account,
            changes: { addFields: { to: ['Audit_Tier__c'] } },
          },
        };
      },
      check: (entry) => {
        // The schema's before/after: its fields gained Audit_Tier__c.
        const fields = entry.changes?.['fields'] as { from: { name: string }[]; to: { name: string }[] } | undefined;
        expect(fields?.from.map((f) => f.name)).not.toContain('Audit_Tier__c');
        expect(fields?.to.map((f) => f.name)).toContain('Audit_Tier__c');
      },
    },
    {
      route: 'POST /api/schemas/{id}/records',
      act: async (api) => {
        const res = await api.call<{ hubId: string }>('POST', `/api/schemas/${ids.schema}/records`, { values: { Name: 'Audited record', Plan__c: 'Basic' } });
        ids.hubId = res.body.hubId;
        return {
          res,
          expected: {
            status: 201,
            action: 'record.create',
            path: `/api/schemas/${ids.schema}/records`,
            resourceType: 'record',
            resourceId: res.body.hubId,
            accountId: ids.account,
            changes: { 'values.Name': { to: 'Audited record' }, 'values.Plan__c': { to: 'Basic' } },
          },
        };
      },
    },
    {
      route: 'PATCH /api/schemas/{id}/records/{hubId}',
      act: async (api) => ({
        res: await api.call('PATCH', `/api/schemas/${ids.schema}/records/${ids.hubId}`, { values: { Plan__c: 'Premium', Amount__c: '12.50' } }),
        expected: {
          status: 204,
          action: 'record.update',
          path: `/api/schemas/${ids.schema}/records/${ids.hubId}`,
          resourceType: 'record',
          resourceId: ids.hubId,
          accountId: ids.account,
          changes: { 'values.Plan__c': { to: 'Premium' }, 'values.Amount__c': { to: '12.50' } },
        },
      }),
    },
    {
      route: 'DELETE /api/schemas/{id}/records/{hubId}',
      act: async (api) => ({
        res: await api.call('DELETE', `/api/schemas/${ids.schema}/records/${ids.hubId}?hard=true`),
        expected: {
          status: 204,
          action: 'record.delete',
          path: `/api/schemas/${ids.schema}/records/${ids.hubId}`,
          resourceType: 'record',
          resourceId: ids.hubId,
          accountId: ids.account,
          changes: { 'query.hard': { to: 'true' } },
        },
      }),
    },
    {
      route: 'POST /api/accounts/{id}/enum-sync',
      act: async (api) => {
        const picklists = await world.raw().call<{ picklists: { id: string; usedBy: { field: string }[] }[] }>('GET', `/api/accounts/${ids.account}/picklists`);
        const plan = picklists.body.picklists.find((p) => p.usedBy.some((u) => u.field === 'Plan__c')) as { id: string };
        const bindings = [{ enumId: plan.id, enumeration: 'audit_plan', replace: false }];
        return {
          res: await api.call('POST', `/api/accounts/${ids.account}/enum-sync`, { bindings }),
          expected: { status: 200, action: 'enumeration.sync', path: `/api/accounts/${ids.account}/enum-sync`, resourceType: 'account', resourceId: ids.account, accountId: ids.account, changes: { bindings: { to: bindings } } },
        };
      },
    },
    {
      route: 'POST /api/sync/jobs',
      act: async (api) => {
        const res = await api.call<{ id: string }>('POST', '/api/sync/jobs', { name: 'Audited import', accountId: ids.account, schemaId: ids.schema, operation: 'import' });
        ids.job = res.body.id;
        return {
          res,
          expected: {
            status: 201,
            action: 'job.create',
            path: '/api/sync/jobs',
            resourceType: 'job',
            resourceId: res.body.id,
            accountId: ids.account,
            changes: { name: { to: 'Audited import' }, operation: { to: 'import' }, schemaId: { to: ids.schema } },
          },
        };
      },
    },
    {
      route: 'PATCH /api/sync/jobs/{id}',
      act: async (api) => ({
        res: await api.call('PATCH', `/api/sync/jobs/${ids.job}`, { name: 'Audited import (renamed)' }),
        expected: {
          status: 200,
          action: 'job.update',
          path: `/api/sync/jobs/${ids.job}`,
          resourceType: 'job',
          resourceId: ids.job,
          accountId: ids.account,
          changes: { name: { from: 'Audited import', to: 'Audited import (renamed)' } },
        },
      }),
      check: (entry) => expect(Object.keys(entry.changes ?? {})).toEqual(['name']),
    },
    {
      route: 'POST /api/sync/jobs/{id}/runs',
      act: async (api) => {
        // Slow CRM queries keep the run in progress, so that the next case cancels it for real.
        world.sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 3_000, endpoints: ['query', 'queryAll', 'queryMore'] });
        const res = await api.call<RunBody>('POST', `/api/sync/jobs/${ids.job}/runs`, { full: true });
        ids.run = res.body.id;
        return {
          res,
          expected: {
            status: 202,
            action: 'job.run',
            path: `/api/sync/jobs/${ids.job}/runs`,
            resourceType: 'job',
            resourceId: ids.job,
            accountId: ids.account,
            changes: { full: { to: true }, 'answer.id': { to: res.body.id } },
          },
        };
      },
    },
    {
      route: 'POST /api/sync/runs/{id}/cancel',
      act: async (api) => {
        const res = await api.call('POST', `/api/sync/runs/${ids.run}/cancel`);
        try {
          expect((await world.api().wait(ids.run as string, { timeoutMs: 30_000 })).status).toBe('cancelled');
        } finally {
          world.sf.faults.clear();
        }
        return { res, expected: { status: 202, action: 'run.cancel', path: `/api/sync/runs/${ids.run}/cancel`, resourceType: 'run', resourceId: ids.run, accountId: ids.account } };
      },
    },
    {
      route: 'DELETE /api/sync/jobs/{id}',
      act: async (api) => ({
        res: await api.call('DELETE', `/api/sync/jobs/${ids.job}`),
        expected: {
          status: 204,
          action: 'job.delete',
          path: `/api/sync/jobs/${ids.job}`,
          resourceType: 'job',
          resourceId: ids.job,
          accountId: ids.account,
          changes: { name: { from: 'Audited import (renamed)' } },
        },
      }),
    },
  ];

  it('has a case for every mutating /api operation of the OpenAPI document, and no other', async () => {
    const res = await fetch(`${world.hub.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, item]) => MUTATING.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(0);
    expect(cases.map((c) => c.route).sort()).toEqual([...new Set(documented)].sort());
  });

  it.each(cases)('$route writes an entry naming the key, the action, the resource and what changed', async (c) => {
    const key = await createKey({ name: `audit: ${c.route}`, scope: 'admin' });
    const { res, expected } = await c.act(as(key));
    expect({ route: c.route, status: res.status, text: res.status === expected.status ? '' : res.text }).toEqual({ route: c.route, status: expected.status, text: '' });

    const { page, text } = await audit(`keyId=${encodeURIComponent(key.id)}`);
    expect(page.entries).toHaveLength(1);
    const entry = page.entries[0] as AuditEntry;
    const { changes, status, ...where } = expected;
    expect(entry).toMatchObject({
      key: { id: key.id, prefix: key.prefix, name: key.name },
      method: c.route.split(' ')[0],
      outcome: 'succeeded',
      status,
      error: null,
      ...where,
    });
    expect(entry.key.prefix).toBe(key.key.slice(0, entry.key.prefix.length));
    expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    c.check?.(entry);
    expectNoSecret(text);
    expectSecretsOnlyAsChanged(entry.changes);
    if (changes) expect(entry.changes).toMatchObject(changes);
  });

  it('records a change that failed (400), with the error, and no secret of its body', async () => {
    const key = await createKey({ name: 'audit: a failed PATCH', scope: 'admin' });
    const created = await as(key).call<Problem>('POST', '/api/accounts', { name: 'Audit never created', pluginId: 'salesforce', config: { ...subscriptionAccount(), loginUrl: 'http://login.example.com', clientSecret: FAILED_SECRET } });
    expect(created.status).toBe(400);
    const res = await as(key).call<Problem>('PATCH', `/api/accounts/${ids.account}`, { config: { loginUrl: 'http://login.example.com', clientSecret: FAILED_SECRET } });
    expect(res.status).toBe(400);
    const { page, text } = await audit(`keyId=${encodeURIComponent(key.id)}`);
    expect(page.entries).toEqual([
      expect.objectContaining({
        key: { id: key.id, prefix: key.prefix, name: key.name },
        action: 'account.update',
        method: 'PATCH',
        path: `/api/accounts/${ids.account}`,
        resourceType: 'account',
        resourceId: ids.account,
        accountId: ids.account,
        outcome: 'failed',
        status: 400,
        error: expect.stringMatching(/\S/),
      }),
      expect.objectContaining({
        key: { id: key.id, prefix: key.prefix, name: key.name },
        action: 'account.create',
        method: 'POST',
        path: '/api/accounts',
        resourceType: 'account',
        resourceId: null,
        outcome: 'failed',
        status: 400,
        error: expect.stringMatching(/\S/),
      }),
    ]);
    // Nothing was changed.
    expect((await world.raw().call<{ name: string }[]>('GET', '/api/accounts')).body.map((a) => a.name)).not.toContain('Audit never created');
    const account = await world.raw().call<{ config: Record<string, unknown> }>('GET', `/api/accounts/${ids.account}`);
    expect(account.body.config['loginUrl']).toBe(world.sf.url);
    expectNoSecret(text);
    for (const entry of page.entries) expectSecretsOnlyAsChanged(entry.changes);
  });

  it("records a change refused for its key's scope (403) as failed, naming the key, and no secret of its body", async () => {
    const read = await createKey({ name: 'audit: a read key', scope: 'read' });
    const refused = await as(read).call<Problem>('PATCH', `/api/accounts/${ids.account}`, { name: 'not allowed', config: { clientSecret: REFUSED_SECRET } });
    expect(refused.status).toBe(403);
    const byRead = await audit(`keyId=${encodeURIComponent(read.id)}`);
    expect(byRead.page.entries).toEqual([
      expect.objectContaining({
        key: { id: read.id, prefix: read.prefix, name: 'audit: a read key' },
        action: 'account.update',
        method: 'PATCH',
        path: `/api/accounts/${ids.account}`,
        resourceType: 'account',
        resourceId: ids.account,
        outcome: 'failed',
        status: 403,
        error: expect.stringContaining("scope 'admin'"),
      }),
    ]);
    expect(byRead.page.entries[0]?.error).toContain(read.prefix);
    expect((await world.raw().call<{ name: string }>('GET', `/api/accounts/${ids.account}`)).body.name).not.toBe('not allowed');
    expectNoSecret(byRead.text);
    expectSecretsOnlyAsChanged(byRead.page.entries[0]?.changes ?? null);
  });

  it('records a change refused because the resource is another account\'s (404) as failed', async () => {
    const limited = await createKey({ name: 'audit: a key of the other account', scope: 'admin', accounts: [ids.other] });
    const hidden = await as(limited).call<Problem>('DELETE', `/api/schemas/${ids.schema}`);
    const renamed = await as(limited).call<Problem>('PATCH', `/api/accounts/${ids.account}`, { name: 'not yours' });
    expect([hidden.status, renamed.status]).toEqual([404, 404]);
    const byLimited = await audit(`keyId=${encodeURIComponent(limited.id)}`);
    expect(byLimited.page.entries).toEqual([
      expect.objectContaining({ key: { id: limited.id, prefix: limited.prefix, name: limited.name }, action: 'account.update', method: 'PATCH', outcome: 'failed', status: 404, error: expect.stringMatching(/not found/) }),
      expect.objectContaining({ key: expect.objectContaining({ id: limited.id }), action: 'schema.delete', method: 'DELETE', path: `/api/schemas/${ids.schema}`, outcome: 'failed', status: 404 }),
    ]);
    expectNoSecret(byLimited.text);
    expect((await world.raw().call<{ name: string }>('GET', `/api/accounts/${ids.account}`)).body.name).not.toBe('not yours');
    expect((await world.raw().call('GET', `/api/schemas/${ids.schema}`)).status).toBe(200);
  });

  it('has no route to change or delete entries (404 problem+json), and the entries stay as they were', async () => {
    const before = await wholeLog();
    expect(before.entries.length).toBeGreaterThan(cases.length);
    const key = await createKey({ name: 'audit: trying to rewrite history', scope: 'admin' });
    const after0 = await wholeLog();
    const first = before.entries[before.entries.length - 1] as AuditEntry;
    for (const path of ['/api/audit', `/api/audit/${first.id}`, '/api/audit/1']) {
      for (const method of ['PATCH', 'PUT', 'DELETE']) {
        const res = await as(key).call<Problem>(method, path, method === 'DELETE' ? undefined : { outcome: 'succeeded', key: { name: 'someone else' } });
        expect({ method, path, status: res.status, type: res.headers.get('content-type') }).toEqual({ method, path, status: 404, type: expect.stringContaining('application/problem+json') });
      }
    }
    const after = await wholeLog();
    expect(after.entries).toEqual(after0.entries);
    expect(after.entries.slice(after.entries.length - before.entries.length)).toEqual(before.entries);
    const document = (await (await fetch(`${world.hub.url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(document.paths).filter(([path]) => path.startsWith('/api/audit'));
    expect(auditPaths.map(([path, item]) => [path, Object.keys(item).filter((m) => MUTATING.includes(m))])).toEqual([['/api/audit', []]]);
  });

  it('never holds a secret: account secrets, the CRM client secret, API keys', async () => {
    const { entries, text } = await wholeLog();
    expect(entries.length).toBeGreaterThan(cases.length);
    expectNoSecret(text);
    for (const entry of entries) expectSecretsOnlyAsChanged(entry.changes);
  });

  it('removes entries older than HUB_AUDIT_RETENTION_DAYS, and keeps the others', async () => {
    const day = 24 * 60 * 60_000;
    const insert = async (keyId: string, daysAgo: number) => {
      const columns = ['at', 'key_id', 'key_prefix', 'key_name', 'action', 'method', 'path', 'resource_type', 'resource_id', 'account_id', 'changes', 'outcome', 'status', 'error'];
      const values = [new Date(Date.now() - daysAgo * day).toISOString(), keyId, 'chub_old0000', 'an old key', 'account.update', 'PATCH', `/api/accounts/${ids.account}`, 'account', ids.account, ids.account, JSON.stringify({ name: { from: 'a', to: 'b' } }), 'succeeded', 200, null];
      await world.database.dataSource.query(`INSERT INTO audit_entry (${columns.join(', ')}) VALUES (${columns.map((_, i) => world.p(i + 1)).join(', ')})`, values);
    };
    await insert('retention-400-days', 400);
    await insert('retention-300-days', 300);
    expect((await audit('keyId=retention-400-days')).page.entries).toHaveLength(1);
    const recent = (await wholeLog()).entries.filter((e) => !e.key.id.startsWith('retention-'));

    const second = await world.start('hub-retention', false, { HUB_AUDIT_RETENTION_DAYS: '365' });
    try {
      const deadline = Date.now() + 15_000;
      while ((await audit('keyId=retention-400-days', second)).page.entries.length > 0) {
        if (Date.now() > deadline) throw new Error('The entry of 400 days ago is still there 15 s after a hub with HUB_AUDIT_RETENTION_DAYS=365 started');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await audit('keyId=retention-300-days', second)).page.entries).toEqual([expect.objectContaining({ key: { id: 'retention-300-days', prefix: 'chub_old0000', name: 'an old key' }, status: 200 })]);
      const kept = (await wholeLog(second)).entries.filter((e) => !e.key.id.startsWith('retention-'));
      expect(kept.slice(kept.length - recent.length)).toEqual(recent);
    } finally {
      await second.stop();
    }
  });
});
