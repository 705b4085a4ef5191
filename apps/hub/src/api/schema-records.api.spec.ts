import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { DataSource } from 'typeorm';
import { startTestHub, type TestHub } from '../test-support/test-hub';

/** Writing records through the API: values checked against the columns, change capture on every write. */
describe('/api/schemas/:id/records (writes)', () => {
  let hub: TestHub;
  let schemaId: string;
  let table: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const config = { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good };
    const accountId = (await hub.api().post('/api/accounts').send({ name: 'Fixture', pluginId: 'fixture-crm', config }).expect(201)).body.id;
    const schema = (await hub.api().post(`/api/accounts/${accountId}/schemas`).send({ objects: [{ name: 'Contact' }] }).expect(201)).body.schemas[0];
    schemaId = schema.id;
    table = schema.table;
  }, 60_000);
  afterAll(() => hub.close());

  const rows = async () =>
    (await hub.app.get(DataSource).query(`SELECT hub_id, last_name, hub_origin, hub_change_seq, hub_deleted_at FROM "${table}" ORDER BY hub_id`)) as Record<string, unknown>[];

  it('creates, changes and soft-deletes a record, each change numbered for export', async () => {
    const created = await hub.api().post(`/api/schemas/${schemaId}/records`).send({ values: { LastName: 'Lovelace' } }).expect(201);
    const [row] = await rows();
    expect(row).toMatchObject({ last_name: 'Lovelace', hub_origin: 'hub', hub_deleted_at: null });
    const first = Number(row?.['hub_change_seq']);
    await hub.api().patch(`/api/schemas/${schemaId}/records/${created.body.hubId}`).send({ values: { LastName: 'Byron' } }).expect(204);
    const [changed] = await rows();
    expect(changed?.['last_name']).toBe('Byron');
    expect(Number(changed?.['hub_change_seq'])).toBeGreaterThan(first);
    await hub.api().delete(`/api/schemas/${schemaId}/records/${created.body.hubId}`).expect(204);
    expect((await rows())[0]?.['hub_deleted_at']).not.toBeNull();
    const browsed = await hub.api().get(`/api/schemas/${schemaId}/records?includeDeleted=true`).expect(200);
    expect(browsed.body.records[0]).toMatchObject({ hubId: created.body.hubId, values: { LastName: 'Byron' } });
  });

  it.each([
    ['an unknown field', { Nope: 1 }, 'values.Nope', /not a field/],
    ['a value too long for its column', { LastName: 'x'.repeat(81) }, 'values.LastName', /81 characters, the column holds 80/],
    ['a list in a text column', { LastName: ['a'] }, 'values.LastName', /does not fit a text column/],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, values, field, message) => {
    const before = await rows();
    const res = await hub.api().post(`/api/schemas/${schemaId}/records`).send({ values }).expect(400);
    expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await rows()).toEqual(before);
  });

  it('answers 404 for a record that does not exist', async () => {
    await hub.api().patch(`/api/schemas/${schemaId}/records/999999`).send({ values: { LastName: 'X' } }).expect(404);
    await hub.api().delete(`/api/schemas/${schemaId}/records/not-a-number`).expect(404);
  });
});
