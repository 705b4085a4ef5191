import { parseBatchResponse, writeBatch } from './batch-format';

const ID = 'd31ba648-c592-ed11-aad1-000d3a993550';

describe(writeBatch.name, () => {
  it('writes one application/http part per operation, CRLF line ends, in order, with the closing delimiter', () => {
    const { boundary, body } = writeBatch(
      '/api/data/v9.2/',
      [
        { method: 'POST', url: 'contacts', body: '{"lastname":"Ada"}' },
        { method: 'PATCH', url: `contacts(${ID})`, headers: { 'If-Match': '*' }, body: '{"firstname":"B"}' },
        { method: 'DELETE', url: `contacts(${ID})` },
      ],
      'batch_fixed',
    );
    expect(boundary).toBe('batch_fixed');
    expect(body).toBe(
      [
        '--batch_fixed',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        'Content-ID: 1',
        '',
        'POST /api/data/v9.2/contacts HTTP/1.1',
        'Content-Type: application/json; type=entry',
        '',
        '{"lastname":"Ada"}',
        '--batch_fixed',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        'Content-ID: 2',
        '',
        `PATCH /api/data/v9.2/contacts(${ID}) HTTP/1.1`,
        'Content-Type: application/json; type=entry',
        'If-Match: *',
        '',
        '{"firstname":"B"}',
        '--batch_fixed',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        'Content-ID: 3',
        '',
        `DELETE /api/data/v9.2/contacts(${ID}) HTTP/1.1`,
        '',
        '',
        '--batch_fixed--',
        '',
      ].join('\r\n'),
    );
  });

  it('makes a unique boundary per batch', () => {
    expect(writeBatch('/x/', []).boundary).not.toBe(writeBatch('/x/', []).boundary);
  });
});

describe(parseBatchResponse.name, () => {
  // The continue-on-error example of execute-batch-operations-using-web-api.md, as sent (CRLF).
  const documented = [
    '--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 400 Bad Request',
    'REQ_ID: de4c5227-4a28-4ebd-8ced-3392ece1697b',
    'Content-Type: application/json; odata.metadata=minimal',
    'OData-Version: 4.0',
    '',
    `{"error":{"code":"0x80044331","message":"A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'."}}`,
    '--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 204 No Content',
    'OData-Version: 4.0',
    'Location: https://org.example.com/api/data/v9.2/tasks(aed2ae8b-3c94-ed11-aad1-000d3a9933c9)',
    'OData-EntityId: https://org.example.com/api/data/v9.2/tasks(aed2ae8b-3c94-ed11-aad1-000d3a9933c9)',
    '',
    '',
    '--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 201 Created',
    'Content-Type: application/json; odata.metadata=minimal',
    '',
    '{"@odata.etag":"W/\\"71004878\\"","taskid":"b181a991-3c94-ed11-aad1-000d3a9933c9"}',
    '--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139--',
    '',
  ].join('\r\n');

  it('gives one response per part, in order, with status, lower-case headers and body', () => {
    const parts = parseBatchResponse('multipart/mixed; boundary=batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139', documented);
    expect(parts.map((p) => p.status)).toEqual([400, 204, 201]);
    expect(JSON.parse(parts[0]?.body ?? '')).toEqual({ error: expect.objectContaining({ code: '0x80044331' }) });
    expect(parts[1]?.headers['odata-entityid']).toBe('https://org.example.com/api/data/v9.2/tasks(aed2ae8b-3c94-ed11-aad1-000d3a9933c9)');
    expect(parts[1]?.body).toBe('');
    expect(JSON.parse(parts[2]?.body ?? '').taskid).toBe('b181a991-3c94-ed11-aad1-000d3a9933c9');
  });

  it('accepts a quoted boundary and bare LF line ends, and flattens change sets', () => {
    const body = [
      '--b1',
      'Content-Type: multipart/mixed; boundary=cs1',
      '',
      '--cs1',
      'Content-Type: application/http',
      'Content-ID: 1',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--cs1',
      'Content-Type: application/http',
      'Content-ID: 2',
      '',
      'HTTP/1.1 404 Not Found',
      '',
      '{"error":{"code":"0x80040217","message":"gone"}}',
      '--cs1--',
      '--b1',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 200 OK',
      '',
      '{}',
      '--b1--',
    ].join('\n');
    expect(parseBatchResponse('multipart/mixed; boundary="b1"', body).map((p) => p.status)).toEqual([204, 404, 200]);
  });

  it('refuses a response without a boundary', () => {
    expect(() => parseBatchResponse('application/json', '{}')).toThrow(/boundary/);
  });
});
