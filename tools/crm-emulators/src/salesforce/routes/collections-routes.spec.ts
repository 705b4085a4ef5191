import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure, rest } from '../test-support/salesforce-test-kit';
import { collectionsRoutes } from './collections-routes';

type Result = { id?: string; success: boolean; created?: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };
const codes = (results: unknown) => (results as Result[]).map((r) => (r.success ? 'OK' : r.errors.map((e) => e.statusCode).join('+')));

describe(collectionsRoutes.name, () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  let accountId: string;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    conn = await connect(sf);
    [accountId] = sf.create('Account', [{ Name: 'Parent' }]) as [string];
  });
  afterAll(() => sf.close());
  beforeEach(() => sf.setRecordLocks(null));

  const sub = (extra: Record<string, unknown> = {}) => ({ Name: 'S', Start_Date__c: '2026-01-01', ...extra });

  it('creates, updates, upserts and deletes arrays through sObject Collections (jsforce), one result per record in order', async () => {
    sf.counters.reset();
    const created = (await conn.sobject('Subscription__c').create([sub({ External_Id__c: 'A-1', Features__c: 'Sso;Api' }), sub({ External_Id__c: 'A-2' })])) as Result[];
    expect(codes(created)).toEqual(['OK', 'OK']);
    const [a, b] = created.map((r) => r.id as string);
    expect(a).toMatch(/^a0X[A-Za-z0-9]{15}$/);
    const updated = await conn.sobject('Subscription__c').update([{ Id: a, Amount__c: 12.345 }, { Id: b, Plan__c: 'Premium' }]);
    expect(codes(updated)).toEqual(['OK', 'OK']);
    const upserted = (await conn.sobject('Subscription__c').upsert([sub({ External_Id__c: 'a-2', Seats__c: 3 }), sub({ External_Id__c: 'A-3' })], 'External_Id__c')) as Result[];
    expect(upserted.map((r) => [r.success, r.created])).toEqual([[true, false], [true, true]]);
    expect(upserted[0]?.id).toBe(b);
    const row = (await conn.query(`SELECT Amount__c, Annual_Amount__c, Features__c, Seats__c FROM Subscription__c WHERE Id = '${a}'`)).records[0];
    expect(row).toMatchObject({ Amount__c: 12.35, Annual_Amount__c: 148.2, Features__c: 'Sso;Api', Seats__c: null });
    const destroyed = await conn.sobject('Subscription__c').destroy([a, b, 'a0XgK0000000zzz']);
    expect(codes(destroyed)).toEqual(['OK', 'OK', 'INVALID_CROSS_REFERENCE_KEY']);
    expect(codes(await conn.sobject('Subscription__c').destroy([a, 'not-an-id']))).toEqual(['ENTITY_IS_DELETED', 'MALFORMED_ID']);
    expect(sf.counters.snapshot()).toEqual({ 'composite.sobjects': 5, query: 1 });
  });

  it('enforces the describe per record: required, restricted picklist, length, read-only, references, e-mail', async () => {
    const results = (await conn.sobject('Subscription__c').create([
      { Name: 'no start date' },
      sub({ Plan__c: 'Gold' }),
      sub({ Name: 'x'.repeat(81) }),
      sub({ Annual_Amount__c: 5 }),
      sub({ Account__c: '001gK0000000zzzAAA' }),
      sub({ Account__c: 'garbage' }),
      sub({ Contact_Email__c: 'not-an-email' }),
      sub({ Account__c: accountId }),
    ])) as Result[];
    expect(codes(results)).toEqual([
      'REQUIRED_FIELD_MISSING', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'STRING_TOO_LONG', 'INVALID_FIELD_FOR_INSERT_UPDATE',
      'INVALID_CROSS_REFERENCE_KEY', 'MALFORMED_ID', 'INVALID_EMAIL_ADDRESS', 'OK',
    ]);
    expect(results[0]?.errors[0]).toEqual({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Start_Date__c]', fields: ['Start_Date__c'] });
    expect(results[1]?.errors[0]?.message).toBe('Plan: bad value for restricted picklist field: Gold');
    expect(results[2]?.errors[0]).toMatchObject({ message: `Subscription Name: data value too large: ${'x'.repeat(81)} (max length=80)`, fields: ['Name'] });
    expect(results[3]?.errors[0]?.fields).toEqual(['Annual_Amount__c']);
    expect('id' in (results[0] as object)).toBe(false);
  });

  it('refuses duplicate external ids, against stored records and within the request', async () => {
    await conn.sobject('Subscription__c').create([sub({ External_Id__c: 'DUP-1' })]);
    const results = (await conn.sobject('Subscription__c').create([sub({ External_Id__c: 'dup-1' }), sub({ External_Id__c: 'DUP-2' }), sub({ External_Id__c: 'DUP-2' })])) as Result[];
    expect(codes(results)).toEqual(['DUPLICATE_VALUE', 'OK', 'DUPLICATE_VALUE']);
    expect(results[0]?.errors[0]?.message).toMatch(/^duplicate value found: External_Id__c duplicates value on record with id: a0X/);
  });

  it('rolls everything back under allOrNone, marking the valid records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const before = (await conn.query('SELECT COUNT() FROM Subscription__c')).totalSize;
    const results = (await conn.sobject('Subscription__c').create([sub({ Name: 'ok' }), { Name: 'bad' }], { allOrNone: true })) as Result[];
    expect(codes(results)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(results[0]?.errors[0]?.message).toBe('Record rolled back because not all records were valid and the request was using AllOrNone header');
    expect((await conn.query('SELECT COUNT() FROM Subscription__c')).totalSize).toBe(before);
    const [ok] = sf.create('Subscription__c', [sub()]);
    expect(codes(await conn.sobject('Subscription__c').destroy([ok as string, 'bad-id'], { allOrNone: true }))).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'MALFORMED_ID']);
    expect(sf.records('Subscription__c').some((r) => r['Id'] === ok)).toBe(true);
  });

  it('processes records in request order: the same record twice keeps both changes, a second delete finds it deleted', async () => {
    const [id] = sf.create('Lead', [{ LastName: 'Twice', Company: 'T' }]) as [string];
    expect(codes(await conn.sobject('Lead').update([{ Id: id, Title: 'CTO' }, { Id: id, Rating: 'Hot' }]))).toEqual(['OK', 'OK']);
    expect(await conn.sobject('Lead').retrieve(id)).toMatchObject({ Title: 'CTO', Rating: 'Hot' });
    expect(codes(await conn.sobject('Lead').destroy([id, id]))).toEqual(['OK', 'ENTITY_IS_DELETED']);
  });

  it('refuses more than 200 records, unknown fields and ill-typed values for the whole request', async () => {
    const many = Array.from({ length: 201 }, () => ({ attributes: { type: 'Lead' }, LastName: 'x', Company: 'y' }));
    const tooMany = await rest(conn, '/composite/sobjects', { method: 'POST', body: JSON.stringify({ records: many }) });
    expect([tooMany.status, ((await tooMany.json()) as { errorCode: string }[])[0]?.errorCode]).toEqual([400, 'EXCEEDED_ID_LIMIT']);
    expect((await failure(conn.sobject('Lead').create([{ LastName: 'x', Company: 'y', Bogus__c: 1 }]))).errorCode).toBe('INVALID_FIELD');
    expect((await failure(conn.sobject('Lead').create([{ LastName: 'x', Company: 'y', AnnualRevenue: 'lots' }]))).errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('answers UNABLE_TO_LOCK_ROW for records under lock contention (retryable)', async () => {
    const [id] = sf.create('Lead', [{ LastName: 'Locked', Company: 'L' }]);
    sf.setRecordLocks({ ids: [id as string] });
    const results = (await conn.sobject('Lead').update([{ Id: id as string, Title: 'x' }])) as Result[];
    expect(results[0]?.errors[0]).toEqual({ statusCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${id}`, fields: [] });
    sf.setRecordLocks({ next: 1 });
    expect(codes(await conn.sobject('Lead').create([{ LastName: 'a', Company: 'b' }, { LastName: 'c', Company: 'd' }]))).toEqual(['UNABLE_TO_LOCK_ROW', 'OK']);
  });

  it('handles single-record resources: create, retrieve, update, delete, and upsert with 201/200/300/404', async () => {
    const created = (await conn.sobject('Contact').create({ LastName: 'Solo', Email: 'solo@example.com' })) as Result;
    expect(created.success).toBe(true);
    const id = created.id as string;
    await conn.sobject('Contact').update({ Id: id, FirstName: 'Han' });
    expect(await conn.sobject('Contact').retrieve(id)).toMatchObject({ Name: 'Han Solo', FirstName: 'Han', MailingAddress: null });
    expect(await conn.sobject('Contact').retrieve([id, '003gK0000000zzz'], { fields: ['LastName'] })).toEqual([
      { attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` }, LastName: 'Solo' },
      null,
    ]);
    const missing = await failure(conn.sobject('Contact').create({ FirstName: 'No last name' }));
    expect([missing.errorCode, missing.message]).toEqual(['REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]']);
    const upsert = (value: string, body: object, query = '') =>
      rest(conn, `/sobjects/Subscription__c/External_Id__c/${value}${query}`, { method: 'PATCH', body: JSON.stringify(body) });
    expect((await upsert('U-1', sub())).status).toBe(201);
    expect((await upsert('U-1', { Seats__c: 2 })).status).toBe(200);
    expect((await upsert('U-2', { Seats__c: 2 }, '?updateOnly=true')).status).toBe(404);
    sf.addField('Contact', { name: 'Legacy_Key__c', type: 'string', label: 'Legacy Key', length: 20, externalId: true });
    sf.create('Contact', [{ LastName: 'One', Legacy_Key__c: 'K' }, { LastName: 'Two', Legacy_Key__c: 'K' }]);
    const multiple = await rest(conn, '/sobjects/Contact/Legacy_Key__c/K', { method: 'PATCH', body: JSON.stringify({ Title: 'x' }) });
    expect([multiple.status, ((await multiple.json()) as string[]).length]).toEqual([300, 2]);
    await conn.sobject('Contact').destroy(id);
    const again = await rest(conn, `/sobjects/Contact/${id}`, { method: 'DELETE' });
    expect([again.status, await again.json()]).toEqual([404, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }]]);
    expect((await failure(conn.sobject('Contact').retrieve(id))).errorCode).toBe('NOT_FOUND');
  });
});
