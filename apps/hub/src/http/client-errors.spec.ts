import { clientErrorResponse } from './client-errors';

describe(clientErrorResponse.name, () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'Request Header Fields Too Large'],
    ['HPE_INVALID_METHOD', 400, 'Bad Request'],
    ['HPE_INVALID_CONTENT_LENGTH', 400, 'Bad Request'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'Request Timeout'],
    [undefined, 400, 'Bad Request'],
  ])('%s → %i problem+json, connection closed', (code, status, title) => {
    const text = clientErrorResponse(code);
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} ${title}\r\n`));
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain('Connection: close');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ type: 'about:blank', title, status, detail: expect.any(String) });
  });
});
