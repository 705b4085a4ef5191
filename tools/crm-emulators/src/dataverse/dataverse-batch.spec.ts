import type { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator } from './start-dataverse-emulator';
import type { DataverseEmulator } from './dataverse-emulator.types';
import { api, startWithClient } from './test-support/dataverse-test-client';

function batchBody(boundary: string, parts: string[]): string {
  return parts.map((p) => `--${boundary}\r\n${p}`).join('\r\n') + `\r\n--${boundary}--\r\n`;
}

function operation(method: string, url: string, body?: object, headers: string[] = []): string {
  const content = body ? `Content-Type: application/json; type=entry\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${JSON.stringify(body)}` : `${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
  return `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n${method} ${url} HTTP/1.1\r\n${content}`;
}

function changeset(boundary: string, ops: { id: string; op: string }[]): string {
  const inner = ops.map(({ id, op }) => op.replace('Content-Transfer-Encoding: binary\r\n', `Content-Transfer-Encoding: binary\r\nContent-ID: ${id}\r\n`));
  return `Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n${batchBody(boundary, inner)}`;
}

describe(startDataverseEmulator.name, () => {
  describe('$batch', () => {
    let dv: DataverseEmulator;
    let token: string;
    let client: DynamicsWebApi;

    beforeEach(async () => {
      ({ dv, token, client } = await startWithClient());
    });
    afterEach(() => dv.close());

    const post = (body: string, prefer?: string) =>
      api(dv, token, '$batch', {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary="batch_1"', ...(prefer ? { Prefer: prefer } : {}) },
        body,
      });

    it('runs a dynamics-web-api batch: a change set of creates and a GET outside it', async () => {
      dv.seed('account', 2);
      client.startBatch();
      client.create({ collection: 'accounts', data: { name: 'Batch A' } });
      client.create({ collection: 'contacts', data: { lastname: 'Batch B' } });
      client.retrieveMultiple({ collection: 'accounts', select: ['name'] });
      const results = await client.executeBatch();
      expect(results[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(results[1]).toMatch(/^[0-9a-f-]{36}$/);
      expect(results[2].value).toHaveLength(3);
      expect(dv.counters.get('batch')).toBe(1);
      expect(dv.counters.get('batch.operation')).toBe(3);
      expect(dv.counters.get('create')).toBe(0);
    });

    it('writes the multipart response format of the docs, with Content-ID references inside a change set', async () => {
      const body = batchBody('batch_1', [
        changeset('changeset_1', [
          { id: '1', op: operation('POST', `${dv.apiUrl}/accounts`, { name: 'Parent' }) },
          { id: '2', op: operation('POST', '/api/data/v9.2/contacts', { lastname: 'Child', 'parentcustomerid_account@odata.bind': '$1' }) },
          { id: '3', op: operation('PATCH', '$1', { telephone1: '555' }) },
        ]),
        operation('GET', 'accounts?$select=name,telephone1'),
      ]);
      const res = await post(body);
      expect(res.status).toBe(200);
      const contentType = res.headers.get('content-type') as string;
      expect(contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
      const text = await res.text();
      const boundary = contentType.split('boundary=')[1] as string;
      expect(text.startsWith(`--${boundary}\r\nContent-Type: multipart/mixed; boundary=changesetresponse_`)).toBe(true);
      expect(text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1\.1 204 No Content\r\nOData-Version: 4\.0\r\nOData-EntityId: https:\/\/localhost:\d+\/api\/data\/v9\.2\/accounts\([0-9a-f-]{36}\)\r\nLocation: /);
      expect(text).toContain('HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal');
      expect(text.trimEnd().endsWith(`--${boundary}--`)).toBe(true);
      const [contact] = dv.rows('contact');
      const [account] = dv.rows('account');
      expect(contact?.['_parentcustomerid_value']).toBe(account?.['accountid']);
      expect(account?.['telephone1']).toBe('555');
    });

    it('rolls a failing change set back, and stops at the first failure unless odata.continue-on-error', async () => {
      const failing = changeset('changeset_2', [
        { id: '1', op: operation('POST', 'accounts', { name: 'Rolled back' }) },
        { id: '2', op: operation('POST', 'accounts', { name: 'x'.repeat(200) }) },
      ]);
      const stopped = await post(batchBody('batch_1', [failing, operation('POST', 'accounts', { name: 'Never runs' })]));
      expect(stopped.status).toBe(400);
      expect(await stopped.text()).toContain('{"error":{"code":"0x80044331"');
      expect(dv.rows('account')).toEqual([]);

      const continued = await post(batchBody('batch_1', [failing, operation('POST', 'accounts', { name: 'Runs anyway' })]), 'odata.continue-on-error');
      expect(continued.status).toBe(200);
      expect(dv.rows('account').map((r) => r['name'])).toEqual(['Runs anyway']);

      client.startBatch();
      client.create({ collection: 'accounts', data: { name: 'y'.repeat(200) } });
      client.create({ collection: 'accounts', data: { name: 'fine' } });
      const results = await client.executeBatch({ inChangeSet: false, continueOnError: true });
      expect(results[0]).toMatchObject({ status: 400, error: { code: '0x80044331' } });
      expect(results[1]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses more than 1,000 operations, GET inside change sets, and undeclared Content-ID references', async () => {
      const many = batchBody('batch_1', Array.from({ length: 1001 }, () => operation('GET', 'WhoAmI')));
      const tooMany = await post(many);
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/maximum number of requests in a batch is 1000/);
      const get = await post(batchBody('batch_1', [changeset('cs', [{ id: '1', op: operation('GET', 'accounts') }])]));
      expect(await get.text()).toContain('GET requests are not allowed inside a change set.');
      const reference = await post(batchBody('batch_1', [changeset('cs', [{ id: '1', op: operation('PATCH', '$7', { name: 'x' }) }])]));
      expect(await reference.text()).toContain("Content-ID Reference: '$7' does not exist in the batch context.");
    });
  });
});
