import type { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, json, startWithClient } from './test-support/dataverse-test-client';

type ErrorBody = { error: { code: string; message: string } };

describe(startDataverseEmulator.name, () => {
  describe('writes', () => {
    let dv: DataverseEmulator;
    let token: string;
    let client: DynamicsWebApi;

    beforeAll(async () => {
      ({ dv, token, client } = await startWithClient());
    });
    afterAll(() => dv.close());
    beforeEach(() => dv.counters.reset());

    it('creates with 204 and OData-EntityId, or 201 with the row for return=representation', async () => {
      const res = await api(dv, token, 'accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Fabrikam' }) });
      expect(res.status).toBe(204);
      const entityId = res.headers.get('odata-entityid') as string;
      expect(entityId).toMatch(new RegExp(`^${dv.apiUrl.replace(/\./g, '\\.')}/accounts\\([0-9a-f-]{36}\\)$`));
      const id = await client.create<object, string>({ collection: 'accounts', data: { name: 'Litware' } });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const row = await client.create<Record<string, unknown>, Record<string, unknown>>({
        collection: 'contacts',
        data: { firstname: 'Ana', lastname: 'Lopez', 'parentcustomerid_account@odata.bind': `/accounts(${id})`, birthdate: '1990-05-17' },
        returnRepresentation: true,
        select: ['fullname', '_parentcustomerid_value', 'birthdate', 'statecode', 'statuscode', 'donotemail'],
      });
      expect(row).toMatchObject({ fullname: 'Ana Lopez', _parentcustomerid_value: id, birthdate: '1990-05-17', statecode: 0, statuscode: 1, donotemail: false });
      expect(row['@odata.context']).toBe(`${dv.apiUrl}/$metadata#contacts/$entity`);
      expect(dv.counters.get('create')).toBe(3);
    });

    it('upserts by id and by alternate key; If-Match: * only updates, If-None-Match: * only creates', async () => {
      const id = '6a6f7e2e-8f1c-4c8f-9a5e-0c2b8d1e0001';
      await client.upsert({ collection: 'accounts', key: id, data: { name: 'Created by upsert' } });
      await client.upsert({ collection: 'accounts', key: id, data: { name: 'Updated by upsert' } });
      expect((await client.retrieve({ collection: 'accounts', key: id, select: ['name'] })).name).toBe('Updated by upsert');

      const updateOnly = await api(dv, token, 'accounts(6a6f7e2e-8f1c-4c8f-9a5e-0c2b8d1e0002)', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(updateOnly.status).toBe(404);
      expect(await updateOnly.json()).toEqual({ error: { code: '0x80040217', message: 'account With Id = 6a6f7e2e-8f1c-4c8f-9a5e-0c2b8d1e0002 Does Not Exist' } });
      const createOnly = await api(dv, token, `accounts(${id})`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(createOnly.status).toBe(412);
      expect(await createOnly.json()).toEqual({ error: { code: '0x80040237', message: 'A record with matching key values already exists.' } });
      expect(await client.update({ collection: 'accounts', key: id, data: { name: 'Plain update' } })).toBe(true);

      await client.upsert({ collection: 'new_subscriptions', key: "new_code='SUB-1'", data: { new_name: 'Silver', new_channels: '727000000, 727000002' } });
      await client.upsert({ collection: 'new_subscriptions', key: "new_code='SUB-1'", data: { new_name: 'Gold' } });
      const subs = dv.rows('new_subscription');
      expect(subs).toHaveLength(1);
      expect(subs[0]).toMatchObject({ new_code: 'SUB-1', new_name: 'Gold', new_channels: '727000000,727000002' });
      // Custom lookups bind through their schema-named navigation property; the logical name is refused.
      await client.update({ collection: 'new_subscriptions', key: "new_code='SUB-1'", data: { 'new_AccountId@odata.bind': `accounts(${id})` } });
      expect(dv.rows('new_subscription')[0]?.['_new_accountid_value']).toBe(id);
      const wrongCase = await api(dv, token, "new_subscriptions(new_code='SUB-1')", {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ 'new_accountid@odata.bind': `/accounts(${id})` }),
      });
      expect(((await wrongCase.json()) as ErrorBody).error.message).toMatch(/An undeclared property 'new_accountid' which only has property annotations/);
      expect(dv.counters.get('upsert')).toBe(6);
      expect(dv.counters.get('update')).toBe(3);
    });

    it('validates from metadata with the real error codes', async () => {
      const post = async (set: string, body: object) => {
        const res = await api(dv, token, set, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: await json<ErrorBody>(res) };
      };
      expect(await post('accounts', { name: 'x'.repeat(161) })).toEqual({
        status: 400,
        body: { error: { code: '0x80044331', message: "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'." } },
      });
      expect(await post('accounts', { name: 'x', industrycode: 99 })).toEqual({
        status: 400,
        body: { error: { code: '0x8004431A', message: `A validation error occurred. The value 99 of 'industrycode' on record of type 'account' is outside the valid range. Accepted Values: ${Array.from({ length: 33 }, (_, i) => i + 1).join(',')}` } },
      });
      expect((await post('new_subscriptions', { new_channels: '727000000,5' })).body.error.code).toBe('0x8004431A');
      expect((await post('new_subscriptions', { new_startdate: '2026-01-01T10:00:00Z' })).body.error.code).toBe('0x80048d19');
      expect((await post('accounts', { Name: 'x' })).body.error.message).toMatch(/The property 'Name' does not exist on type 'Microsoft.Dynamics.CRM.account'/);
      // statecode is not valid for create (the account reference): a create ignores it and starts Active.
      const created = await api(dv, token, 'accounts?$select=statecode,statuscode', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
        body: JSON.stringify({ name: 'Inactive?', statecode: 1 }),
      });
      const row = await json<{ accountid: string }>(created);
      expect(row).toMatchObject({ statecode: 0, statuscode: 1 });
      const patch = async (changes: object) =>
        json<ErrorBody>(await api(dv, token, `accounts(${row.accountid})`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(changes) }));
      expect((await patch({ statecode: null })).error.code).toBe('0x80044331');
      expect((await patch({ statecode: 1, statuscode: 1 })).error.code).toBe('0x80040203');
      expect((await post('contacts', { 'parentcustomerid_account@odata.bind': '/accounts(00000000-0000-0000-0000-0000000000aa)' })).status).toBe(404);
      dv.create('new_subscription', [{ new_code: 'DUP' }]);
      const duplicate = await post('new_subscriptions', { new_code: 'dup' });
      expect(duplicate.status).toBe(412);
      expect(duplicate.body.error.code).toBe('0x80060892');
    });

    it('deletes with 204, then answers 404; dynamics-web-api deleteRecord works', async () => {
      const id = await client.create<object, string>({ collection: 'leads', data: { lastname: 'Doe', subject: 'Interest' } });
      expect(await client.deleteRecord({ collection: 'leads', key: id })).toBe(true);
      const again = await api(dv, token, `leads(${id})`, { method: 'DELETE' });
      expect(again.status).toBe(404);
      expect(dv.counters.get('delete')).toBe(2);
    });

    it('stamps modifiedon in whole seconds and bumps versionnumber and the etag on every write', async () => {
      const [id] = dv.create('account', [{ name: 'Stamped' }]);
      const before = dv.rows('account').find((r) => r['accountid'] === id) as Record<string, unknown>;
      dv.clock.advance(1500);
      dv.update('account', [id as string], { telephone1: '555' });
      const after = dv.rows('account').find((r) => r['accountid'] === id) as Record<string, unknown>;
      expect(after['modifiedon']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(after['modifiedon']).not.toBe(before['modifiedon']);
      expect(Number(after['versionnumber'])).toBeGreaterThan(Number(before['versionnumber']));
      expect(after['@odata.etag']).toBe(`W/"${String(after['versionnumber'])}"`);
      const stale = await api(dv, token, `accounts(${id})`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': before['@odata.etag'] as string },
        body: '{"name":"late"}',
      });
      expect(stale.status).toBe(412);
    });
  });
});
