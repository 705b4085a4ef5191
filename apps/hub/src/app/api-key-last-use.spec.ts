import { DataSource } from 'typeorm';
import { startTestHub, type TestHub } from '../test-support/test-hub';

describe("an API key's last use", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it('is recorded on first use, then not written again on every request', async () => {
    const created = await hub.api().post('/api/keys').send({ name: 'poller', scope: 'read' }).expect(201);
    const { id, key } = created.body as { id: string; key: string };
    const lastUsed = async () => ((await hub.app.get(DataSource).query(`SELECT last_used_at FROM api_key WHERE id = '${id}'`)) as { last_used_at: string | null }[])[0]?.last_used_at;
    expect(await lastUsed()).toBeNull();

    await hub.anonymous().get('/api/plugins').set('authorization', `Bearer ${key}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the write does not hold the request
    const first = await lastUsed();
    expect(first).toEqual(expect.any(String));
    for (let i = 0; i < 5; i++) await hub.anonymous().get('/api/plugins').set('authorization', `Bearer ${key}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await lastUsed()).toBe(first);
  });
});
