import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { startTestHub, type TestHub } from '../test-support/test-hub';

const valid = { name: 'Settings', pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good } };

/** Limits on account settings and the exact meaning of PATCH. */
describe('account settings and PATCH', () => {
  let hub: TestHub;
  let id: string;
  beforeAll(async () => {
    hub = await startTestHub();
    id = (await hub.api().post('/api/accounts').send(valid).expect(201)).body.id as string;
  });
  afterAll(() => hub.close());

  const stored = async () => (await hub.api().get(`/api/accounts/${id}`).expect(200)).body as Record<string, unknown>;
  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it.each([
    ['a null name', { name: null }, 'name'],
    ['a null config', { config: null }, 'config'],
    ['a config that is a list', { config: [] }, 'config'],
    ['a number as name', { name: 42 }, 'name'],
  ])('PATCH with %s → 400 naming the field, nothing changed', async (_case, body, field) => {
    const before = await stored();
    const res = await hub.api().patch(`/api/accounts/${id}`).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fields(res.body)).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it('an empty PATCH, or one with the current values, answers 200 and writes nothing (updatedAt kept)', async () => {
    await hub.api().post(`/api/accounts/${id}/check`).expect(200);
    const before = await stored();
    for (const body of [{}, { name: 'Settings' }, { config: {} }, { config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good } }]) {
      const res = await hub.api().patch(`/api/accounts/${id}`).send(body).expect(200);
      expect(res.body).toEqual(before);
    }
    expect(await stored()).toEqual(before);
    expect(before['lastCheck']).toMatchObject({ status: 'ok' });
  });

  it('a PATCH that changes something moves updatedAt and clears the last check', async () => {
    const before = await stored();
    await new Promise((r) => setTimeout(r, 5));
    const res = await hub.api().patch(`/api/accounts/${id}`).send({ config: { apiVersion: 'v9' } }).expect(200);
    expect(res.body.updatedAt > (before['updatedAt'] as string)).toBe(true);
    expect(res.body.lastCheck).toBeNull();
  });

  it.each([
    ['a user and password', 'https://admin:s3cret-pass@crm.example.com'],
    ['a user only', 'https://admin@crm.example.com/path'],
  ])('refuses a URL setting with %s, naming config.baseUrl and never echoing it', async (_case, url) => {
    const created = await hub.api().post('/api/accounts').send({ ...valid, name: 'creds', config: { ...valid.config, baseUrl: url } }).expect(400);
    const patched = await hub.api().patch(`/api/accounts/${id}`).send({ config: { baseUrl: url } }).expect(400);
    for (const res of [created, patched]) {
      expect(res.body.errors).toEqual([{ field: 'config.baseUrl', message: expect.stringMatching(/user name or password/) }]);
      expect(res.text).not.toContain('s3cret-pass');
      expect(res.text).not.toContain('admin');
    }
    expect(hub.logs.join('')).not.toContain('s3cret-pass');
  });

  it('refuses a setting longer than 16 KiB and settings larger than 64 KiB in all, naming them', async () => {
    const long = await hub.api().post('/api/accounts').send({ ...valid, name: 'long', config: { ...valid.config, token: 'x'.repeat(16 * 1024 + 1) } });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ field: 'config.token', message: 'is longer than 16 KiB' }]);
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`extra${i}`, 'y'.repeat(8 * 1024)]));
    const large = await hub.api().post('/api/accounts').send({ ...valid, name: 'large', config: { ...valid.config, ...many } });
    expect(large.status).toBe(400);
    expect(large.body.errors).toEqual([{ field: 'config', message: expect.stringMatching(/larger than 64 KiB/) }]);
    const names = ((await hub.api().get('/api/accounts').expect(200)).body as { name: string }[]).map((a) => a.name);
    expect(names).toEqual(['Settings']);
  });
});
