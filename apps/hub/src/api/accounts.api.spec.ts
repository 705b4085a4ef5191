import { AccountUsageRegistry } from '@crm-hub/accounts';
import { DataSource } from 'typeorm';
import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { startTestHub, type TestHub } from '../test-support/test-hub';

const valid = {
  name: 'Fixture production',
  pluginId: 'fixture-crm',
  config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good },
};

describe('/api/accounts', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub()));
  afterAll(() => hub.close());

  async function accountCount(): Promise<number> {
    const res = await hub.api().get('/api/accounts').expect(200);
    return (res.body as unknown[]).length;
  }

  describe('refuses bad input with problem+json naming each field, and stores nothing', () => {
    it.each([
      ['an http:// URL', { ...valid, config: { ...valid.config, baseUrl: 'http://crm.example.com' } }, 'config.baseUrl', /https/],
      ['a missing secret', { ...valid, config: { baseUrl: 'https://crm.example.com' } }, 'config.token', /required/],
      ['an unknown setting', { ...valid, config: { ...valid.config, tokn: 'x' } }, 'config.tokn', /.+/],
      ['an unknown plugin', { ...valid, pluginId: 'no-such-crm' }, 'pluginId', /no installed plugin has id 'no-such-crm'/],
      ['an unknown body field', { ...valid, plugin: 'x' }, 'plugin', /not a known field/],
      ['a blank name', { ...valid, name: '   ' }, 'name', /blank/],
    ])('%s', async (_case, body, field, message) => {
      const res = await hub.api().post('/api/accounts').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', instance: '/api/accounts' });
      const problem = (res.body.errors as { field: string; message: string }[]).find((e) => e.field === field);
      expect(problem?.message).toMatch(message);
      expect(JSON.stringify(res.body)).not.toContain(FIXTURE_TOKENS.good);
      expect(await accountCount()).toBe(0);
    });

    it('a body that is not JSON', async () => {
      const res = await hub.api().post('/api/accounts').set('content-type', 'application/json').send('{"name":').expect(400);
      expect(res.body.detail).toMatch(/^The request body is not valid JSON/);
    });
  });

  it('creates an account: defaults applied, secret sealed at rest and never returned', async () => {
    const res = await hub.api().post('/api/accounts').send(valid).expect(201);
    expect(res.body).toMatchObject({
      name: 'Fixture production',
      pluginId: 'fixture-crm',
      pluginAvailable: true,
      config: { baseUrl: 'https://crm.example.com', apiVersion: 'v1', sandbox: false },
      secrets: { token: { set: true } },
      lastCheck: null,
    });
    expect(res.body.config.token).toBeUndefined();
    const rows = (await hub.app.get(DataSource).query('SELECT * FROM external_account')) as Record<string, string>[];
    expect(JSON.stringify(rows)).not.toContain(FIXTURE_TOKENS.good);
    const fetched = await hub.api().get(`/api/accounts/${res.body.id}`).expect(200);
    expect(fetched.body).toEqual(res.body);
    expect(JSON.stringify((await hub.api().get('/api/accounts')).body)).not.toContain(FIXTURE_TOKENS.good);
  });

  it('refuses a second account with the same name (409)', async () => {
    const res = await hub.api().post('/api/accounts').send(valid).expect(409);
    expect(res.body.detail).toMatch(/already exists/);
  });

  it('patches settings, keeping secrets not sent; a bad patch changes nothing', async () => {
    const [account] = (await hub.api().get('/api/accounts')).body as { id: string }[];
    const id = (account as { id: string }).id;
    await hub.api().patch(`/api/accounts/${id}`).send({ config: { baseUrl: 'http://insecure.example.com' } }).expect(400);
    await hub.api().patch(`/api/accounts/${id}`).send({ config: { token: null } }).expect(400);
    const patched = await hub.api().patch(`/api/accounts/${id}`).send({ name: 'Renamed', config: { apiVersion: 'v2' } }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', config: { baseUrl: 'https://crm.example.com', apiVersion: 'v2' }, secrets: { token: { set: true } } });
    const check = await hub.api().post(`/api/accounts/${id}/check`).expect(200);
    expect(check.body.ok).toBe(true);
  });

  describe('check', () => {
    async function create(name: string, token: string): Promise<string> {
      const res = await hub.api().post('/api/accounts').send({ ...valid, name, config: { ...valid.config, token } }).expect(201);
      return res.body.id as string;
    }

    it('reports ok with details, and records the outcome', async () => {
      const id = await create('check ok', FIXTURE_TOKENS.good);
      const res = await hub.api().post(`/api/accounts/${id}/check`).expect(200);
      expect(res.body).toMatchObject({ ok: true, details: { org: 'Fixture', token: '[REDACTED]' }, apiCalls: 1 });
      const account = await hub.api().get(`/api/accounts/${id}`).expect(200);
      expect(account.body.lastCheck).toMatchObject({ status: 'ok', at: res.body.checkedAt });
    });

    it('reports a refusal with its reason, secrets masked', async () => {
      const refused = await create('check refused', 'wrong-token-000000');
      const res = await hub.api().post(`/api/accounts/${refused}/check`).expect(200);
      expect(res.body).toMatchObject({ ok: false, reason: 'the CRM refused token [REDACTED]' });
      const thrown = await create('check throws', FIXTURE_TOKENS.echoedInError);
      const res2 = await hub.api().post(`/api/accounts/${thrown}/check`).expect(200);
      expect(res2.body.reason).toBe('CRM refused token [REDACTED]');
      expect((await hub.api().get(`/api/accounts/${thrown}`)).body.lastCheck).toMatchObject({ status: 'failed', reason: 'CRM refused token [REDACTED]' });
    });

    it('gives up after the time limit', async () => {
      const id = await create('check hangs', FIXTURE_TOKENS.hangs);
      const res = await hub.api().post(`/api/accounts/${id}/check`).expect(200);
      expect(res.body).toMatchObject({ ok: false, reason: expect.stringMatching(/did not answer within 2000 ms/) });
    });
  });

  it('deletes an unused account, and refuses (409) to delete one still in use', async () => {
    const { body } = await hub.api().post('/api/accounts').send({ ...valid, name: 'to delete' }).expect(201);
    hub.app.get(AccountUsageRegistry).register({ kind: 'sync job', find: async (id) => (id === body.id ? ['nightly contacts'] : []) });
    const refused = await hub.api().delete(`/api/accounts/${body.id}`).expect(409);
    expect(refused.body.detail).toMatch(/still used by sync job 'nightly contacts'/);
    const { body: other } = await hub.api().post('/api/accounts').send({ ...valid, name: 'unused' }).expect(201);
    await hub.api().delete(`/api/accounts/${other.id}`).expect(204);
    const gone = await hub.api().get(`/api/accounts/${other.id}`).expect(404);
    expect(gone.body.detail).toBe(`No account has id '${other.id}'`);
  });

  it('never writes a secret to the log, even when the plugin logs it', () => {
    const all = hub.logs.join('');
    expect(all).toContain('checking with token [REDACTED]');
    for (const secret of Object.values(FIXTURE_TOKENS)) expect(all).not.toContain(secret);
    expect(all).not.toContain(hub.apiKey);
  });
});
