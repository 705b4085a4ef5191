import { boundaryOf, parseBatch } from './multipart-parser';
import { writeBatchResponse } from './multipart-writer';

describe(parseBatch.name, () => {
  it('reads operations and change sets with CRLF or LF line ends', () => {
    const body = [
      '--batch_x',
      'Content-Type: multipart/mixed; boundary="changeset_y"',
      '',
      '--changeset_y',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'POST https://org.crm.dynamics.com/api/data/v9.2/accounts HTTP/1.1',
      'Content-Type: application/json; type=entry',
      '',
      '{"name":"A"}',
      '--changeset_y--',
      '--batch_x',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'GET accounts?$select=name HTTP/1.1',
      'Accept: application/json',
      '',
      '',
      '--batch_x--',
      '',
    ];
    for (const eol of ['\r\n', '\n']) {
      expect(parseBatch(body.join(eol), 'batch_x')).toEqual([
        {
          kind: 'changeset',
          operations: [
            {
              contentId: '1',
              method: 'POST',
              url: 'https://org.crm.dynamics.com/api/data/v9.2/accounts',
              headers: { 'content-type': 'application/json; type=entry' },
              body: '{"name":"A"}',
            },
          ],
        },
        { kind: 'operation', operation: { contentId: undefined, method: 'GET', url: 'accounts?$select=name', headers: { accept: 'application/json' }, body: '' } },
      ]);
    }
  });

  it('reads the boundary from quoted and unquoted Content-Type values, and refuses others', () => {
    expect(boundaryOf('multipart/mixed; boundary="batch_1"')).toBe('batch_1');
    expect(boundaryOf('multipart/mixed;boundary=dwa_batch_2')).toBe('dwa_batch_2');
    expect(() => boundaryOf('application/json')).toThrow(/multipart\/mixed/);
    expect(() => parseBatch('--b\r\nContent-Type: application/http\r\n\r\nGET x HTTP/1.1\r\n', 'b')).toThrow(/closing delimiter/);
  });

  it('writes responses that parse back as multipart with batchresponse/changesetresponse boundaries', () => {
    const { contentType, body } = writeBatchResponse([
      { kind: 'changeset', parts: [{ contentId: '1', response: { status: 204, headers: { 'OData-Version': '4.0' } } }] },
      { kind: 'operation', part: { response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { value: [] } } } },
    ]);
    const boundary = boundaryOf(contentType);
    expect(boundary).toMatch(/^batchresponse_/);
    expect(body).toContain('Content-ID: 1\r\n\r\nHTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\n');
    expect(body).toContain('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"value":[]}');
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });
});
