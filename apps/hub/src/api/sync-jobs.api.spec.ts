import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { DataSource } from 'typeorm';
import { startTestHub, type TestHub } from '../test-support/test-hub';

type Problem = { status: number; detail: string; errors?: { field: string; message: string }[] };

/** Jobs over the fixture plugin's Contact (Id, ModifiedAt, LastName), a contract-1 package with plain Observables. */
describe('/api/sync/jobs', () => {
  let hub: TestHub;
  let accountId: string;
  let schemaId: string;
  let otherSchemaId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const config = { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good };
    accountId = (await hub.api().post('/api/accounts').send({ name: 'Fixture', pluginId: 'fixture-crm', config }).expect(201)).body.id;
    const other = (await hub.api().post('/api/accounts').send({ name: 'Other', pluginId: 'fixture-crm', config }).expect(201)).body.id;
    schemaId = (await hub.api().post(`/api/accounts/${accountId}/schemas`).send({ objects: [{ name: 'Contact' }] }).expect(201)).body.schemas[0].id;
    otherSchemaId = (await hub.api().post(`/api/accounts/${other}/schemas`).send({ objects: [{ name: 'Contact' }] }).expect(201)).body.schemas[0].id;
  }, 60_000);
  afterAll(() => hub.close());

  const valid = () => ({ name: 'Contacts', accountId, schemaId, operation: 'import' });
  const jobCount = async () => ((await hub.api().get('/api/sync/jobs').expect(200)).body as unknown[]).length;

  describe('refuses an invalid job with a 400 naming each field, and stores nothing', () => {
    it.each([
      ['an unknown mapped field', { mapping: [{ field: 'Nope' }] }, 'mapping[0].field', /not a field of the schema/],
      ['an unknown column', { mapping: [{ field: 'LastName', column: 'no_such' }] }, 'mapping[0].column', /not a column/],
      ['a date conversion of a string', { mapping: [{ field: 'LastName', conversion: 'date-only' }] }, 'mapping[0].conversion', /date-times/],
      ['a filter on an unknown field', { filter: { field: 'Nope', op: 'eq', value: 1 } }, 'filter', /Nope/],
      ['a filter operator the plugin cannot push down', { filter: { field: 'LastName', op: 'startsWith', value: 'A' } }, 'filter', /pushes down only eq/],
      ['an invalid cron', { schedule: { cron: 'every minute' } }, 'schedule.cron', /not a valid cron/],
      ['an unknown time zone', { schedule: { cron: '*/5 * * * *', timeZone: 'Mars/Olympus' } }, 'schedule.timeZone', /IANA/],
      ['a schedule on a continuous job', { mode: 'continuous', schedule: { cron: '*/5 * * * *' } }, 'schedule', /continuous/],
      ['a schema of another account', { schemaId: 'OTHER' }, 'schemaId', /another account/],
      ['an unknown account', { accountId: '00000000-0000-0000-0000-000000000000' }, 'accountId', /no account/],
      ['a window date in ISO basic format', { operation: 'import-deleted', options: { window: { from: '20260101', to: '2026-01-02T00:00:00Z' } } }, 'options.window.from', /ISO 8601 date-time/],
      ['a window on an import job', { options: { window: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' } } }, 'options.window', /import-deleted/],
      ['an unknown option', { options: { incremental: true, retry: 3 } }, 'options.retry', /not a known field/],
      ['an export the plugin cannot write', { operation: 'export', options: { writeMode: 'update' } }, 'options.writeMode', /cannot update records/],
      ['an upsert without its external-id field', { operation: 'export', options: { writeMode: 'upsert' } }, 'options.matchField', /external-id field/],
      ['a delete the plugin cannot do', { operation: 'delete' }, 'operation', /cannot delete records/],
      ['a write option on an import', { options: { writeMode: 'insert' } }, 'options', /export and delete jobs/],
      ['a pair on an import job', { options: { pair: { importJobId: 'x', conflictPolicy: 'crm-wins' } } }, 'options', /export and delete jobs/],
    ])('%s', async (_case, change, field, message) => {
      const body = { ...valid(), ...change } as Record<string, unknown>;
      if (body['schemaId'] === 'OTHER') body['schemaId'] = otherSchemaId;
      const res = await hub.api().post('/api/sync/jobs').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = (res.body as Problem).errors?.find((e) => e.field === field);
      expect(problem?.message).toMatch(message);
      expect(await jobCount()).toBe(0);
    });
  });

  it('creates a job mapping every field by default, runs it, and lists its run and records (an unpaced contract-1 plugin)', async () => {
    const job = (await hub.api().post('/api/sync/jobs').send(valid()).expect(201)).body;
    expect(job).toMatchObject({ name: 'Contacts', operation: 'import', mode: 'manual', enabled: true, computedFields: [] });
    expect(job.mapping.map((m: { field: string }) => m.field)).toEqual(expect.arrayContaining(['LastName']));
    const started = await hub.api().post(`/api/sync/jobs/${job.id}/runs`).send({}).expect(202);
    expect(started.headers['location']).toBe(`/api/sync/runs/${started.body.id}`);
    let run = started.body;
    for (let i = 0; i < 100 && !['succeeded', 'failed'].includes(run.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await hub.api().get(`/api/sync/runs/${run.id}`).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'succeeded', counters: { read: 3, inserted: 3 } });
    const records = await hub.api().get(`/api/schemas/${schemaId}/records`).expect(200);
    expect(records.body.records).toHaveLength(3);
    const runs = await hub.api().get(`/api/sync/runs?jobId=${job.id}`).expect(200);
    expect(runs.body.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });

  it('refuses a second run while one is active (409 naming it), and cancels a queued run', async () => {
    const job = (await hub.api().post('/api/sync/jobs').send({ ...valid(), name: 'Second' }).expect(201)).body;
    const ds = hub.app.get(DataSource);
    const p = ds.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await ds.query(
      `INSERT INTO sync_run (id, job_id, status, trigger, "full", notes, queued_at) VALUES (${p[0]}, ${p[1]}, 'queued', 'manual', ${ds.options.type === 'postgres' ? 'false' : '0'}, '[]', '2026-01-01T00:00:00.000Z')`,
      ['11111111-1111-1111-1111-111111111111', job.id],
    );
    const refused = await hub.api().post(`/api/sync/jobs/${job.id}/runs`).send({}).expect(409);
    expect(refused.body.detail).toContain('11111111-1111-1111-1111-111111111111');
    const cancelled = await hub.api().post('/api/sync/runs/11111111-1111-1111-1111-111111111111/cancel').expect(202);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('refuses to delete an account or a schema that jobs use (409), and deletes a schema only when free', async () => {
    const account = await hub.api().delete(`/api/accounts/${accountId}`).expect(409);
    expect(account.body.detail).toMatch(/sync job 'Contacts'/);
    const schema = await hub.api().delete(`/api/schemas/${schemaId}`).expect(409);
    expect(schema.body.detail).toMatch(/sync job/);
    await hub.api().get(`/api/schemas/${schemaId}`).expect(200);
    const table = (await hub.api().get(`/api/schemas/${otherSchemaId}`).expect(200)).body.table as string;
    await hub.api().delete(`/api/schemas/${otherSchemaId}?dropTable=true`).expect(204);
    await hub.api().get(`/api/schemas/${otherSchemaId}`).expect(404);
    await expect(hub.app.get(DataSource).query(`SELECT 1 FROM "${table}"`)).rejects.toThrow();
  });

  it('changes only what a PATCH sends, and answers 404 for unknown jobs and runs', async () => {
    const [job] = (await hub.api().get('/api/sync/jobs').expect(200)).body as { id: string; updatedAt: string }[];
    const patched = await hub.api().patch(`/api/sync/jobs/${job?.id}`).send({ schedule: { cron: '0 0 * * *', timeZone: 'Europe/Rome' } }).expect(200);
    expect(patched.body).toMatchObject({ mode: 'scheduled', schedule: { cron: '0 0 * * *', timeZone: 'Europe/Rome' } });
    expect(patched.body.nextRunAt).toBeDefined();
    const bad = await hub.api().patch(`/api/sync/jobs/${job?.id}`).send({ schedule: { cron: 'nope' } }).expect(400);
    expect(bad.body.errors[0].field).toBe('schedule.cron');
    expect((await hub.api().get(`/api/sync/jobs/${job?.id}`).expect(200)).body.schedule.cron).toBe('0 0 * * *');
    await hub.api().get('/api/sync/jobs/nope').expect(404);
    await hub.api().get('/api/sync/runs/nope').expect(404);
  });
});
